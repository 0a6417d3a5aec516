/**
 * StepHandlerResult, the error classes handlers throw, and the two rules
 * that turn whatever a handler returns or throws into a result
 * (../shared/docs/tasker-reference.md §2):
 *
 * - return wrapping: a StepHandlerResult passes through; a plain object →
 *   success(object); `null`/`undefined` → success({}); a primitive or an
 *   array → success({ result: value });
 * - error classification: PermanentError → failure, not retryable
 *   (`permanent_error`); RetryableError → failure, retryable
 *   (`retryable_error`); anything else → failure, retryable (`handler_error`).
 *
 * Values are recognised by a registered symbol as well as by `instanceof`,
 * so two copies of this module (for example `dist/` and `src/` in one test
 * run) still agree on what a result or a PermanentError is.
 */

/** The error types the runtime produces. Handlers may use any other string. */
export const ErrorType = {
  PERMANENT_ERROR: 'permanent_error',
  RETRYABLE_ERROR: 'retryable_error',
  HANDLER_ERROR: 'handler_error',
  HANDLER_NOT_FOUND: 'handler_not_found',
  VALIDATION_ERROR: 'validation_error',
} as const;
export type ErrorType = (typeof ErrorType)[keyof typeof ErrorType];

const RESULT_BRAND = Symbol.for('tasker-ctl.runtime.StepHandlerResult');
const PERMANENT_BRAND = Symbol.for('tasker-ctl.runtime.PermanentError');
const RETRYABLE_BRAND = Symbol.for('tasker-ctl.runtime.RetryableError');

export interface StepHandlerResultParams {
  success: boolean;
  result?: Record<string, unknown> | null;
  errorMessage?: string | null;
  errorType?: string | null;
  errorCode?: string | null;
  /** Default: true. */
  retryable?: boolean;
  metadata?: Record<string, unknown>;
}

/** What a step handler produced: a success with a result object, or a failure. */
export class StepHandlerResult {
  readonly success: boolean;
  /** The handler's output (success); null on failure. */
  readonly result: Record<string, unknown> | null;
  readonly errorMessage: string | null;
  readonly errorType: string | null;
  readonly errorCode: string | null;
  readonly retryable: boolean;
  readonly metadata: Record<string, unknown>;

  constructor(params: StepHandlerResultParams) {
    Object.defineProperty(this, RESULT_BRAND, { value: true });
    this.success = params.success;
    this.result = params.result ?? null;
    this.errorMessage = params.errorMessage ?? null;
    this.errorType = params.errorType ?? null;
    this.errorCode = params.errorCode ?? null;
    this.retryable = params.retryable ?? true;
    this.metadata = params.metadata ?? {};
  }

  static success(result: Record<string, unknown>, metadata?: Record<string, unknown>): StepHandlerResult {
    return new StepHandlerResult({ success: true, result, metadata: metadata ?? {} });
  }

  static failure(
    message: string,
    errorType: string = ErrorType.HANDLER_ERROR,
    retryable = true,
    metadata?: Record<string, unknown>,
    errorCode?: string,
  ): StepHandlerResult {
    return new StepHandlerResult({
      success: false,
      errorMessage: message,
      errorType,
      errorCode: errorCode ?? null,
      retryable,
      metadata: metadata ?? {},
    });
  }

  /** True for a StepHandlerResult made by any copy of this runtime. */
  static isResult(value: unknown): value is StepHandlerResult {
    return value instanceof StepHandlerResult || (typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[RESULT_BRAND] === true);
  }

  isSuccess(): boolean {
    return this.success;
  }

  isFailure(): boolean {
    return !this.success;
  }

  /** The snake_case shape Tasker's worker sends to the orchestrator. */
  toJSON(): Record<string, unknown> {
    return {
      success: this.success,
      result: this.result,
      error_message: this.errorMessage,
      error_type: this.errorType,
      error_code: this.errorCode,
      retryable: this.retryable,
      metadata: this.metadata,
    };
  }
}

/** Throw to fail the step for good: Tasker will not retry it. */
export class PermanentError extends Error {
  readonly retryable = false as const;
  readonly metadata: Record<string, unknown>;

  constructor(message: string, metadata?: Record<string, unknown>) {
    super(message);
    Object.defineProperty(this, PERMANENT_BRAND, { value: true });
    this.name = 'PermanentError';
    this.metadata = metadata ?? {};
  }
}

/** Throw to fail this attempt; Tasker retries the step (within its retry policy). */
export class RetryableError extends Error {
  readonly retryable = true as const;
  readonly metadata: Record<string, unknown>;

  constructor(message: string, metadata?: Record<string, unknown>) {
    super(message);
    Object.defineProperty(this, RETRYABLE_BRAND, { value: true });
    this.name = 'RetryableError';
    this.metadata = metadata ?? {};
  }
}

function hasBrand(value: unknown, brand: symbol): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}

/** Return wrapping (reference §2). */
export function wrapResult(value: unknown): StepHandlerResult {
  if (StepHandlerResult.isResult(value)) return value;
  if (value === null || value === undefined) return StepHandlerResult.success({});
  if (typeof value === 'object' && !Array.isArray(value)) return StepHandlerResult.success(value as Record<string, unknown>);
  return StepHandlerResult.success({ result: value });
}

/** Error classification (reference §2). */
export function wrapError(error: unknown): StepHandlerResult {
  if (error instanceof PermanentError || hasBrand(error, PERMANENT_BRAND)) {
    const e = error as PermanentError;
    return StepHandlerResult.failure(e.message, ErrorType.PERMANENT_ERROR, false, e.metadata);
  }
  if (error instanceof RetryableError || hasBrand(error, RETRYABLE_BRAND)) {
    const e = error as RetryableError;
    return StepHandlerResult.failure(e.message, ErrorType.RETRYABLE_ERROR, true, e.metadata);
  }
  const message = error instanceof Error ? error.message : String(error);
  return StepHandlerResult.failure(message, ErrorType.HANDLER_ERROR, true, {
    errorType: error instanceof Error ? error.constructor.name : typeof error,
  });
}
