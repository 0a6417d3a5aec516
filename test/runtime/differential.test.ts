/**
 * The same handler functions, on the same worker-shaped data (the SDK's step
 * event), through tasker-ctl/runtime and through the real SDK: the results
 * must agree. The SDK's implementation is not on the registry; build one with
 * `scripts/build-sdk-impl.sh <tasker-core>` and point TASKER_SDK_IMPL at it,
 * or this suite is skipped (and says so). Deliberate differences are listed
 * in DIFFERENCES and in docs/runtime.md; any other difference fails.
 */
import { beforeAll, expect, it } from 'vitest';
import * as ours from '../../src/runtime/index.js';
import { describeWithSdkImpl, SDK_IMPL } from '../helpers.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- two runtimes' modules, compared by behaviour */
type Runtime = typeof ours;

/** A step event as the worker dispatches it (camelCase, as napi-rs delivers it). */
function stepEvent(
  overrides: {
    context?: unknown;
    dependencyResults?: unknown;
    initialization?: unknown;
    inputs?: unknown;
    attempts?: number;
    checkpoint?: unknown;
  } = {},
) {
  return {
    eventId: 'e-1',
    taskUuid: '00000000-0000-4000-8000-000000000001',
    stepUuid: '00000000-0000-4000-8000-000000000002',
    correlationId: 'c-1',
    taskCorrelationId: 'tc-1',
    task: {
      taskUuid: '00000000-0000-4000-8000-000000000001',
      context: overrides.context ?? { order_id: 'o-1', amount: 120, coupon: null, items: [{ sku: 'a', qty: 2 }] },
    },
    workflowStep: {
      name: 'the_step',
      attempts: overrides.attempts ?? 0,
      maxAttempts: 3,
      inputs: overrides.inputs ?? {},
      ...(overrides.checkpoint !== undefined ? { checkpoint: overrides.checkpoint } : {}),
    },
    stepDefinition: {
      name: 'the_step',
      handlerCallable: 'Demo.Step',
      handlerInitialization: overrides.initialization ?? { threshold: 100 },
      dependencies: ['validate'],
    },
    dependencyResults: overrides.dependencyResults ?? {
      validate: { result: { ok: true, total: 120 }, status: 'completed' },
      bare: 7,
      batch_w_001: { result: { n: 1 } },
      batch_w_002: { result: { n: 2 } },
    },
  };
}

interface Case {
  name: string;
  /** The handler class, defined with `rt` (the runtime under test); `libs` for objects of one fixed library in both runs. */
  define: (rt: Runtime, libs: { ours: Runtime; sdk: Runtime }) => any;
  event?: Parameters<typeof stepEvent>[0];
}

const CASES: Case[] = [
  { name: 'returns a plain object', define: (rt) => rt.defineHandler('Demo.Step', {}, async () => ({ ok: 1 })) },
  { name: 'returns null', define: (rt) => rt.defineHandler('Demo.Step', {}, async () => null as any) },
  { name: 'returns undefined', define: (rt) => rt.defineHandler('Demo.Step', {}, async () => undefined as any) },
  { name: 'returns a number', define: (rt) => rt.defineHandler('Demo.Step', {}, async () => 42 as any) },
  { name: 'returns an array', define: (rt) => rt.defineHandler('Demo.Step', {}, async () => [1, 2] as any) },
  {
    name: 'returns StepHandlerResult.success with metadata',
    define: (rt) => rt.defineHandler('Demo.Step', {}, async () => rt.StepHandlerResult.success({ a: 1 }, { m: 2 })),
  },
  {
    name: 'returns StepHandlerResult.failure',
    define: (rt) =>
      rt.defineHandler('Demo.Step', {}, async () =>
        rt.StepHandlerResult.failure('no', rt.ErrorType.VALIDATION_ERROR, false, { field: 'x' }),
      ),
  },
  {
    name: 'injects depends and inputs as the context reads them',
    define: (rt) =>
      rt.defineHandler(
        'Demo.Step',
        { depends: { v: 'validate', bare: 'bare', missing: 'nope' }, inputs: { id: 'order_id', coupon: 'coupon', none: 'absent' } },
        async (args: any) => ({
          v: args.v,
          bare: args.bare,
          missing: args.missing ?? 'null-or-undefined',
          id: args.id,
          coupon: args.coupon,
          none: args.none === undefined ? 'undefined' : args.none,
        }),
      ),
  },
  {
    name: 'reads the context API',
    define: (rt) =>
      rt.defineHandler('Demo.Step', {}, async ({ context }: any) => ({
        input: context.getInput('order_id'),
        inputOr: context.getInputOr('coupon', 'none'),
        inputOrAbsent: context.getInputOr('absent', 'dflt'),
        dep: context.getDependencyResult('validate'),
        field: context.getDependencyField('validate', 'total'),
        all: context.getAllDependencyResults('batch_w'),
        config: context.getConfig('threshold'),
        inputData: context.inputData,
        stepConfig: context.stepConfig,
        isRetry: context.isRetry(),
        isLastRetry: context.isLastRetry(),
        retry: [context.retryCount, context.maxRetries],
        handlerName: context.handlerName,
      })),
  },
  {
    name: 'reads a retry attempt',
    event: { attempts: 2 },
    define: (rt) =>
      rt.defineHandler('Demo.Step', {}, async ({ context }: any) => ({ isRetry: context.isRetry(), isLast: context.isLastRetry() })),
  },
  {
    name: 'throws its own PermanentError',
    define: (rt) =>
      rt.defineHandler('Demo.Step', {}, async () => {
        throw new rt.PermanentError('bad card', { code: 'x' });
      }),
  },
  {
    name: "throws the SDK's PermanentError",
    define: (rt, { sdk }) =>
      rt.defineHandler('Demo.Step', {}, async () => {
        throw new sdk.PermanentError('bad card');
      }),
  },
  {
    name: "throws tasker-ctl/runtime's PermanentError",
    define: (rt, { ours }) =>
      rt.defineHandler('Demo.Step', {}, async () => {
        throw new ours.PermanentError('bad card');
      }),
  },
  {
    name: 'throws its own RetryableError',
    define: (rt) =>
      rt.defineHandler('Demo.Step', {}, async () => {
        throw new rt.RetryableError('busy', { retry_after: 30 });
      }),
  },
  {
    name: "throws the SDK's RetryableError",
    define: (rt, { sdk }) =>
      rt.defineHandler('Demo.Step', {}, async () => {
        throw new sdk.RetryableError('busy');
      }),
  },
  {
    name: "throws tasker-ctl/runtime's RetryableError",
    define: (rt, { ours }) =>
      rt.defineHandler('Demo.Step', {}, async () => {
        throw new ours.RetryableError('busy');
      }),
  },
  {
    name: 'throws a plain Error',
    define: (rt) =>
      rt.defineHandler('Demo.Step', {}, async () => {
        throw new TypeError('boom');
      }),
  },
  {
    name: 'throws a string',
    define: (rt) =>
      rt.defineHandler('Demo.Step', {}, async () => {
        throw 'text';
      }),
  },
  {
    name: 'routes with its own Decision',
    define: (rt) => rt.defineDecisionHandler('Demo.Step', {}, async () => rt.Decision.route(['a', 'b'], { why: 'big' })),
  },
  {
    name: "routes with the SDK's Decision",
    define: (rt, { sdk }) => rt.defineDecisionHandler('Demo.Step', {}, async () => sdk.Decision.route(['a'])),
  },
  {
    name: "routes with tasker-ctl/runtime's Decision",
    define: (rt, { ours }) => rt.defineDecisionHandler('Demo.Step', {}, async () => ours.Decision.route(['a'])),
  },
  {
    name: 'skips with Decision.skip',
    define: (rt) => rt.defineDecisionHandler('Demo.Step', {}, async () => rt.Decision.skip('nothing to do', { n: 0 })),
  },
  {
    name: 'a decision that returns a failure result',
    define: (rt) => rt.defineDecisionHandler('Demo.Step', {}, async () => rt.StepHandlerResult.failure('no', 'x', true)),
  },
  {
    name: 'a decision that throws',
    define: (rt) =>
      rt.defineDecisionHandler('Demo.Step', {}, async () => {
        throw new rt.PermanentError('no route');
      }),
  },
  {
    name: 'a batch analyzer with 10 items in batches of 3',
    define: (rt) =>
      rt.defineBatchAnalyzer('Demo.Step', { workerTemplate: 'batch_w' }, async () => ({
        totalItems: 10,
        batchSize: 3,
        metadata: { source: 's' },
      })),
  },
  {
    name: 'a batch analyzer with no items',
    define: (rt) => rt.defineBatchAnalyzer('Demo.Step', { workerTemplate: 'batch_w' }, async () => ({ totalItems: 0, batchSize: 3 })),
  },
  {
    name: 'a batch analyzer returning a result',
    define: (rt) =>
      rt.defineBatchAnalyzer('Demo.Step', { workerTemplate: 'batch_w' }, async () => rt.StepHandlerResult.success({ custom: true })),
  },
  {
    name: 'a batch worker reads its cursor',
    event: {
      inputs: {
        cursor: { batch_id: '002', start_cursor: 3, end_cursor: 6, batch_size: 3, metadata: {} },
        batch_metadata: { cursor_field: 'id' },
        is_no_op: false,
      },
    },
    define: (rt) =>
      rt.defineBatchWorker('Demo.Step', {}, async ({ batchContext }: any) => ({
        id: batchContext?.batchId ?? null,
        start: batchContext?.startCursor ?? null,
        end: batchContext?.endCursor ?? null,
      })),
  },
  {
    name: 'a batch worker without a cursor',
    define: (rt) =>
      rt.defineBatchWorker('Demo.Step', {}, async ({ batchContext }: any) => ({
        has: batchContext !== null && batchContext !== undefined,
      })),
  },
];

/** What Tasker receives from a handler: its result, without the timing that differs from run to run. */
function observed(result: any): unknown {
  const metadata = { ...(result.metadata ?? {}) };
  for (const key of ['execution_time_ms', 'executionTimeMs', 'completed_at', 'completedAt']) delete metadata[key];
  return {
    success: result.success,
    result: result.result,
    errorMessage: result.errorMessage ?? null,
    errorType: result.errorType ?? null,
    retryable: result.retryable ?? null,
    metadata,
  };
}

/**
 * Differences that remain (docs/runtime.md, "Differences from the SDK"): case
 * name → why. tasker-ctl/runtime recognises errors and decisions by shape, so
 * the SDK's objects work in it; the SDK uses instanceof, so this runtime's
 * objects do not work in the SDK. Generated code imports both from the typed
 * layer, which re-exports the target runtime's classes, and never mixes them.
 */
const DIFFERENCES: Record<string, string> = {
  "throws tasker-ctl/runtime's PermanentError": 'the SDK sees an unknown error: retryable handler_error',
  "throws tasker-ctl/runtime's RetryableError": 'the SDK sees an unknown error: handler_error',
  "routes with tasker-ctl/runtime's Decision": 'the SDK returns the object as a plain result',
};

describeWithSdkImpl('tasker-ctl/runtime and the real SDK agree on the same handlers and worker data', () => {
  let sdk: Runtime;
  beforeAll(async () => {
    sdk = (await import(SDK_IMPL!)) as Runtime;
  });

  for (const testCase of CASES) {
    it(testCase.name, async () => {
      const run = async (rt: Runtime) => {
        const Handler = testCase.define(rt, { ours, sdk });
        const context = rt.StepContext.fromFfiEvent(stepEvent(testCase.event) as any, 'Demo.Step');
        return observed(await new Handler().call(context));
      };
      const [mine, theirs] = [await run(ours), await run(sdk)];
      if (DIFFERENCES[testCase.name]) expect(mine).not.toEqual(theirs);
      else expect(mine).toEqual(theirs);
    });
  }
});
