/**
 * The start-up check a worker runs before it polls: every template callable
 * has a handler in the registry, and every registered handler is used by a
 * template. `registry` is anything with `listHandlers()`: the SDK's
 * HandlerRegistry (or `new WorkerServer().getHandlerSystem()`), or this
 * runtime's. Importing this module loads nothing from the toolchain.
 */

import { closestNames, quoteList } from '../model/suggest.js';
import type { StepDefinition, TaskTemplate } from '../model/template.js';

/** What `verifyCallables` needs of a registry. */
export interface CallableRegistry {
  listHandlers(): string[];
}

/** Templates, or the result of `loadTemplates`. */
export type TemplateSource = readonly TaskTemplate[] | { readonly templates: readonly TaskTemplate[] };

/** Where a step is declared. */
export interface StepLocation {
  /** `namespace/name:version`. */
  template: string;
  step: string;
  /** File, line and column of the step's `handler.callable` (when the template came from a file). */
  file?: string;
  line?: number;
  column?: number;
}

export interface MissingHandler extends StepLocation {
  kind: 'missing-handler';
  callable: string;
  /** Registered callables close to this one. */
  suggestions: string[];
  message: string;
}

export interface UnusedHandler {
  kind: 'unused-handler';
  callable: string;
  /** Template callables with no handler that are close to this one (likely typos). */
  suggestions: string[];
  message: string;
}

export interface CallableReport {
  /** True when every callable has a handler and every handler is used. */
  ok: boolean;
  /** Missing handlers first, then unused ones. */
  mismatches: Array<MissingHandler | UnusedHandler>;
  missingHandlers: MissingHandler[];
  unusedHandlers: UnusedHandler[];
}

/** Thrown by `assertCallables`: every mismatch at once. */
export class CallableMismatchError extends Error {
  readonly report: CallableReport;

  constructor(report: CallableReport) {
    const count = report.mismatches.length;
    super(
      `handlers do not match the templates (${count} mismatch${count === 1 ? '' : 'es'}):\n${report.mismatches.map((m) => `  - ${m.message}`).join('\n')}`,
    );
    this.name = 'CallableMismatchError';
    this.report = report;
  }
}

/** Compares a registry's handlers with the templates' callables; never throws. */
export function verifyCallables(registry: CallableRegistry, templates: TemplateSource): CallableReport {
  const registered = [...new Set(registry.listHandlers())].sort(compare);
  const known = new Set(registered);
  const { missingHandlers, unusedHandlers } = callableMismatches(templateList(templates), registered, (callable) => known.has(callable));
  const mismatches = [...missingHandlers, ...unusedHandlers];
  return { ok: mismatches.length === 0, mismatches, missingHandlers, unusedHandlers };
}

/** `verifyCallables`, throwing one readable CallableMismatchError when anything is off. */
export function assertCallables(registry: CallableRegistry, templates: TemplateSource): CallableReport {
  const report = verifyCallables(registry, templates);
  if (!report.ok) throw new CallableMismatchError(report);
  return report;
}

/** The template callables without a handler (each with its step and file), and the registered callables no step uses. */
export function callableMismatches(
  templates: readonly TaskTemplate[],
  registered: readonly string[],
  has: (callable: string) => boolean,
): { missingHandlers: MissingHandler[]; unusedHandlers: UnusedHandler[] } {
  const used = new Set<string>();
  const missingHandlers: MissingHandler[] = [];
  for (const template of templates) {
    const label = templateLabel(template);
    for (const step of template.steps) {
      const callable = step.handler.callable;
      used.add(callable);
      if (has(callable)) continue;
      const where = stepLocation(template, step, label);
      const suggestions = closestNames(callable, registered);
      missingHandlers.push({
        kind: 'missing-handler',
        callable,
        ...where,
        suggestions,
        message: `${at(where)}step "${step.name}" of ${label} uses callable "${callable}", which has no registered handler${didYouMean(suggestions)}`,
      });
    }
  }
  const missingCallables = [...new Set(missingHandlers.map((m) => m.callable))];
  const unusedHandlers: UnusedHandler[] = registered
    .filter((callable) => !used.has(callable))
    .map((callable) => {
      const suggestions = closestNames(callable, missingCallables);
      return {
        kind: 'unused-handler' as const,
        callable,
        suggestions,
        message: `handler "${callable}" is registered but no template step uses it${suggestions.length ? ` (a template uses ${quoteList(suggestions)}: a typo?)` : ''}`,
      };
    });
  return { missingHandlers, unusedHandlers };
}

export function templateList(source: TemplateSource | undefined): readonly TaskTemplate[] {
  if (!source) return [];
  return Array.isArray(source) ? source : (source as { templates: readonly TaskTemplate[] }).templates;
}

/** `namespace/name:version`, as Tasker names templates. */
export function templateLabel(template: TaskTemplate): string {
  return `${template.namespaceName}/${template.name}:${template.version}`;
}

export function stepLocation(template: TaskTemplate, step: StepDefinition, label: string): StepLocation {
  const where: StepLocation = { template: label, step: step.name };
  const source = template.source as TaskTemplate['source'] | undefined;
  if (source && typeof source.position === 'function') {
    const pointer = `${step.handler.pointer}/callable`;
    const position = source.position(source.has(pointer) ? pointer : step.pointer);
    where.file = source.file;
    where.line = position.line;
    where.column = position.column;
  }
  return where;
}

export function at(where: StepLocation): string {
  return where.file ? `${where.file}:${where.line}:${where.column}: ` : '';
}

export function didYouMean(suggestions: readonly string[]): string {
  return suggestions.length ? `; did you mean ${quoteList(suggestions)}?` : '';
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
