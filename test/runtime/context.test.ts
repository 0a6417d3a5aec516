import { describe, expect, it } from 'vitest';
import { DEFAULT_STEP_UUID, DEFAULT_TASK_UUID, RuntimeStepContext, createStepContext, defineHandler } from '../../src/runtime/index.js';

describe('createStepContext', () => {
  it('has test defaults: fixed UUIDs, test_step, first attempt of 3, empty input/config', () => {
    const context = createStepContext();
    expect([context.taskUuid, context.stepUuid, context.stepName, context.retryCount, context.maxRetries]).toEqual([
      '00000000-0000-4000-8000-000000000001',
      '00000000-0000-4000-8000-000000000002',
      'test_step',
      0,
      3,
    ]);
    expect([DEFAULT_TASK_UUID, DEFAULT_STEP_UUID]).toEqual([context.taskUuid, context.stepUuid]);
    expect(context.input).toEqual({});
    expect(context.config).toEqual({});
    expect(context.isRetry()).toBe(false);
    expect(context.isLastRetry()).toBe(false);
    expect(context.getDependencyResult('anything')).toBeNull();
    expect(context.getInput('anything')).toBeUndefined();
    expect(context.getConfig('anything')).toBeUndefined();
  });

  it('takes every field', () => {
    const context = createStepContext({
      input: { order_id: 7 },
      dependencyResults: { validate_cart: { total: 10 } },
      config: { currency: 'EUR' },
      retryCount: 2,
      maxRetries: 5,
      taskUuid: 'task-1',
      stepUuid: 'step-1',
      stepName: 'charge',
    });
    expect([context.taskUuid, context.stepUuid, context.stepName, context.retryCount, context.maxRetries]).toEqual(['task-1', 'step-1', 'charge', 2, 5]);
    expect(context.input).toEqual({ order_id: 7 });
    expect(context.inputData).toEqual({ order_id: 7 });
    expect(context.getInput('order_id')).toBe(7);
    expect(context.getDependencyResult('validate_cart')).toEqual({ total: 10 });
    expect(context.getConfig('currency')).toBe('EUR');
    expect(context.stepConfig).toEqual({ currency: 'EUR' });
  });

  it('returns dependency results exactly as given, even objects with a `result` key and falsy values', () => {
    const context = createStepContext({ dependencyResults: { primitive_step: { result: 42 }, zero: 0, nothing: null, flag: false } });
    expect(context.getDependencyResult('primitive_step')).toEqual({ result: 42 });
    expect(context.getDependencyResult('zero')).toBe(0);
    expect(context.getDependencyResult('nothing')).toBeNull();
    expect(context.getDependencyResult('flag')).toBe(false);
    expect(context.getDependencyResultKeys().sort()).toEqual(['flag', 'nothing', 'primitive_step', 'zero']);
  });

  it('tests a handler in a few lines', async () => {
    const ValidateCart = defineHandler('shop.validate_cart', { inputs: { items: 'cart_items' } }, async ({ items }) => {
      const list = items as Array<{ price: number; quantity: number }>;
      return { total: list.reduce((sum, i) => sum + i.price * i.quantity, 0) };
    });
    const result = await new ValidateCart().call(createStepContext({ input: { cart_items: [{ price: 2.5, quantity: 4 }] } }));
    expect(result.result).toEqual({ total: 10 });
  });
});

describe('retry helpers', () => {
  it.each([
    [0, 3, false, false],
    [1, 3, true, false],
    [2, 3, true, true],
    [3, 3, true, true],
    [0, 1, false, true],
  ])('retryCount %i of maxRetries %i → isRetry %s, isLastRetry %s', (retryCount, maxRetries, isRetry, isLastRetry) => {
    const context = createStepContext({ retryCount, maxRetries });
    expect([context.isRetry(), context.isLastRetry()]).toEqual([isRetry, isLastRetry]);
  });
});

describe('getInputOr', () => {
  const context = createStepContext<{ batch_size?: number | null; mode?: string; zero?: number }>({ input: { batch_size: null, zero: 0 } });

  it('returns the fallback when the key is absent or null', () => {
    expect(context.getInputOr('mode', 'inventory')).toBe('inventory');
    expect(context.getInputOr('batch_size', 100)).toBe(100);
  });

  it('keeps falsy values that are present', () => {
    expect(context.getInputOr('zero', 5)).toBe(0);
  });
});

describe('RuntimeStepContext (data as the worker receives it)', () => {
  const context = new RuntimeStepContext({
    taskUuid: 't',
    stepUuid: 's',
    stepName: 'aggregate',
    input: { a: 1 },
    dependencyResults: {
      wrapped: { result: { count: 2 }, metadata: {} },
      bare: 'plain value',
      process_batch_001: { result: { rows: 10 } },
      process_batch_002: { result: { rows: 5 } },
      nested: { result: { outer: { inner: 'deep' } } },
    },
    config: {},
    retryCount: 0,
    maxRetries: 3,
  });

  it('unwraps Tasker result envelopes and returns bare values as is', () => {
    expect(context.getDependencyResult('wrapped')).toEqual({ count: 2 });
    expect(context.getDependencyResult('bare')).toBe('plain value');
    expect(context.getDependencyResult('absent')).toBeNull();
  });

  it('getAllDependencyResults collects by prefix; getDependencyField walks a path', () => {
    expect(context.getAllDependencyResults('process_batch_')).toEqual([{ rows: 10 }, { rows: 5 }]);
    expect(context.getDependencyField('nested', 'outer', 'inner')).toBe('deep');
    expect(context.getDependencyField('nested', 'outer', 'missing')).toBeNull();
    expect(context.getDependencyField('absent', 'x')).toBeNull();
  });

  it('handlerName defaults to the step name', () => {
    expect(context.handlerName).toBe('aggregate');
  });
});
