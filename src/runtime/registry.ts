/**
 * HandlerRegistry: callable → handler class, checked against the templates.
 *
 * Tasker's own worker finds a missing handler only when a step runs. This
 * registry can `verify` the templates up front (callables without a handler,
 * handlers no template uses, callables registered twice, `depends` naming a
 * step that is not an ancestor) and `assertVerified` them at worker start-up.
 * `run` executes a step like the worker does, optionally validating the task
 * input and the handler's result against the template's schemas.
 */

import { ancestorMap } from '../model/dag.js';
import { closestNames } from '../model/suggest.js';
import type { JsonValue, StepDefinition, TaskTemplate } from '../model/template.js';
import type { StepContext } from './context.js';
import type { HandlerKind } from './handler.js';
import { ErrorType, StepHandlerResult, wrapError, wrapResult } from './result.js';
import { describeViolation, type RuntimeLogger, SchemaValidators, type SchemaViolation, type ValidationMode } from './validation.js';
import {
  at,
  callableMismatches,
  compare,
  didYouMean,
  type MissingHandler,
  type StepLocation,
  stepLocation,
  type TemplateSource,
  templateLabel,
  templateList,
  type UnusedHandler,
} from './verify.js';

/** Anything the registry accepts: a handler class built by the DSL, or a StepHandler subclass. */
export interface RegistrableHandler {
  new (): { call(context: StepContext): unknown };
  readonly name: string;
  readonly handlerName?: string;
  readonly handlerVersion?: string;
  readonly kind?: HandlerKind;
  readonly depends?: Readonly<Record<string, string>>;
  readonly inputs?: Readonly<Record<string, string>>;
}

/** A dynamic lookup, tried when no handler is registered under the callable. */
export type HandlerResolver = (callable: string) => RegistrableHandler | undefined;

export interface HandlerRegistryOptions {
  /** Run-time schema validation. Default: 'off'. */
  validate?: ValidationMode;
  /** The templates whose `input_schema` / `result_schema` `run` validates against (required unless validate is 'off'). */
  templates?: TemplateSource;
  /** Receives `warn`-mode mismatches and unusable schemas. Default: console. */
  logger?: RuntimeLogger;
  /** Dynamic lookups, tried in order after the explicit registrations. */
  resolvers?: readonly HandlerResolver[];
}

export interface DuplicateRegistration {
  kind: 'duplicate-registration';
  callable: string;
  /** How many different handler classes were registered under the callable (the last one wins). */
  count: number;
  message: string;
}

export interface InvalidDepends extends StepLocation {
  kind: 'invalid-depends';
  callable: string;
  /** The argument name in `depends`. */
  param: string;
  /** The step it names. */
  dependsOn: string;
  /** `unknown-step`: no such step in the template; `not-an-ancestor`: a step, but not upstream of this one. */
  reason: 'unknown-step' | 'not-an-ancestor';
  /** The steps whose results this step does receive. */
  ancestors: string[];
  message: string;
}

export type RegistryMismatch = MissingHandler | UnusedHandler | DuplicateRegistration | InvalidDepends;

export interface RegistryReport {
  /** True when there is no mismatch. */
  ok: boolean;
  /** Every mismatch, in this order: duplicates, missing handlers, invalid depends, unused handlers. */
  mismatches: RegistryMismatch[];
  missingHandlers: MissingHandler[];
  unusedHandlers: UnusedHandler[];
  duplicateRegistrations: DuplicateRegistration[];
  invalidDepends: InvalidDepends[];
}

/** Thrown by `assertVerified`: every mismatch at once. */
export class RegistryMismatchError extends Error {
  readonly report: RegistryReport;
  readonly mismatches: RegistryMismatch[];

  constructor(report: RegistryReport) {
    const count = report.mismatches.length;
    const lines = report.mismatches.map((m) => `  - ${m.message}`);
    super(`handler registry does not match the templates (${count} mismatch${count === 1 ? '' : 'es'}):\n${lines.join('\n')}`);
    this.name = 'RegistryMismatchError';
    this.report = report;
    this.mismatches = report.mismatches;
  }
}

interface StepUse {
  template: TaskTemplate;
  step: StepDefinition;
}

export class HandlerRegistry {
  private readonly handlers = new Map<string, RegistrableHandler>();
  /** Distinct classes registered per callable, for duplicate reports. */
  private readonly history = new Map<string, RegistrableHandler[]>();
  private readonly resolvers: readonly HandlerResolver[];
  private readonly mode: ValidationMode;
  private readonly logger: RuntimeLogger;
  private readonly uses = new Map<string, StepUse[]>();
  private readonly validators = new SchemaValidators();
  private readonly unusable = new Set<unknown>();

  constructor(options: HandlerRegistryOptions = {}) {
    this.mode = options.validate ?? 'off';
    if (!['off', 'warn', 'strict'].includes(this.mode))
      throw new TypeError(`validate must be 'off', 'warn' or 'strict', got ${JSON.stringify(this.mode)}`);
    if (this.mode !== 'off' && !options.templates) {
      throw new TypeError(`validate: '${this.mode}' needs the templates to validate against (options.templates)`);
    }
    this.logger = options.logger ?? console;
    this.resolvers = [...(options.resolvers ?? [])];
    for (const template of templateList(options.templates)) {
      for (const step of template.steps) pushTo(this.uses, step.handler.callable, { template, step });
    }
  }

  /** The validation mode given to the constructor. */
  get validation(): ValidationMode {
    return this.mode;
  }

  /** Registers a handler under its static `handlerName`. */
  register(handler: RegistrableHandler): this;
  /** Registers a handler under an explicit callable. */
  register(callable: string, handler: RegistrableHandler): this;
  register(first: string | RegistrableHandler, second?: RegistrableHandler): this {
    const handler = typeof first === 'string' ? second : first;
    if (typeof handler !== 'function') throw new TypeError('register expects a handler class');
    const callable = typeof first === 'string' ? first : handler.handlerName;
    if (typeof callable !== 'string' || callable === '') {
      throw new TypeError(
        `cannot register ${handler.name || 'an anonymous class'}: it has no static handlerName; use register(callable, handler)`,
      );
    }
    const seen = this.history.get(callable) ?? [];
    if (!seen.includes(handler)) seen.push(handler);
    this.history.set(callable, seen);
    this.handlers.set(callable, handler);
    return this;
  }

  /** The handler for a callable: the explicit registration first, then the resolvers. */
  resolve(callable: string): RegistrableHandler | undefined {
    const explicit = this.handlers.get(callable);
    if (explicit) return explicit;
    for (const resolver of this.resolvers) {
      const found = resolver(callable);
      if (found) return found;
    }
    return undefined;
  }

  has(callable: string): boolean {
    return this.resolve(callable) !== undefined;
  }

  /** The explicitly registered callables, sorted. */
  list(): string[] {
    return [...this.handlers.keys()].sort(compare);
  }

  /** The SDK's name for `list` (what `verifyCallables` reads). */
  listHandlers(): string[] {
    return this.list();
  }

  /** Compares the registrations with the templates (default: the constructor's templates). */
  verify(templates?: TemplateSource): RegistryReport {
    const list = templates === undefined ? [...new Set([...this.uses.values()].flat().map((u) => u.template))] : templateList(templates);
    const duplicateRegistrations: DuplicateRegistration[] = [];
    const invalidDepends: InvalidDepends[] = [];

    for (const [callable, seen] of [...this.history].sort((a, b) => compare(a[0], b[0]))) {
      if (seen.length < 2) continue;
      duplicateRegistrations.push({
        kind: 'duplicate-registration',
        callable,
        count: seen.length,
        message: `callable "${callable}" is registered ${seen.length} times with different handler classes${describeClasses(seen, callable)}; the last registration wins`,
      });
    }

    const { missingHandlers, unusedHandlers } = callableMismatches(list, this.list(), (callable) => this.resolve(callable) !== undefined);
    for (const template of list) {
      const label = templateLabel(template);
      const stepNames = new Set(template.steps.map((s) => s.name));
      const ancestors = ancestorMap(template.steps.map((s) => ({ name: s.name, dependencies: s.dependencies.map((d) => d.step) })));
      for (const step of template.steps) {
        const callable = step.handler.callable;
        const handler = this.resolve(callable);
        if (!handler) continue;
        const where = stepLocation(template, step, label);
        const upstream = ancestors.get(step.name) ?? new Set<string>();
        for (const [param, dependsOn] of Object.entries(handler.depends ?? {})) {
          if (upstream.has(dependsOn)) continue;
          const reason = stepNames.has(dependsOn) ? 'not-an-ancestor' : 'unknown-step';
          const ancestorList = [...upstream].sort(compare);
          const detail =
            reason === 'unknown-step'
              ? `which is not a step of ${label}${didYouMean(closestNames(dependsOn, [...stepNames]))}`
              : dependsOn === step.name
                ? 'which is the step itself'
                : `which is not upstream of "${step.name}" (its ancestors: ${ancestorList.length ? ancestorList.join(', ') : 'none'}), so its result is never passed in`;
          invalidDepends.push({
            kind: 'invalid-depends',
            callable,
            ...where,
            param,
            dependsOn,
            reason,
            ancestors: ancestorList,
            message: `${at(where)}handler "${callable}" of step "${step.name}" (${label}) declares depends.${param} = "${dependsOn}", ${detail}`,
          });
        }
      }
    }

    const mismatches: RegistryMismatch[] = [...duplicateRegistrations, ...missingHandlers, ...invalidDepends, ...unusedHandlers];
    return { ok: mismatches.length === 0, mismatches, missingHandlers, unusedHandlers, duplicateRegistrations, invalidDepends };
  }

  /** `verify`, throwing one RegistryMismatchError listing every mismatch. */
  assertVerified(templates?: TemplateSource): RegistryReport {
    const report = this.verify(templates);
    if (!report.ok) throw new RegistryMismatchError(report);
    return report;
  }

  /**
   * Runs the handler of `callable` on `context`, as the worker does: an
   * unknown callable gives a `handler_not_found` failure (not retryable)
   * naming the closest registered callables; anything the handler throws is
   * classified; with validation on, the task input is checked against
   * `input_schema` before the handler runs and a success result against
   * `result_schema` after.
   */
  async run(callable: string, context: StepContext): Promise<StepHandlerResult> {
    const Handler = this.resolve(callable);
    if (!Handler) {
      const suggestions = closestNames(callable, this.list());
      return StepHandlerResult.failure(`Handler not found: ${callable}${didYouMean(suggestions)}`, ErrorType.HANDLER_NOT_FOUND, false, {
        callable,
        suggestions,
      });
    }
    const use = this.mode === 'off' ? undefined : this.useFor(callable, context.stepName);
    if (use?.template.inputSchema) {
      const failed = await this.validate('input', use, use.template.inputSchema.schema, context.inputData);
      if (failed) return failed;
    }
    let result: StepHandlerResult;
    try {
      const raw = await new Handler().call(context);
      result = wrapResult(raw);
    } catch (error) {
      result = wrapError(error);
    }
    if (use?.step.resultSchema && result.success) {
      const failed = await this.validate('result', use, use.step.resultSchema.schema, result.result);
      if (failed) return failed;
    }
    return result;
  }

  private useFor(callable: string, stepName: string): StepUse | undefined {
    const uses = this.uses.get(callable);
    if (!uses) return undefined;
    return uses.find((u) => u.step.name === stepName) ?? uses[0];
  }

  /** Returns the failure to report in strict mode, or undefined to continue. */
  private async validate(
    phase: 'input' | 'result',
    use: StepUse,
    schema: JsonValue,
    data: unknown,
  ): Promise<StepHandlerResult | undefined> {
    const label = templateLabel(use.template);
    const schemaName = phase === 'input' ? 'input_schema' : 'result_schema';
    const check = await this.validators.check(schema, data);
    if (check.status === 'valid') return undefined;
    if (check.status === 'unusable') {
      if (!this.unusable.has(schema)) {
        this.unusable.add(schema);
        this.logger.warn(
          `${schemaName} of ${phase === 'input' ? label : `step "${use.step.name}" of ${label}`} cannot be compiled and is not validated: ${check.reason}`,
          {
            template: label,
            step: use.step.name,
            schema: schemaName,
          },
        );
      }
      return undefined;
    }
    const violations: SchemaViolation[] = check.violations;
    const first = violations[0];
    const more = violations.length > 1 ? ` (and ${violations.length - 1} more)` : '';
    const subject =
      phase === 'input'
        ? `task input does not match input_schema of ${label}`
        : `result of step "${use.step.name}" (${label}) does not match its result_schema`;
    const message = `${subject}: ${first ? describeViolation(first) : 'invalid'}${more}`;
    const details = {
      phase,
      schema: schemaName,
      template: label,
      step: use.step.name,
      pointer: first?.pointer ?? '',
      violations: violations.slice(0, 20),
    };
    if (this.mode === 'warn') {
      this.logger.warn(message, details);
      return undefined;
    }
    return StepHandlerResult.failure(
      message,
      ErrorType.VALIDATION_ERROR,
      false,
      details,
      phase === 'input' ? 'INPUT_SCHEMA_MISMATCH' : 'RESULT_SCHEMA_MISMATCH',
    );
  }
}

/** ` (A, B)` when the classes have names of their own (DSL classes are named after their callable). */
function describeClasses(classes: readonly RegistrableHandler[], callable: string): string {
  const names = classes.map((h) => h.name || 'anonymous');
  return names.some((n) => n !== callable) ? ` (${names.join(', ')})` : '';
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
