import { describe, expect, it } from 'vitest';
import {
  createStepContext,
  defineHandler,
  ErrorType,
  PermanentError,
  RetryableError,
  StepHandlerResult,
  wrapError,
  wrapResult,
} from '../../src/runtime/index.js';

/** Runs a one-off handler whose function returns or throws `body()`. */
async function run(body: () => unknown): Promise<StepHandlerResult> {
  const Handler = defineHandler('wrapping_test', {}, async () => body());
  return new Handler().call(createStepContext());
}

describe('return wrapping (reference §2)', () => {
  it('passes a StepHandlerResult through unchanged (same object)', async () => {
    const own = StepHandlerResult.success({ direct: true }, { note: 'kept' });
    const result = await run(() => own);
    expect(result).toBe(own);
  });

  it('passes a failure StepHandlerResult through without treating it as an error', async () => {
    const own = StepHandlerResult.failure('card declined', 'payment_declined', false, { code: 51 }, 'DECLINED');
    const result = await run(() => own);
    expect(result.toJSON()).toEqual({
      success: false,
      result: null,
      error_message: 'card declined',
      error_type: 'payment_declined',
      error_code: 'DECLINED',
      retryable: false,
      metadata: { code: 51 },
      orchestration_metadata: null,
    });
  });

  it('wraps a plain object as success(object)', async () => {
    const result = await run(() => ({ total: 42, items: ['a'] }));
    expect(result.success).toBe(true);
    expect(result.result).toEqual({ total: 42, items: ['a'] });
    expect(result.metadata).toEqual({});
    expect(result.errorType).toBeNull();
  });

  it('wraps undefined as success({})', async () => {
    const result = await run(() => undefined);
    expect(result.success).toBe(true);
    expect(result.result).toEqual({});
  });

  it('wraps null as success({})', async () => {
    const result = await run(() => null);
    expect(result.success).toBe(true);
    expect(result.result).toEqual({});
  });

  it.each([
    ['a number', 7],
    ['zero', 0],
    ['a string', 'done'],
    ['an empty string', ''],
    ['a boolean', false],
  ])('wraps %s as success({ result: value })', async (_label, value) => {
    const result = await run(() => value);
    expect(result.success).toBe(true);
    expect(result.result).toEqual({ result: value });
  });

  it('wraps an array as success({ result: array })', async () => {
    const result = await run(() => [1, 2, 3]);
    expect(result.result).toEqual({ result: [1, 2, 3] });
  });

  it('awaits a synchronous or asynchronous function alike', async () => {
    const Sync = defineHandler('sync', {}, () => ({ sync: true }));
    expect((await new Sync().call(createStepContext())).result).toEqual({ sync: true });
  });

  it('wrapResult and wrapError are exported with the same rules', () => {
    expect(wrapResult(5).result).toEqual({ result: 5 });
    expect(wrapResult(undefined).result).toEqual({});
    expect(wrapError(new PermanentError('x')).errorType).toBe('permanent_error');
  });
});

describe('error classification (reference §2)', () => {
  it('PermanentError → failure, not retryable, permanent_error, with its metadata', async () => {
    const result = await run(() => {
      throw new PermanentError('account closed', { account: 'A-1' });
    });
    expect(result.toJSON()).toEqual({
      success: false,
      result: null,
      error_message: 'account closed',
      error_type: 'permanent_error',
      error_code: null,
      retryable: false,
      metadata: { account: 'A-1' },
      orchestration_metadata: null,
    });
  });

  it('RetryableError → failure, retryable, retryable_error, with its metadata', async () => {
    const result = await run(() => {
      throw new RetryableError('gateway timeout', { gateway: 'stripe' });
    });
    expect(result.success).toBe(false);
    expect(result.retryable).toBe(true);
    expect(result.errorType).toBe(ErrorType.RETRYABLE_ERROR);
    expect(result.errorMessage).toBe('gateway timeout');
    expect(result.metadata).toEqual({ gateway: 'stripe' });
  });

  it('PermanentError and RetryableError default to empty metadata', async () => {
    expect((await run(() => Promise.reject(new PermanentError('p')))).metadata).toEqual({});
    expect((await run(() => Promise.reject(new RetryableError('r')))).metadata).toEqual({});
  });

  it('any other Error → failure, retryable, handler_error, naming the error class', async () => {
    const result = await run(() => {
      throw new TypeError('cannot read properties of undefined');
    });
    expect(result.toJSON()).toEqual({
      success: false,
      result: null,
      error_message: 'cannot read properties of undefined',
      error_type: 'handler_error',
      error_code: null,
      retryable: true,
      metadata: { errorType: 'TypeError' },
      orchestration_metadata: null,
    });
  });

  it('a rejected promise is classified like a throw', async () => {
    const result = await run(() => Promise.reject(new Error('boom')));
    expect([result.errorType, result.retryable, result.errorMessage]).toEqual(['handler_error', true, 'boom']);
  });

  it('a thrown non-Error → handler_error with its string form and typeof', async () => {
    const result = await run(() => {
      throw 'plain string';
    });
    expect([result.errorMessage, result.errorType, result.retryable, result.metadata]).toEqual([
      'plain string',
      'handler_error',
      true,
      { errorType: 'string' },
    ]);
  });

  it('subclasses of PermanentError stay permanent', async () => {
    class CardExpired extends PermanentError {}
    const result = await run(() => {
      throw new CardExpired('expired');
    });
    expect([result.errorType, result.retryable]).toEqual(['permanent_error', false]);
  });

  it('recognises results and errors of another library (the SDK, another copy) by their shape, not instanceof', () => {
    // The SDK's StepHandlerResult and errors, as plain look-alikes: another class, the same shape.
    class SdkResult {
      readonly errorMessage = null;
      readonly retryable = true;
      constructor(readonly success: boolean) {}
      isSuccess(): boolean {
        return this.success;
      }
    }
    class SdkPermanentError extends Error {
      readonly retryable = false;
      readonly metadata = { from: 'sdk' };
      override name = 'PermanentError';
    }
    expect(StepHandlerResult.isResult(new SdkResult(true))).toBe(true);
    expect(StepHandlerResult.isResult({ success: true, result: {} })).toBe(false);
    expect(wrapResult(new SdkResult(false))).toBeInstanceOf(SdkResult);
    const permanent = wrapError(new SdkPermanentError('card declined'));
    expect([permanent.errorType, permanent.retryable, permanent.errorMessage, permanent.metadata]).toEqual([
      'permanent_error',
      false,
      'card declined',
      { from: 'sdk' },
    ]);
    // An error that says nothing about retrying stays a retryable handler_error.
    expect(wrapError(Object.assign(new Error('x'), { retryable: 'maybe' })).errorType).toBe('handler_error');
  });
});

describe('StepHandlerResult', () => {
  it('success() and failure() fill every field; failure defaults to handler_error, retryable', () => {
    const ok = StepHandlerResult.success({ a: 1 });
    expect([ok.success, ok.isSuccess(), ok.isFailure(), ok.result, ok.retryable, ok.metadata]).toEqual([
      true,
      true,
      false,
      { a: 1 },
      true,
      {},
    ]);
    const bad = StepHandlerResult.failure('nope');
    expect([bad.success, bad.errorMessage, bad.errorType, bad.retryable, bad.errorCode, bad.result]).toEqual([
      false,
      'nope',
      'handler_error',
      true,
      null,
      null,
    ]);
  });
});
