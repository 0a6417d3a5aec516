/**
 * StepContext: what a handler receives about the step it runs.
 *
 * The interface's type parameters are agreed with the code generator:
 * `TInput` is the task input (the template's `input_schema`), `TResults`
 * maps each ancestor step name to its result type, `TConfig` is the step's
 * `handler.initialization`. Without type arguments every value is `unknown`,
 * as in Tasker's own worker.
 */

export interface StepContext<
  TInput extends object = Record<string, unknown>,
  TResults extends object = Record<string, unknown>,
  TConfig extends object = Record<string, unknown>,
> {
  readonly taskUuid: string;
  readonly stepUuid: string;
  readonly stepName: string;
  /** Attempts made before this one (0 on the first run). */
  readonly retryCount: number;
  /** Attempts allowed by the step's retry policy. */
  readonly maxRetries: number;
  /** True when `retryCount > 0`. */
  isRetry(): boolean;
  /** True when `retryCount >= maxRetries - 1`. */
  isLastRetry(): boolean;
  /** A top-level key of the task input; `undefined` when absent. */
  getInput<K extends keyof TInput & string>(key: K): TInput[K] | undefined;
  /** A top-level key of the task input, or `fallback` when it is absent (`undefined` or `null`). */
  getInputOr<K extends keyof TInput & string>(key: K, fallback: NonNullable<TInput[K]>): NonNullable<TInput[K]>;
  /** The result of an ancestor step; `null` when absent. */
  getDependencyResult<K extends keyof TResults & string>(step: K): TResults[K] | null;
  /** A key of the step's `handler.initialization`; `undefined` when absent. */
  getConfig<K extends keyof TConfig & string>(key: K): TConfig[K] | undefined;
  /** The whole task input. */
  readonly input: TInput;
}

/**
 * A StepContext of any type arguments: what `call` and `HandlerRegistry.run`
 * accept. (A `RuntimeStepContext<{ a: string }>` is not assignable to
 * `StepContext<any, any, any>`, because its accessors are generic over its
 * own keys; this structural type accepts every context.)
 */
export interface AnyStepContext
  extends Pick<StepContext, 'taskUuid' | 'stepUuid' | 'stepName' | 'retryCount' | 'maxRetries' | 'isRetry' | 'isLastRetry'> {
  getInput(key: never): unknown;
  getInputOr(key: never, fallback: never): unknown;
  getDependencyResult(step: never): unknown;
  getConfig(key: never): unknown;
  readonly input: object;
}

/** Everything a RuntimeStepContext is built from, in the form the worker receives it. */
export interface StepContextInit {
  taskUuid: string;
  stepUuid: string;
  stepName: string;
  /** The callable being run (informational). */
  handlerName?: string;
  /** The task input ("task context"). */
  input: Record<string, unknown>;
  /**
   * Results of ancestor steps as Tasker delivers them: each entry is either a
   * result envelope `{ result: value, … }` (unwrapped to `value`) or a bare
   * value (returned as is). This is Tasker's `getDependencyResult` rule.
   */
  dependencyResults: Record<string, unknown>;
  /** The step's `handler.initialization`. */
  config: Record<string, unknown>;
  /** The workflow step's own inputs (Tasker puts batch cursors here). */
  stepInputs?: Record<string, unknown>;
  retryCount: number;
  maxRetries: number;
}

/** The runtime's StepContext implementation, with Tasker's extra accessors. */
export class RuntimeStepContext<
  TInput extends object = Record<string, unknown>,
  TResults extends object = Record<string, unknown>,
  TConfig extends object = Record<string, unknown>,
> implements StepContext<TInput, TResults, TConfig>
{
  readonly taskUuid: string;
  readonly stepUuid: string;
  readonly stepName: string;
  readonly handlerName: string;
  readonly retryCount: number;
  readonly maxRetries: number;
  readonly input: TInput;
  /** Raw dependency results, keyed by step name (see StepContextInit). */
  readonly dependencyResults: Readonly<Record<string, unknown>>;
  readonly config: TConfig;
  readonly stepInputs: Readonly<Record<string, unknown>>;

  constructor(init: StepContextInit) {
    this.taskUuid = init.taskUuid;
    this.stepUuid = init.stepUuid;
    this.stepName = init.stepName;
    this.handlerName = init.handlerName ?? init.stepName;
    this.retryCount = init.retryCount;
    this.maxRetries = init.maxRetries;
    this.input = init.input as TInput;
    this.dependencyResults = init.dependencyResults;
    this.config = init.config as TConfig;
    this.stepInputs = init.stepInputs ?? {};
  }

  /** Tasker's name for `input`. */
  get inputData(): TInput {
    return this.input;
  }

  /** Tasker's name for `config`. */
  get stepConfig(): TConfig {
    return this.config;
  }

  isRetry(): boolean {
    return this.retryCount > 0;
  }

  isLastRetry(): boolean {
    return this.retryCount >= this.maxRetries - 1;
  }

  getInput<K extends keyof TInput & string>(key: K): TInput[K] | undefined {
    return (this.input as Record<string, unknown>)[key] as TInput[K] | undefined;
  }

  getInputOr<K extends keyof TInput & string>(key: K, fallback: NonNullable<TInput[K]>): NonNullable<TInput[K]> {
    const value = (this.input as Record<string, unknown>)[key];
    return (value ?? fallback) as NonNullable<TInput[K]>;
  }

  getDependencyResult<K extends keyof TResults & string>(step: K): TResults[K] | null {
    return unwrapDependency(this.dependencyResults[step]) as TResults[K] | null;
  }

  getConfig<K extends keyof TConfig & string>(key: K): TConfig[K] | undefined {
    return (this.config as Record<string, unknown>)[key] as TConfig[K] | undefined;
  }

  /** A nested field of a dependency result, or null when any segment is missing. */
  getDependencyField(step: keyof TResults & string, ...path: string[]): unknown {
    let value: unknown = this.getDependencyResult(step);
    if (value === null || value === undefined) return null;
    for (const key of path) {
      if (typeof value !== 'object' || value === null) return null;
      value = (value as Record<string, unknown>)[key];
    }
    return value ?? null;
  }

  /** Names of the steps whose results this context holds. */
  getDependencyResultKeys(): string[] {
    return Object.keys(this.dependencyResults);
  }

  /** Unwrapped results of every dependency whose step name starts with `prefix` (e.g. batch workers). */
  getAllDependencyResults(prefix: string): unknown[] {
    const out: unknown[] = [];
    for (const key of Object.keys(this.dependencyResults)) {
      if (!key.startsWith(prefix)) continue;
      const value = unwrapDependency(this.dependencyResults[key]);
      if (value !== null) out.push(value);
    }
    return out;
  }
}

/** Tasker's rule: `{ result: x }` → x; absent → null; anything else as is. */
function unwrapDependency(raw: unknown): unknown {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === 'object' && 'result' in raw) return (raw as { result: unknown }).result;
  return raw;
}

/** A batch cursor for `createStepContext`, as the orchestrator would give a batch worker. */
export interface BatchCursorInit {
  batchId: string;
  /** First item (inclusive). */
  start: number;
  /** Last item (exclusive). */
  end: number;
  stepSize?: number;
  metadata?: Record<string, unknown>;
  /** The analyzer's batch metadata (cursor field, failure strategy, …). */
  batchMetadata?: Record<string, unknown>;
  /** A placeholder worker created because the analyzer found nothing to do. */
  isNoOp?: boolean;
}

export interface CreateStepContextOptions<
  TInput extends object = Record<string, unknown>,
  TResults extends object = Record<string, unknown>,
  TConfig extends object = Record<string, unknown>,
> {
  /** The task input. Default: `{}`. */
  input?: Partial<NoInfer<TInput>>;
  /**
   * Each ancestor step's result, exactly as its handler produced it;
   * `getDependencyResult` returns it unchanged. Steps left out read as null.
   */
  dependencyResults?: Partial<NoInfer<TResults>>;
  /** The step's `handler.initialization`. Default: `{}`. */
  config?: Partial<NoInfer<TConfig>>;
  /** Default: 0. */
  retryCount?: number;
  /** Default: 3 (Tasker's default `retry.max_attempts`). */
  maxRetries?: number;
  /** Default: `00000000-0000-4000-8000-000000000001`. */
  taskUuid?: string;
  /** Default: `00000000-0000-4000-8000-000000000002`. */
  stepUuid?: string;
  /** Default: `test_step`. */
  stepName?: string;
  /** Raw workflow-step inputs (advanced; `batch` is simpler). */
  stepInputs?: Record<string, unknown>;
  /** Make this a batch worker's context with this cursor. */
  batch?: BatchCursorInit;
}

export const DEFAULT_TASK_UUID = '00000000-0000-4000-8000-000000000001';
export const DEFAULT_STEP_UUID = '00000000-0000-4000-8000-000000000002';

/**
 * A StepContext for unit tests. Its types come from the type arguments
 * only (never inferred from the values), so without them it is the loose
 * `StepContext` every handler accepts:
 *
 *     const result = await new ValidateCart().call(createStepContext({ input: { cart_items: [] } }));
 */
export function createStepContext<
  TInput extends object = Record<string, unknown>,
  TResults extends object = Record<string, unknown>,
  TConfig extends object = Record<string, unknown>,
>(options: CreateStepContextOptions<TInput, TResults, TConfig> = {}): RuntimeStepContext<TInput, TResults, TConfig> {
  const dependencyResults: Record<string, unknown> = {};
  for (const [step, value] of Object.entries(options.dependencyResults ?? {})) {
    // Stored as Tasker's envelope so that the value comes back unchanged,
    // even when it is itself an object with a `result` key.
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
      step_size: b.stepSize ?? 1,
      metadata: b.metadata ?? {},
    };
    stepInputs.batch_metadata = b.batchMetadata ?? {};
    stepInputs.is_no_op = b.isNoOp ?? false;
  }
  return new RuntimeStepContext<TInput, TResults, TConfig>({
    taskUuid: options.taskUuid ?? DEFAULT_TASK_UUID,
    stepUuid: options.stepUuid ?? DEFAULT_STEP_UUID,
    stepName: options.stepName ?? 'test_step',
    input: { ...(options.input as Record<string, unknown> | undefined) },
    dependencyResults,
    config: { ...(options.config as Record<string, unknown> | undefined) },
    stepInputs,
    retryCount: options.retryCount ?? 0,
    maxRetries: options.maxRetries ?? 3,
  });
}
