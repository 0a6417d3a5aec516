import { describe, expect, it } from 'vitest';
import { createStepContext, DEFAULT_STEP_UUID, DEFAULT_TASK_UUID, defineHandler, StepContext } from '../../src/runtime/index.js';

describe('createStepContext', () => {
  it('has test defaults: fixed UUIDs, test_step, first attempt of 3, empty input/config', () => {
    const context = createStepContext();
    expect([context.taskUuid, context.stepUuid, context.stepName, context.handlerName, context.retryCount, context.maxRetries]).toEqual([
      '00000000-0000-4000-8000-000000000001',
      '00000000-0000-4000-8000-000000000002',
      'test_step',
      'test_step',
      0,
      3,
    ]);
    expect([DEFAULT_TASK_UUID, DEFAULT_STEP_UUID]).toEqual([context.taskUuid, context.stepUuid]);
    expect(context.inputData).toEqual({});
    expect(context.stepConfig).toEqual({});
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
      handlerName: 'Shop.Charge',
    });
    expect([context.taskUuid, context.stepUuid, context.stepName, context.handlerName, context.retryCount, context.maxRetries]).toEqual([
      'task-1',
      'step-1',
      'charge',
      'Shop.Charge',
      2,
      5,
    ]);
    expect(context.inputData).toEqual({ order_id: 7 });
    expect(context.getInput<number>('order_id')).toBe(7);
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

  it('builds a batch worker cursor as the orchestrator writes it', () => {
    const context = createStepContext({ batch: { batchId: 'batch_001', start: 100, end: 200, batchMetadata: { cursor_field: 'row' } } });
    expect(context.stepInputs).toEqual({
      cursor: { batch_id: 'batch_001', start_cursor: 100, end_cursor: 200, batch_size: 100, metadata: {} },
      batch_metadata: { cursor_field: 'row' },
      is_no_op: false,
    });
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

describe('getInputOr (as the SDK: the default replaces `undefined` only)', () => {
  const context = createStepContext({ input: { batch_size: null, zero: 0 } });

  it('returns the default when the key is absent', () => {
    expect(context.getInputOr('mode', 'inventory')).toBe('inventory');
  });

  it('keeps null and falsy values that are present', () => {
    expect(context.getInputOr('batch_size', 100)).toBeNull();
    expect(context.getInputOr('zero', 5)).toBe(0);
  });
});

describe("StepContext.fromFfiEvent (the worker's step event, read as the SDK reads it)", () => {
  it('takes input, dependency results, config, step inputs, attempts and checkpoint from the event', () => {
    const context = StepContext.fromFfiEvent(
      {
        taskUuid: 't',
        stepUuid: 's',
        correlationId: 'c',
        task: { context: { order_id: 'o-1' } },
        dependencyResults: { validate: { result: { ok: true } } },
        stepDefinition: { name: 'charge', handlerInitialization: { threshold: 5 } },
        workflowStep: { attempts: 2, maxAttempts: 3, inputs: { cursor: { batch_id: '001' } }, checkpoint: { cursor: 9 } },
      },
      'Shop.Charge',
    );
    expect([context.taskUuid, context.stepUuid, context.correlationId, context.handlerName, context.stepName]).toEqual([
      't',
      's',
      'c',
      'Shop.Charge',
      'charge',
    ]);
    expect([context.getInput('order_id'), context.getDependencyResult('validate'), context.getConfig('threshold')]).toEqual([
      'o-1',
      { ok: true },
      5,
    ]);
    expect([context.retryCount, context.maxRetries, context.isLastRetry(), context.checkpointCursor]).toEqual([2, 3, true, 9]);
    expect(context.stepInputs).toEqual({ cursor: { batch_id: '001' } });
  });

  it("reads a sparse event with the SDK's defaults", () => {
    const context = StepContext.fromFfiEvent({ task: null, workflowStep: { inputs: 'not an object' } }, 'X');
    expect([context.inputData, context.dependencyResults, context.stepConfig, context.stepInputs]).toEqual([{}, {}, {}, {}]);
    expect([context.retryCount, context.maxRetries, context.stepName, context.checkpoint]).toEqual([0, 3, 'X', null]);
  });
});

describe('StepContext (data as the worker receives it)', () => {
  const context = new StepContext({
    taskUuid: 't',
    stepUuid: 's',
    handlerName: 'Shop.Aggregate',
    stepName: 'aggregate',
    inputData: JSON.parse('{"a": 1, "__proto__": "own"}') as Record<string, unknown>,
    dependencyResults: {
      wrapped: { result: { count: 2 }, metadata: {} },
      bare: 'plain value',
      process_batch_001: { result: { rows: 10 } },
      process_batch_002: { result: { rows: 5 } },
      process_batch_003: { result: null },
      nested: { result: { outer: { inner: 'deep' } } },
    },
    stepConfig: {},
    retryCount: 0,
    maxRetries: 3,
    checkpoint: { cursor: 40, items_processed: 40, accumulated_results: { sum: 7 } },
  });

  it('unwraps Tasker result envelopes and returns bare values as is', () => {
    expect(context.getDependencyResult('wrapped')).toEqual({ count: 2 });
    expect(context.getDependencyResult('bare')).toBe('plain value');
    expect(context.getDependencyResult('absent')).toBeNull();
  });

  it('getAllDependencyResults collects by prefix without nulls; getDependencyField walks a path', () => {
    expect(context.getAllDependencyResults('process_batch_')).toEqual([{ rows: 10 }, { rows: 5 }]);
    expect(context.getDependencyField('nested', 'outer', 'inner')).toBe('deep');
    expect(context.getDependencyField('nested', 'outer', 'missing')).toBeUndefined();
    expect(context.getDependencyField('nested', 'outer', 'inner', 'deeper')).toBeNull();
    expect(context.getDependencyField('absent', 'x')).toBeNull();
  });

  it('reads own keys only: inherited names are absent, `__proto__` is data', () => {
    expect(context.getInput('constructor')).toBeUndefined();
    expect(context.getInput('toString')).toBeUndefined();
    expect(context.getInput('__proto__')).toBe('own');
    expect(context.getDependencyResult('hasOwnProperty')).toBeNull();
  });

  it('exposes the checkpoint of a yielding batch worker', () => {
    expect([context.checkpointCursor, context.checkpointItemsProcessed, context.accumulatedResults, context.hasCheckpoint()]).toEqual([
      40,
      40,
      { sum: 7 },
      true,
    ]);
    expect(createStepContext().hasCheckpoint()).toBe(false);
  });
});
