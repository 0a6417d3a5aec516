/**
 * StepContext: what a handler receives about the step it runs, with the API
 * and the run-time rules of the real SDK's (`@tasker-systems/tasker`)
 * StepContext, so a handler behaves the same on either. Its values are
 * `unknown`, as in the SDK: the generated typed layer (`tasker.ts`) gives
 * each handler a view typed by its step's contract.
 *
 * Keys are data: only own properties are read, so a missing `constructor`
 * input is `undefined`, never Object's constructor.
 */

export interface StepContextParams {
  /** The worker's raw step event (opaque here; the SDK keeps its FFI event). */
  event?: unknown;
  taskUuid: string;
  stepUuid: string;
  correlationId?: string;
  /** The callable being run. */
  handlerName: string;
  /** The step being run (the SDK reads it from the event). */
  stepName?: string;
  /** The task input ("task context"). */
  inputData: Record<string, unknown>;
  /**
   * Results of the ancestor steps as Tasker delivers them: each entry is a
   * result envelope `{ result: value, … }` (unwrapped to `value`) or a bare value.
   */
  dependencyResults: Record<string, unknown>;
  /** The step's `handler.initialization`. */
  stepConfig: Record<string, unknown>;
  /** The workflow step's own inputs (Tasker puts batch cursors here). */
  stepInputs?: Record<string, unknown>;
  /** Attempts made before this one. */
  retryCount: number;
  maxRetries: number;
  /** The workflow step's checkpoint (batch workers that yield). */
  checkpoint?: Record<string, unknown> | null;
}

/**
 * The fields of the worker's step event (the SDK's `FfiStepEvent`) a context
 * is built from; everything is optional, as the SDK reads it defensively.
 */
export interface WorkerStepEvent {
  taskUuid?: string;
  stepUuid?: string;
  correlationId?: string;
  task?: { context?: unknown } | null;
  dependencyResults?: unknown;
  stepDefinition?: { name?: string; handlerInitialization?: unknown } | null;
  workflowStep?: { name?: string; attempts?: number | null; maxAttempts?: number | null; inputs?: unknown; checkpoint?: unknown } | null;
}

export class StepContext {
  readonly event: unknown;
  readonly taskUuid: string;
  readonly stepUuid: string;
  readonly correlationId: string;
  readonly handlerName: string;
  /** The step being run (not in the SDK, whose handlers read `event`). */
  readonly stepName: string;
  readonly inputData: Record<string, unknown>;
  readonly dependencyResults: Record<string, unknown>;
  readonly stepConfig: Record<string, unknown>;
  readonly stepInputs: Record<string, unknown>;
  readonly retryCount: number;
  readonly maxRetries: number;
  private readonly checkpointData: Record<string, unknown> | null;

  constructor(params: StepContextParams) {
    this.event = params.event;
    this.taskUuid = params.taskUuid;
    this.stepUuid = params.stepUuid;
    this.correlationId = params.correlationId ?? '';
    this.handlerName = params.handlerName;
    this.stepName = params.stepName ?? params.handlerName;
    this.inputData = params.inputData;
    this.dependencyResults = params.dependencyResults;
    this.stepConfig = params.stepConfig;
    this.stepInputs = params.stepInputs ?? {};
    this.retryCount = params.retryCount;
    this.maxRetries = params.maxRetries;
    this.checkpointData = params.checkpoint ?? null;
  }

  /**
   * A context from the worker's step event, read as the SDK reads it. This
   * runtime never receives events from a worker; tools and tests that hold
   * worker-shaped data do.
   */
  static fromFfiEvent(event: WorkerStepEvent, handlerName: string): StepContext {
    const record = (value: unknown): Record<string, unknown> =>
      typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
    const workflowStep = event.workflowStep ?? {};
    const checkpoint = record(workflowStep.checkpoint);
    return new StepContext({
      event,
      taskUuid: event.taskUuid ?? '',
      stepUuid: event.stepUuid ?? '',
      correlationId: event.correlationId ?? '',
      handlerName,
      stepName: event.stepDefinition?.name ?? workflowStep.name ?? handlerName,
      inputData: record(event.task?.context),
      dependencyResults: record(event.dependencyResults),
      stepConfig: record(event.stepDefinition?.handlerInitialization),
      stepInputs: record(workflowStep.inputs),
      retryCount: workflowStep.attempts ?? 0,
      maxRetries: workflowStep.maxAttempts ?? 3,
      checkpoint: workflowStep.checkpoint === undefined || workflowStep.checkpoint === null ? null : checkpoint,
    });
  }

  /** The unwrapped result of a dependency step (`{ result: x }` gives `x`); null when absent. */
  getDependencyResult(stepName: string): unknown {
    return unwrapDependency(own(this.dependencyResults, stepName));
  }

  /** A top-level key of the task input; `undefined` when absent. `T` is what the caller knows the value to be. */
  getInput<T = unknown>(key: string): T | undefined {
    return own(this.inputData, key) as T | undefined;
  }

  /** A key of the step's `handler.initialization`; `undefined` when absent. */
  getConfig<T = unknown>(key: string): T | undefined {
    return own(this.stepConfig, key) as T | undefined;
  }

  isRetry(): boolean {
    return this.retryCount > 0;
  }

  isLastRetry(): boolean {
    return this.retryCount >= this.maxRetries - 1;
  }

  /** A top-level key of the task input, or `defaultValue` when it is `undefined`. */
  getInputOr<T = unknown>(key: string, defaultValue: T): T {
    const value = own(this.inputData, key);
    return value === undefined ? defaultValue : (value as T);
  }

  /** A nested field of a dependency result; null when the result or a segment on the way is not an object. */
  getDependencyField(stepName: string, ...path: string[]): unknown {
    let value = this.getDependencyResult(stepName);
    if (value === null || value === undefined) return null;
    for (const key of path) {
      if (typeof value !== 'object' || value === null) return null;
      value = own(value as Record<string, unknown>, key);
    }
    return value;
  }

  get checkpoint(): Record<string, unknown> | null {
    return this.checkpointData;
  }

  get checkpointCursor(): unknown {
    return this.checkpoint ? (own(this.checkpoint, 'cursor') ?? null) : null;
  }

  get checkpointItemsProcessed(): number {
    const processed = this.checkpoint ? own(this.checkpoint, 'items_processed') : undefined;
    return typeof processed === 'number' ? processed : 0;
  }

  get accumulatedResults(): Record<string, unknown> | null {
    const accumulated = this.checkpoint ? own(this.checkpoint, 'accumulated_results') : undefined;
    return typeof accumulated === 'object' && accumulated !== null ? (accumulated as Record<string, unknown>) : null;
  }

  hasCheckpoint(): boolean {
    return this.checkpointCursor !== null;
  }

  /** Names of the steps whose results this context holds. */
  getDependencyResultKeys(): string[] {
    return Object.keys(this.dependencyResults);
  }

  /**
   * Unwrapped results of every dependency whose step name starts with
   * `prefix`, without nulls: a convergence step after batch workers reads
   * every worker instance (`{worker_template}_{batch_id}`) this way.
   */
  getAllDependencyResults(prefix: string): unknown[] {
    const out: unknown[] = [];
    for (const key of Object.keys(this.dependencyResults)) {
      if (!key.startsWith(prefix)) continue;
      const value = this.getDependencyResult(key);
      if (value !== null) out.push(value);
    }
    return out;
  }
}

function own(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Tasker's rule: `{ result: x }` → x; absent → null; anything else as is. */
function unwrapDependency(raw: unknown): unknown {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === 'object' && Object.hasOwn(raw, 'result')) return (raw as { result: unknown }).result;
  return raw;
}

/** A batch cursor for `createStepContext`, as the orchestrator gives a batch worker. */
export interface BatchCursorInit {
  batchId: string;
  /** First item (inclusive). */
  start: number;
  /** Last item (exclusive). */
  end: number;
  /** Default: the batch size (`end - start`), as the orchestrator writes it. */
  stepSize?: number;
  metadata?: Record<string, unknown>;
  /** The analyzer's batch metadata (cursor field, failure strategy, …). */
  batchMetadata?: Record<string, unknown>;
  /** A placeholder worker created because the analyzer found nothing to do. */
  isNoOp?: boolean;
}

export interface CreateStepContextOptions {
  /** The step being run. Default: `test_step`. */
  stepName?: string;
  /** The callable. Default: the step name. */
  handlerName?: string;
  /** The task input. Default: `{}`. */
  input?: Record<string, unknown>;
  /**
   * Each ancestor step's result, exactly as its handler produced it;
   * `getDependencyResult` returns it unchanged. Steps left out read as null.
   */
  dependencyResults?: Record<string, unknown>;
  /** The step's `handler.initialization`. Default: `{}`. */
  config?: Record<string, unknown>;
  /** Default: 0. */
  retryCount?: number;
  /** Default: 3 (Tasker's default `retry.max_attempts`). */
  maxRetries?: number;
  taskUuid?: string;
  stepUuid?: string;
  /** Raw workflow-step inputs (advanced; `batch` is simpler). */
  stepInputs?: Record<string, unknown>;
  /** Make this a batch worker's context with this cursor. */
  batch?: BatchCursorInit;
}

export const DEFAULT_TASK_UUID = '00000000-0000-4000-8000-000000000001';
export const DEFAULT_STEP_UUID = '00000000-0000-4000-8000-000000000002';

/**
 * A StepContext for unit tests:
 *
 *     const result = await new ValidateCart().call(createStepContext({ input: { cart_items: [] } }));
 */
export function createStepContext(options: CreateStepContextOptions = {}): StepContext {
  const dependencyResults = Object.create(null) as Record<string, unknown>;
  for (const [step, value] of Object.entries(options.dependencyResults ?? {})) {
    // Stored as Tasker's envelope so that the value comes back unchanged, even an object with a `result` key.
    if (value !== undefined) dependencyResults[step] = { result: value };
  }
  const stepInputs: Record<string, unknown> = { ...options.stepInputs };
  if (options.batch) {
    const b = options.batch;
    stepInputs.cursor = {
      batch_id: b.batchId,
      start_cursor: b.start,
      end_cursor: b.end,
      batch_size: b.end - b.start,
      ...(b.stepSize !== undefined ? { step_size: b.stepSize } : {}),
      metadata: b.metadata ?? {},
    };
    stepInputs.batch_metadata = b.batchMetadata ?? {};
    stepInputs.is_no_op = b.isNoOp ?? false;
  }
  const stepName = options.stepName ?? 'test_step';
  return new StepContext({
    taskUuid: options.taskUuid ?? DEFAULT_TASK_UUID,
    stepUuid: options.stepUuid ?? DEFAULT_STEP_UUID,
    handlerName: options.handlerName ?? stepName,
    stepName,
    inputData: { ...options.input },
    dependencyResults,
    stepConfig: { ...options.config },
    stepInputs,
    retryCount: options.retryCount ?? 0,
    maxRetries: options.maxRetries ?? 3,
  });
}
