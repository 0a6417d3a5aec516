/**
 * StepHandlerResult, the error classes handlers throw, and the two rules
 * that turn whatever a handler returns or throws into a result, as the real
 * SDK (`@tasker-systems/tasker`) does (../shared/docs/tasker-reference.md §2):
 *
 * - return wrapping: a StepHandlerResult passes through; a plain object →
 *   success(object); `null`/`undefined` → success({}); a primitive or an
 *   array → success({ result: value });
 * - error classification: a permanent error → failure, not retryable
 *   (`permanent_error`); a retryable one → failure, retryable
 *   (`retryable_error`); anything else → failure, retryable (`handler_error`).
 *
 * Results and errors are recognised by their shape, not by `instanceof`, so
 * the SDK's own StepHandlerResult, PermanentError and RetryableError (or those
 * of a second copy of this module) are classified alike.
 */

/** The error types of Tasker's workers (the SDK's ErrorType), and the registry's own `handler_not_found`. */
export const ErrorType = {
  PERMANENT_ERROR: 'permanent_error',
  RETRYABLE_ERROR: 'retryable_error',
  VALIDATION_ERROR: 'validation_error',
  TIMEOUT: 'timeout',
  HANDLER_ERROR: 'handler_error',
  HANDLER_NOT_FOUND: 'handler_not_found',
} as const;
export type ErrorType = (typeof ErrorType)[keyof typeof ErrorType];

export interface StepHandlerResultParams {
  success: boolean;
  result?: Record<string, unknown> | null;
  errorMessage?: string | null;
  errorType?: string | null;
  errorCode?: string | null;
  /** Default: true. */
  retryable?: boolean;
  metadata?: Record<string, unknown>;
  /** Hints for the orchestrator (backoff, headers), passed through as the SDK does. */
  orchestrationMetadata?: Record<string, unknown> | null;
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
  readonly orchestrationMetadata: Record<string, unknown> | null;

  constructor(params: StepHandlerResultParams) {
    this.success = params.success;
    this.result = params.result ?? null;
    this.errorMessage = params.errorMessage ?? null;
    this.errorType = params.errorType ?? null;
    this.errorCode = params.errorCode ?? null;
    this.retryable = params.retryable ?? true;
    this.metadata = params.metadata ?? {};
    this.orchestrationMetadata = params.orchestrationMetadata ?? null;
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

  /** True for a StepHandlerResult of this runtime, of another copy of it, or of the SDK: judged by its shape. */
  static isResult(value: unknown): value is StepHandlerResult {
    if (value instanceof StepHandlerResult) return true;
    if (typeof value !== 'object' || value === null) return false;
    const candidate = value as Partial<Record<keyof StepHandlerResult, unknown>>;
    return (
      typeof candidate.success === 'boolean' &&
      typeof candidate.retryable === 'boolean' &&
      'errorMessage' in candidate &&
      typeof candidate.isSuccess === 'function'
    );
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
      orchestration_metadata: this.orchestrationMetadata,
    };
  }
}

/** Throw to fail the step for good: Tasker will not retry it. */
export class PermanentError extends Error {
  readonly retryable = false as const;
  readonly metadata: Record<string, unknown>;

  constructor(message: string, metadata?: Record<string, unknown>) {
    super(message);
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
    this.name = 'RetryableError';
    this.metadata = metadata ?? {};
  }
}

/**
 * Whether a thrown value says if it is worth retrying: an error with a boolean
 * `retryable` (PermanentError and RetryableError of this runtime or the SDK,
 * and their subclasses).
 */
function retryability(error: unknown): { retryable: boolean; message: string; metadata: Record<string, unknown> } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const candidate = error as { retryable?: unknown; message?: unknown; metadata?: unknown };
  if (typeof candidate.retryable !== 'boolean' || typeof candidate.message !== 'string') return undefined;
  const metadata =
    typeof candidate.metadata === 'object' && candidate.metadata !== null ? (candidate.metadata as Record<string, unknown>) : {};
  return { retryable: candidate.retryable, message: candidate.message, metadata };
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
  const classified = retryability(error);
  if (classified) {
    const type = classified.retryable ? ErrorType.RETRYABLE_ERROR : ErrorType.PERMANENT_ERROR;
    return StepHandlerResult.failure(classified.message, type, classified.retryable, classified.metadata);
  }
  const message = error instanceof Error ? error.message : String(error);
  return StepHandlerResult.failure(message, ErrorType.HANDLER_ERROR, true, {
    errorType: error instanceof Error ? error.constructor.name : typeof error,
  });
}
