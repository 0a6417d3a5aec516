/**
 * The handler DSL, with the signatures and run-time behaviour of the real
 * SDK's (`@tasker-systems/tasker`): `defineHandler`, `defineDecisionHandler`,
 * `defineBatchAnalyzer`, `defineBatchWorker` and `defineApiHandler`. The
 * remaining, deliberate differences are listed in docs/runtime.md.
 *
 * The factories register nothing: they return a handler class with static
 * `handlerName` and `handlerVersion` (plus `kind`, `depends` and `inputs`,
 * which a HandlerRegistry checks against the templates).
 */
import { ApiClient } from './api.js';
import type { StepContext } from './context.js';
import { buildClass, describe, type HandlerArgs, type HandlerFn, type HandlerOptions, type StepHandlerClass } from './handler.js';
import { StepHandlerResult, wrapResult } from './result.js';

/** Defines a step handler from a function (return wrapping and error classification as in the SDK). */
export function defineHandler(name: string, options: HandlerOptions, fn: HandlerFn): StepHandlerClass {
  return buildClass(name, options, 'handler', ['process'], {}, async (_context, args) => wrapResult(await fn(args)));
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
    readonly steps: string[],
    readonly reason: string | undefined,
    readonly routingContext: Record<string, unknown>,
  ) {}

  /** Create (activate) these steps of the template. */
  static route(steps: string[], routingContext?: Record<string, unknown>): Decision {
    if (!Array.isArray(steps) || steps.some((s) => typeof s !== 'string'))
      throw new TypeError('Decision.route expects an array of step names');
    return new Decision('create_steps', [...steps], undefined, routingContext ?? {});
  }

  /** Create no branch steps. */
  static skip(reason: string, routingContext?: Record<string, unknown>): Decision {
    return new Decision('no_branches', [], reason, routingContext ?? {});
  }

  /** A Decision of this runtime or of the SDK (or any object of that shape). */
  static isDecision(value: unknown): value is Decision {
    if (value instanceof Decision) return true;
    if (typeof value !== 'object' || value === null) return false;
    const candidate = value as Partial<Record<keyof Decision, unknown>>;
    return (
      (candidate.type === 'create_steps' || candidate.type === 'no_branches') &&
      Array.isArray(candidate.steps) &&
      typeof candidate.routingContext === 'object'
    );
  }
}

/**
 * Defines a decision handler. The function returns `Decision.route(…)` or
 * `Decision.skip(…)` (or a StepHandlerResult); the success result carries
 * `decision_point_outcome` in the shape Tasker's orchestrator reads.
 */
export function defineDecisionHandler(
  name: string,
  options: HandlerOptions,
  fn: (args: HandlerArgs) => Promise<Decision | StepHandlerResult> | Decision | StepHandlerResult,
): StepHandlerClass {
  const version = options.version ?? '1.0.0';
  return buildClass(name, options, 'decision', ['process', 'decision', 'routing'], {}, async (_context, args) => {
    const raw: unknown = await fn(args);
    if (StepHandlerResult.isResult(raw)) return raw;
    if (Decision.isDecision(raw)) return decisionResult(raw, name, version);
    return wrapResult(raw);
  });
}

function decisionResult(decision: Decision, name: string, version: string): StepHandlerResult {
  const result: Record<string, unknown> = {
    decision_point_outcome:
      decision.type === 'create_steps' ? { type: 'create_steps', step_names: [...decision.steps] } : { type: 'no_branches' },
  };
  if (decision.type === 'no_branches' && decision.reason) result.reason = decision.reason;
  if (Object.keys(decision.routingContext).length > 0) result.routing_context = decision.routingContext;
  return StepHandlerResult.success(result, { decision_handler: name, decision_version: version });
}

// ---------------------------------------------------------------------------
// Batches

/** What a batch analyzer's function returns (the SDK's BatchConfig). */
export interface BatchConfig {
  totalItems: number;
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
 * half-open ranges `[start, end)`; zero items give zero workers, as in the SDK.
 */
export function defineBatchAnalyzer(
  name: string,
  options: BatchAnalyzerOptions,
  fn: (args: HandlerArgs) => Promise<BatchConfig | StepHandlerResult> | BatchConfig | StepHandlerResult,
): BatchAnalyzerClass {
  const workerTemplate = options.workerTemplate;
  if (typeof workerTemplate !== 'string' || workerTemplate === '') {
    throw new TypeError(`defineBatchAnalyzer("${name}"): options.workerTemplate must name the batch_worker step`);
  }
  return buildClass(name, options, 'batch_analyzer', ['process'], { workerTemplate }, async (_context, args) => {
    const raw: unknown = await fn(args);
    if (StepHandlerResult.isResult(raw)) return raw;
    return batchConfigResult(raw, name, workerTemplate);
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

function batchConfigResult(raw: unknown, name: string, workerTemplate: string): StepHandlerResult {
  const config = raw as Partial<BatchConfig> | null | undefined;
  const totalItems = config?.totalItems;
  const batchSize = config?.batchSize;
  if (typeof totalItems !== 'number' || !Number.isInteger(totalItems) || totalItems < 0) {
    throw new TypeError(
      `batch analyzer "${name}" must return { totalItems, batchSize } with totalItems a non-negative integer, got ${describe(totalItems)}`,
    );
  }
  if (totalItems > 0 && (typeof batchSize !== 'number' || !Number.isInteger(batchSize) || batchSize <= 0)) {
    throw new TypeError(
      `batch analyzer "${name}" must return { totalItems, batchSize } with batchSize a positive integer, got ${describe(batchSize)}`,
    );
  }
  const cursors = totalItems === 0 ? [] : batchCursorConfigs(totalItems, batchSize!);
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
    { batch_count: cursors.length, total_items: totalItems, ...(config?.metadata ?? {}) },
  );
}

/** A batch worker's cursor (the SDK's CursorConfig). */
export interface CursorConfig {
  startCursor: number;
  endCursor: number;
  stepSize: number;
  metadata: Record<string, unknown>;
}

/** What a batch worker's function receives as `batchContext` (the SDK's BatchWorkerContext). */
export interface BatchWorkerContext {
  batchId: string;
  cursorConfig: CursorConfig;
  /** 0: the orchestrator does not say (as in the SDK). */
  batchIndex: number;
  /** 1: the orchestrator does not say (as in the SDK). */
  totalBatches: number;
  /** The analyzer's batch metadata (cursor field, failure strategy, …). */
  batchMetadata: Record<string, unknown>;
  checkpoint: Record<string, unknown>;
  readonly startCursor: number;
  readonly endCursor: number;
  readonly stepSize: number;
  readonly checkpointCursor: number | string | Record<string, unknown> | undefined;
  readonly accumulatedResults: Record<string, unknown> | undefined;
  readonly checkpointItemsProcessed: number;
  hasCheckpoint(): boolean;
}

/**
 * Defines a batch worker (`type: batch_worker` step). Its arguments also
 * carry `batchContext` (null when the step has no batch cursor).
 */
export function defineBatchWorker(
  name: string,
  options: HandlerOptions,
  fn: (args: HandlerArgs & { batchContext: BatchWorkerContext | null }) => unknown,
): StepHandlerClass {
  return buildClass(name, options, 'batch_worker', ['process'], {}, async (context, args) =>
    wrapResult(await fn(Object.assign(args, { batchContext: getBatchContext(context) }))),
  );
}

/**
 * The batch cursor of a step, as the SDK reads it: the workflow step's inputs
 * (`{ cursor: { batch_id, start_cursor, end_cursor, step_size?, batch_size }, batch_metadata }`,
 * as Tasker's orchestrator writes them; the step size is `step_size`, else
 * `batch_size`, else 1), else a `batch_context` entry of the step config.
 * Null when there is none.
 */
export function getBatchContext(context: StepContext): BatchWorkerContext | null {
  const cursor = asRecord(Object.hasOwn(context.stepInputs, 'cursor') ? context.stepInputs.cursor : undefined);
  if (cursor) {
    return createBatchWorkerContext(
      {
        batch_id: cursor.batch_id,
        cursor_config: {
          start_cursor: cursor.start_cursor,
          end_cursor: cursor.end_cursor,
          step_size: cursor.step_size ?? cursor.batch_size ?? 1,
          metadata: cursor.metadata ?? {},
        },
        batch_index: 0,
        total_batches: 1,
        batch_metadata: context.stepInputs.batch_metadata ?? {},
      },
      context.checkpoint ?? undefined,
    );
  }
  const legacy = asRecord(context.getConfig('batch_context'));
  return legacy ? createBatchWorkerContext(legacy, context.checkpoint ?? undefined) : null;
}

/** A BatchWorkerContext from Tasker's batch data (nested `cursor_config` or flat). */
export function createBatchWorkerContext(batchData: Record<string, unknown>, checkpoint?: Record<string, unknown>): BatchWorkerContext {
  const cursorData = asRecord(batchData.cursor_config) ?? batchData;
  const cursorConfig: CursorConfig = {
    startCursor: numberOr(cursorData.start_cursor, 0),
    endCursor: numberOr(cursorData.end_cursor, 0),
    stepSize: numberOr(cursorData.step_size, 1),
    metadata: asRecord(cursorData.metadata) ?? {},
  };
  return {
    batchId: typeof batchData.batch_id === 'string' ? batchData.batch_id : batchData.batch_id == null ? '' : String(batchData.batch_id),
    cursorConfig,
    batchIndex: numberOr(batchData.batch_index, 0),
    totalBatches: numberOr(batchData.total_batches, 1),
    batchMetadata: asRecord(batchData.batch_metadata) ?? {},
    checkpoint: checkpoint ?? {},
    get startCursor() {
      return this.cursorConfig.startCursor;
    },
    get endCursor() {
      return this.cursorConfig.endCursor;
    },
    get stepSize() {
      return this.cursorConfig.stepSize;
    },
    get checkpointCursor() {
      return this.checkpoint.cursor as number | string | Record<string, unknown> | undefined;
    },
    get accumulatedResults() {
      return this.checkpoint.accumulated_results as Record<string, unknown> | undefined;
    },
    get checkpointItemsProcessed() {
      return numberOr(this.checkpoint.items_processed, 0);
    },
    hasCheckpoint() {
      return this.checkpoint.cursor !== undefined;
    },
  };
}

// ---------------------------------------------------------------------------
// API handlers

/** Options of `defineApiHandler`: the handler options plus the HTTP client's defaults. */
export interface ApiHandlerOptions extends HandlerOptions {
  baseUrl: string;
  /** Milliseconds. Default: 30000. */
  defaultTimeout?: number;
  defaultHeaders?: Record<string, string>;
}

/** The arguments of an API handler: also `api`, an HTTP client with result helpers. */
export type ApiHandlerArgs = HandlerArgs & { api: ApiClient };

/**
 * `defineHandler` for handlers that call an HTTP API: the function also
 * receives `api` (get/post/put/patch/delete/request, apiSuccess, apiFailure,
 * connectionError, timeoutError) configured with the options' base URL,
 * timeout and headers.
 */
export function defineApiHandler(name: string, options: ApiHandlerOptions, fn: (args: ApiHandlerArgs) => unknown): StepHandlerClass {
  const clientOptions = {
    baseUrl: options.baseUrl,
    defaultTimeout: options.defaultTimeout ?? 30000,
    defaultHeaders: { ...options.defaultHeaders },
  };
  return buildClass(name, options, 'api', ['process', 'api'], clientOptions, async (_context, args) =>
    wrapResult(await fn(Object.assign(args, { api: new ApiClient(clientOptions) }))),
  );
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}
