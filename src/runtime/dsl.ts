/**
 * The handler DSL, with the semantics of Tasker's TypeScript worker
 * (../shared/docs/tasker-reference.md §2): `defineHandler`,
 * `defineDecisionHandler`, `defineBatchAnalyzer`, `defineBatchWorker`,
 * `defineApiHandler`, and the `StepHandler` base class for class-based handlers.
 *
 * The factories register nothing: they return a handler class with static
 * `handlerName`, `handlerVersion`, `kind`, `depends` and `inputs`, which a
 * HandlerRegistry maps to a callable and checks against the templates.
 */
import type { AnyStepContext, StepContext } from './context.js';
import { StepHandlerResult, wrapError, wrapResult } from './result.js';

/** Options shared by every factory (agreed with the code generator). */
export interface HandlerOptions {
  /** Argument name → step name: the argument receives `context.getDependencyResult(step)` (null when absent). */
  depends?: Record<string, string>;
  /** Argument name → top-level task input key: the argument receives `context.getInput(key)` (undefined when absent). */
  inputs?: Record<string, string>;
  /** Default: "1.0.0". */
  version?: string;
}

export type HandlerKind = 'handler' | 'api' | 'decision' | 'batch_analyzer' | 'batch_worker';

/** The bound of the factories' `TContext` (as agreed with the code generator). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ContextBound = StepContext<any, any, any>;

/** A loosely typed view, for the runtime's own reads. */
function loose(context: AnyStepContext): StepContext {
  return context as unknown as StepContext;
}

/**
 * Base class of every handler. Class-based handlers extend it, set
 * `static handlerName` to the callable and implement `call(context)`;
 * the registry classifies anything they throw like the DSL does.
 */
export abstract class StepHandler {
  /** The callable this handler serves (must equal the YAML `handler.callable`). */
  static handlerName: string;
  static handlerVersion = '1.0.0';
  static readonly kind: HandlerKind = 'handler';
  /** Argument name → step name, as given to the factory (empty for class-based handlers). */
  static readonly depends: Readonly<Record<string, string>> = Object.freeze({});
  /** Argument name → task input key, as given to the factory. */
  static readonly inputs: Readonly<Record<string, string>> = Object.freeze({});

  abstract call(context: AnyStepContext): Promise<StepHandlerResult>;

  /** The static handlerName, or the class name when unset. */
  get name(): string {
    const ctor = this.constructor as typeof StepHandler;
    return ctor.handlerName || ctor.name;
  }

  get version(): string {
    return (this.constructor as typeof StepHandler).handlerVersion;
  }

  get capabilities(): string[] {
    return ['process'];
  }

  protected success(result: Record<string, unknown>, metadata?: Record<string, unknown>): StepHandlerResult {
    return StepHandlerResult.success(result, metadata);
  }

  protected failure(message: string, errorType?: string, retryable?: boolean, metadata?: Record<string, unknown>, errorCode?: string): StepHandlerResult {
    return StepHandlerResult.failure(message, errorType, retryable, metadata, errorCode);
  }

  toString(): string {
    return `${this.constructor.name}(name=${this.name}, version=${this.version})`;
  }
}

/** What the factories return: a concrete StepHandler class with its definition on statics. */
export interface StepHandlerClass {
  new (): StepHandler;
  readonly handlerName: string;
  readonly handlerVersion: string;
  readonly kind: HandlerKind;
  readonly depends: Readonly<Record<string, string>>;
  readonly inputs: Readonly<Record<string, string>>;
}

/** The argument object a handler function receives. */
export type HandlerArgs<TArgs extends object = Record<string, unknown>, TContext extends ContextBound = StepContext> = TArgs & {
  context: TContext;
};

/** What may come back from a handler function: its result, or a StepHandlerResult built by hand. */
export type HandlerReturn<TResult> = TResult | StepHandlerResult | Promise<TResult | StepHandlerResult>;

/**
 * Defines a step handler from a function.
 *
 * `TArgs` types the injected arguments (one per `depends` and `inputs`
 * entry), `TResult` the value the function returns, `TContext` the
 * `context` argument. Without type arguments every injected argument is
 * `unknown`, as in Tasker's DSL. The function may also return a
 * StepHandlerResult, which passes through unchanged.
 */
export function defineHandler<
  TArgs extends object = Record<string, unknown>,
  TResult = unknown,
  TContext extends ContextBound = StepContext,
>(name: string, options: HandlerOptions, fn: (args: TArgs & { context: TContext }) => HandlerReturn<TResult>): StepHandlerClass {
  return buildClass(name, options, 'handler', ['process'], {}, async (_context, args) => {
    return wrapResult(await fn(args as TArgs & { context: TContext }));
  });
}

/** Options of `defineApiHandler`: the handler options plus HTTP defaults kept on statics. */
export interface ApiHandlerOptions extends HandlerOptions {
  baseUrl?: string;
  /** Milliseconds. Default: 30000. */
  defaultTimeout?: number;
  defaultHeaders?: Record<string, string>;
}

export interface ApiHandlerClass extends StepHandlerClass {
  readonly baseUrl: string | undefined;
  readonly defaultTimeout: number;
  readonly defaultHeaders: Readonly<Record<string, string>>;
}

/**
 * `defineHandler` for API-calling handlers: the same injection, wrapping and
 * classification; `baseUrl`, `defaultTimeout` and `defaultHeaders` are kept
 * on the class. (No HTTP client is injected: call `fetch` yourself.)
 */
export function defineApiHandler<
  TArgs extends object = Record<string, unknown>,
  TResult = unknown,
  TContext extends ContextBound = StepContext,
>(name: string, options: ApiHandlerOptions, fn: (args: TArgs & { context: TContext }) => HandlerReturn<TResult>): ApiHandlerClass {
  const statics = {
    baseUrl: options.baseUrl,
    defaultTimeout: options.defaultTimeout ?? 30000,
    defaultHeaders: Object.freeze({ ...options.defaultHeaders }),
  };
  return buildClass(name, options, 'api', ['process'], statics, async (_context, args) => {
    return wrapResult(await fn(args as TArgs & { context: TContext }));
  }) as ApiHandlerClass;
}

// ---------------------------------------------------------------------------
// Decisions

/**
 * A decision handler's outcome: `Decision.route(steps, routingContext?)`
 * creates the named steps, `Decision.skip(reason, routingContext?)` creates none.
 */
export class Decision {
  private constructor(
    readonly type: 'create_steps' | 'no_branches',
    readonly steps: readonly string[],
    readonly reason: string | undefined,
    readonly routingContext: Readonly<Record<string, unknown>>,
  ) {
    Object.defineProperty(this, DECISION_BRAND, { value: true });
  }

  /** Create (activate) these steps of the template. */
  static route(steps: string[], routingContext?: Record<string, unknown>): DecisionOutcome {
    if (!Array.isArray(steps) || steps.some((s) => typeof s !== 'string')) {
      throw new TypeError('Decision.route expects an array of step names');
    }
    return new Decision('create_steps', [...steps], undefined, routingContext ?? {});
  }

  /** Create no branch steps. */
  static skip(reason: string, routingContext?: Record<string, unknown>): DecisionOutcome {
    return new Decision('no_branches', [], reason, routingContext ?? {});
  }

  static isDecision(value: unknown): value is DecisionOutcome {
    return value instanceof Decision || (typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[DECISION_BRAND] === true);
  }
}
const DECISION_BRAND = Symbol.for('tasker-ctl.runtime.Decision');

/** What `Decision.route` and `Decision.skip` return. */
export type DecisionOutcome = Decision;

/**
 * Defines a decision handler. The function returns `Decision.route(…)` or
 * `Decision.skip(…)` (or a StepHandlerResult); the success result carries
 * `decision_point_outcome` in the shape Tasker's orchestrator reads.
 * `TResult` is accepted for symmetry with `defineHandler` and not used:
 * the result shape is fixed by Tasker's protocol.
 */
export function defineDecisionHandler<
  TArgs extends object = Record<string, unknown>,
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  TResult = DecisionOutcome,
  TContext extends ContextBound = StepContext,
>(name: string, options: HandlerOptions, fn: (args: TArgs & { context: TContext }) => HandlerReturn<DecisionOutcome>): StepHandlerClass {
  const version = options.version ?? '1.0.0';
  return buildClass(name, options, 'decision', ['process', 'decision', 'routing'], {}, async (_context, args) => {
    const raw: unknown = await fn(args as TArgs & { context: TContext });
    if (StepHandlerResult.isResult(raw)) return raw;
    if (Decision.isDecision(raw)) return decisionResult(raw, name, version);
    return wrapResult(raw);
  });
}

function decisionResult(decision: DecisionOutcome, name: string, version: string): StepHandlerResult {
  const result: Record<string, unknown> =
    decision.type === 'create_steps'
      ? { decision_point_outcome: { type: 'create_steps', step_names: [...decision.steps] } }
      : { decision_point_outcome: { type: 'no_branches' } };
  if (decision.type === 'no_branches' && decision.reason) result.reason = decision.reason;
  if (Object.keys(decision.routingContext).length > 0) result.routing_context = { ...decision.routingContext };
  return StepHandlerResult.success(result, { decision_handler: name, decision_version: version });
}

// ---------------------------------------------------------------------------
// Batches

/** What a batch analyzer's function returns. */
export interface BatchAnalysis {
  /** How many items there are (a non-negative integer). */
  totalItems: number;
  /** Items per worker (a positive integer). */
  batchSize: number;
  /** Merged into the result's metadata. */
  metadata?: Record<string, unknown>;
}

/** One worker's range in `batch_processing_outcome.cursor_configs`. */
export interface BatchCursorConfig {
  batch_id: string;
  start_cursor: number;
  end_cursor: number;
  batch_size: number;
}

export interface BatchAnalyzerOptions extends HandlerOptions {
  /** The `batch_worker` step the orchestrator instantiates once per batch. */
  workerTemplate: string;
}

export interface BatchAnalyzerClass extends StepHandlerClass {
  readonly workerTemplate: string;
}

/**
 * Defines a batch analyzer (`type: batchable` step). The function returns
 * `{ totalItems, batchSize, metadata? }`; the handler turns it into the
 * success result Tasker's orchestrator reads:
 *
 *     { batch_processing_outcome: { type: 'create_batches', worker_template_name,
 *         worker_count, cursor_configs: [{ batch_id: 'batch_000', start_cursor: 0,
 *         end_cursor: batchSize, batch_size }, …], total_items } }
 *
 * with metadata `{ batch_count, total_items, ...metadata }`. Cursors are
 * half-open ranges `[start, end)`. Zero items gives
 * `{ batch_processing_outcome: { type: 'no_batches' } }`, so the orchestrator
 * creates its placeholder worker and the convergence step still runs.
 * A StepHandlerResult passes through unchanged. `TResult` is unused (see
 * defineDecisionHandler).
 */
export function defineBatchAnalyzer<
  TArgs extends object = Record<string, unknown>,
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  TResult = BatchAnalysis,
  TContext extends ContextBound = StepContext,
>(name: string, options: BatchAnalyzerOptions, fn: (args: TArgs & { context: TContext }) => HandlerReturn<BatchAnalysis>): BatchAnalyzerClass {
  const workerTemplate = options.workerTemplate;
  if (typeof workerTemplate !== 'string' || workerTemplate === '') {
    throw new TypeError(`defineBatchAnalyzer("${name}"): options.workerTemplate must name the batch_worker step`);
  }
  return buildClass(name, options, 'batch_analyzer', ['process'], { workerTemplate }, async (_context, args) => {
    const raw: unknown = await fn(args as TArgs & { context: TContext });
    if (StepHandlerResult.isResult(raw)) return raw;
    return batchAnalysisResult(raw, name, workerTemplate);
  }) as BatchAnalyzerClass;
}

/** The cursor ranges for `totalItems` items in batches of `batchSize`. */
export function batchCursorConfigs(totalItems: number, batchSize: number): BatchCursorConfig[] {
  const configs: BatchCursorConfig[] = [];
  for (let start = 0, index = 0; start < totalItems; index++) {
    const end = Math.min(start + batchSize, totalItems);
    configs.push({ batch_id: `batch_${String(index).padStart(3, '0')}`, start_cursor: start, end_cursor: end, batch_size: end - start });
    start = end;
  }
  return configs;
}

function batchAnalysisResult(raw: unknown, name: string, workerTemplate: string): StepHandlerResult {
  const analysis = raw as Partial<BatchAnalysis> | null | undefined;
  const totalItems = analysis?.totalItems;
  const batchSize = analysis?.batchSize;
  if (typeof totalItems !== 'number' || !Number.isInteger(totalItems) || totalItems < 0) {
    throw new TypeError(`batch analyzer "${name}" must return { totalItems, batchSize } with totalItems a non-negative integer, got ${describe(totalItems)}`);
  }
  if (typeof batchSize !== 'number' || !Number.isInteger(batchSize) || batchSize <= 0) {
    throw new TypeError(`batch analyzer "${name}" must return { totalItems, batchSize } with batchSize a positive integer, got ${describe(batchSize)}`);
  }
  const cursors = batchCursorConfigs(totalItems, batchSize);
  const metadata = { batch_count: cursors.length, total_items: totalItems, ...(analysis?.metadata ?? {}) };
  if (cursors.length === 0) return StepHandlerResult.success({ batch_processing_outcome: { type: 'no_batches' } }, metadata);
  return StepHandlerResult.success(
    {
      batch_processing_outcome: {
        type: 'create_batches',
        worker_template_name: workerTemplate,
        worker_count: cursors.length,
        cursor_configs: cursors,
        total_items: totalItems,
      },
    },
    metadata,
  );
}

/**
 * What a batch worker's function receives as `batchContext`: its range of
 * items, `[cursor.start, cursor.end)`. Tasker's names (`startCursor`,
 * `endCursor`, `stepSize`, `cursorConfig`) are kept so ported code works.
 */
export interface BatchContext {
  batchId: string;
  cursor: { start: number; end: number; stepSize: number; metadata: Record<string, unknown> };
  startCursor: number;
  endCursor: number;
  stepSize: number;
  cursorConfig: { startCursor: number; endCursor: number; stepSize: number; metadata: Record<string, unknown> };
  /** 0 when the orchestrator does not say (as in Tasker). */
  batchIndex: number;
  /** 1 when the orchestrator does not say (as in Tasker). */
  totalBatches: number;
  /** The analyzer's batch metadata (cursor field, failure strategy, …). */
  batchMetadata: Record<string, unknown>;
  /** A placeholder worker: the analyzer found nothing to process. */
  isNoOp: boolean;
}

/**
 * Defines a batch worker (`type: batch_worker` step). Its arguments also
 * carry `batchContext` (null when the step has no batch cursor). Return
 * wrapping and error classification are those of `defineHandler`.
 */
export function defineBatchWorker<
  TArgs extends object = Record<string, unknown>,
  TResult = unknown,
  TContext extends ContextBound = StepContext,
>(
  name: string,
  options: HandlerOptions,
  fn: (args: TArgs & { context: TContext; batchContext: BatchContext | null }) => HandlerReturn<TResult>,
): StepHandlerClass {
  return buildClass(name, options, 'batch_worker', ['process'], {}, async (context, args) => {
    args.batchContext = getBatchContext(context);
    return wrapResult(await fn(args as TArgs & { context: TContext; batchContext: BatchContext | null }));
  });
}

/**
 * The batch cursor of a step: from the workflow step's inputs
 * (`{ cursor: { batch_id, start_cursor, end_cursor, … }, batch_metadata, is_no_op }`,
 * as Tasker's orchestrator writes them), else from a `batch_context` entry of
 * the step config, the task input or the step inputs. Null when there is none.
 */
export function getBatchContext(context: AnyStepContext): BatchContext | null {
  const stepInputs = asRecord((context as { stepInputs?: unknown }).stepInputs);
  const cursor = asRecord(stepInputs?.cursor);
  if (stepInputs && cursor) {
    return makeBatchContext({
      batch_id: cursor.batch_id,
      cursor_config: { start_cursor: cursor.start_cursor, end_cursor: cursor.end_cursor, step_size: cursor.step_size, metadata: cursor.metadata },
      batch_metadata: stepInputs.batch_metadata,
      is_no_op: stepInputs.is_no_op,
    });
  }
  const legacy =
    asRecord(loose(context).getConfig('batch_context')) ?? asRecord(loose(context).getInput('batch_context')) ?? asRecord(stepInputs?.batch_context);
  return legacy ? makeBatchContext(legacy) : null;
}

function makeBatchContext(data: Record<string, unknown>): BatchContext {
  const cursorData = asRecord(data.cursor_config) ?? data;
  const start = numberOr(cursorData.start_cursor, 0);
  const end = numberOr(cursorData.end_cursor, 0);
  const stepSize = numberOr(cursorData.step_size, 1);
  const metadata = asRecord(cursorData.metadata) ?? {};
  return {
    batchId: typeof data.batch_id === 'string' ? data.batch_id : data.batch_id === undefined || data.batch_id === null ? '' : String(data.batch_id),
    cursor: { start, end, stepSize, metadata },
    startCursor: start,
    endCursor: end,
    stepSize,
    cursorConfig: { startCursor: start, endCursor: end, stepSize, metadata },
    batchIndex: numberOr(data.batch_index, 0),
    totalBatches: numberOr(data.total_batches, 1),
    batchMetadata: asRecord(data.batch_metadata) ?? {},
    isNoOp: data.is_no_op === true,
  };
}

// ---------------------------------------------------------------------------
// Shared machinery

/** One argument per `depends` entry, one per `inputs` entry, and `context`. */
function injectArgs(context: AnyStepContext, depends: Readonly<Record<string, string>>, inputs: Readonly<Record<string, string>>): Record<string, unknown> {
  const args: Record<string, unknown> = { context };
  const ctx = loose(context);
  for (const [param, step] of Object.entries(depends)) args[param] = ctx.getDependencyResult(step);
  for (const [param, key] of Object.entries(inputs)) args[param] = ctx.getInput(key);
  return args;
}

function checkOptions(name: string, options: HandlerOptions): void {
  if (typeof name !== 'string' || name === '') throw new TypeError('a handler name (the YAML handler.callable) must be a non-empty string');
  if (options === null || typeof options !== 'object') throw new TypeError(`handler "${name}": options must be an object`);
  for (const key of ['depends', 'inputs'] as const) {
    const map = options[key];
    if (map === undefined) continue;
    if (map === null || typeof map !== 'object' || Array.isArray(map)) throw new TypeError(`handler "${name}": options.${key} must map argument names to strings`);
    for (const [param, value] of Object.entries(map)) {
      if (typeof value !== 'string') throw new TypeError(`handler "${name}": options.${key}.${param} must be a string, got ${describe(value)}`);
    }
  }
}

function buildClass(
  name: string,
  options: HandlerOptions,
  kind: HandlerKind,
  capabilities: readonly string[],
  statics: Record<string, unknown>,
  invoke: (context: AnyStepContext, args: Record<string, unknown>) => Promise<StepHandlerResult>,
): StepHandlerClass {
  checkOptions(name, options);
  const depends = Object.freeze({ ...options.depends });
  const inputs = Object.freeze({ ...options.inputs });
  const version = options.version ?? '1.0.0';
  const caps = Object.freeze([...capabilities]);
  const Handler = class extends StepHandler {
    static override handlerName = name;
    static override handlerVersion = version;
    static override readonly kind: HandlerKind = kind;
    static override readonly depends = depends;
    static override readonly inputs = inputs;

    override get capabilities(): string[] {
      return [...caps];
    }

    async call(context: AnyStepContext): Promise<StepHandlerResult> {
      try {
        return await invoke(context, injectArgs(context, depends, inputs));
      } catch (error) {
        return wrapError(error);
      }
    }
  };
  for (const [key, value] of Object.entries(statics)) Object.defineProperty(Handler, key, { value, enumerable: true });
  Object.defineProperty(Handler, 'name', { value: name });
  return Handler;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
