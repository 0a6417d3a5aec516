import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BatchWorkerContext,
  batchCursorConfigs,
  createStepContext,
  Decision,
  defineApiHandler,
  defineBatchAnalyzer,
  defineBatchWorker,
  defineDecisionHandler,
  defineHandler,
  StepContext,
  StepHandler,
  StepHandlerResult,
} from '../../src/runtime/index.js';

describe('defineHandler', () => {
  it('returns a class with static handlerName, handlerVersion, kind, depends and inputs', () => {
    const Handler = defineHandler(
      'Ecommerce.StepHandlers.ProcessPayment',
      { depends: { cart: 'validate_cart' }, inputs: { token: 'payment_token' } },
      async () => ({}),
    );
    expect(Handler.handlerName).toBe('Ecommerce.StepHandlers.ProcessPayment');
    expect(Handler.handlerVersion).toBe('1.0.0');
    expect(Handler.kind).toBe('handler');
    expect(Handler.depends).toEqual({ cart: 'validate_cart' });
    expect(Handler.inputs).toEqual({ token: 'payment_token' });
    expect(Handler.name).toBe('Ecommerce.StepHandlers.ProcessPayment');
    const instance = new Handler();
    expect(instance).toBeInstanceOf(StepHandler);
    expect([instance.name, instance.version, instance.capabilities]).toEqual([
      'Ecommerce.StepHandlers.ProcessPayment',
      '1.0.0',
      ['process'],
    ]);
  });

  it('keeps a custom version', () => {
    expect(defineHandler('v', { version: '2.3.0' }, () => null).handlerVersion).toBe('2.3.0');
  });

  it('copies and freezes depends/inputs, so later edits to the options object change nothing', async () => {
    const options = { depends: { cart: 'validate_cart' } };
    const Handler = defineHandler('frozen', options, async ({ cart }) => ({ cart }));
    options.depends.cart = 'something_else';
    expect(Handler.depends).toEqual({ cart: 'validate_cart' });
    expect(Object.isFrozen(Handler.depends)).toBe(true);
    const result = await new Handler().call(createStepContext({ dependencyResults: { validate_cart: { total: 3 } } }));
    expect(result.result).toEqual({ cart: { total: 3 } });
  });

  it('injects one argument per depends entry, one per inputs entry, and context', async () => {
    let seen: Record<string, unknown> = {};
    const Handler = defineHandler(
      'injection',
      { depends: { cart: 'validate_cart', user: 'fetch_user' }, inputs: { token: 'payment_token', email: 'customer_email' } },
      async (args) => {
        seen = args;
        return {};
      },
    );
    const context = createStepContext({
      input: { payment_token: 'tok_1', unrelated: 1 },
      dependencyResults: { validate_cart: { total: 99.5 } },
    });
    await new Handler().call(context);
    expect(Object.keys(seen).sort()).toEqual(['cart', 'context', 'email', 'token', 'user']);
    expect(seen.cart).toEqual({ total: 99.5 });
    expect(seen.user).toBeNull(); // absent dependency → null
    expect(seen.token).toBe('tok_1');
    expect(seen.email).toBeUndefined(); // absent input → undefined
    expect('email' in seen).toBe(true);
    expect(seen.context).toBe(context);
  });

  it('receives results of transitive ancestors, not only direct dependencies', async () => {
    const Handler = defineHandler('transitive', { depends: { root: 'step_a' } }, async ({ root }) => ({ root }));
    const result = await new Handler().call(createStepContext({ dependencyResults: { step_a: 'from a' } }));
    expect(result.result).toEqual({ root: 'from a' });
  });

  it('an inputs mapping reads a top-level key only', async () => {
    const Handler = defineHandler('top_level', { inputs: { email: 'customer.email' } }, async ({ email }) => ({
      email: email ?? 'absent',
    }));
    const result = await new Handler().call(createStepContext({ input: { customer: { email: 'a@b.c' } } }));
    expect(result.result).toEqual({ email: 'absent' });
  });

  it('rejects invalid definitions when defined, not when run', () => {
    expect(() => defineHandler('', {}, () => null)).toThrow('non-empty string');
    expect(() => defineHandler('x', { depends: { cart: 42 as unknown as string } }, () => null)).toThrow(
      'options.depends.cart must be a string, got 42',
    );
    expect(() => defineHandler('x', { inputs: ['a'] as unknown as Record<string, string> }, () => null)).toThrow(
      'options.inputs must map argument names to strings',
    );
  });
});

describe('defineApiHandler', () => {
  let server: Server;
  let baseUrl = '';
  beforeAll(async () => {
    server = createServer((request, response) => {
      const status = Number(/\/status\/(\d+)/.exec(request.url ?? '')?.[1] ?? 200);
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'x-echo': (request.headers['x-echo'] as string) ?? '',
        ...(status === 429 ? { 'retry-after': '7' } : {}),
      };
      response.writeHead(status, headers);
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () =>
        response.end(
          JSON.stringify(
            status === 200
              ? { method: request.method, url: request.url, auth: request.headers.authorization ?? null, body: body || null }
              : { error: `failed with ${status}` },
          ),
        ),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('gives the function an HTTP client for baseUrl, with the default headers, and result helpers', async () => {
    const Fetch = defineApiHandler(
      'fetch_user',
      { baseUrl, defaultHeaders: { authorization: 'Bearer t' }, depends: { id: 'lookup' } },
      async ({ id, api }) => {
        const response = await api.post(`/users/${String(id)}`, { body: { name: 'Ana' } });
        return api.apiSuccess(response);
      },
    );
    expect(Fetch.kind).toBe('api');
    const result = await new Fetch().call(createStepContext({ dependencyResults: { lookup: 7 } }));
    expect(result.result).toEqual({ method: 'POST', url: '/users/7', auth: 'Bearer t', body: '{"name":"Ana"}' });
    expect(result.metadata.status_code).toBe(200);
  });

  it('request() takes fetch options (a Headers object too); response headers are data', async () => {
    const Fetch = defineApiHandler('raw', { baseUrl }, async ({ api }) => {
      const response = await api.request('PUT', '/raw', { headers: new Headers({ 'x-echo': 'hi' }), body: 'text' });
      return api.apiSuccess(response, {
        echoed: response.headers['x-echo'] ?? null,
        status: response.rawResponse.status,
        inherited: Object.getPrototypeOf(response.headers) === Object.prototype,
      });
    });
    const result = await new Fetch().call(createStepContext());
    expect(result.result).toEqual({ echoed: 'hi', status: 200, inherited: true });
  });

  it.each([
    [404, 'not_found', false, 'HTTP 404: failed with 404'],
    [429, 'rate_limited', true, 'HTTP 429: failed with 429'],
    [503, 'service_unavailable', true, 'HTTP 503: failed with 503'],
    [418, 'client_error', false, 'HTTP 418: failed with 418'],
  ])('apiFailure classifies status %i as %s (retryable: %s)', async (status, errorType, retryable, message) => {
    const Fetch = defineApiHandler('fetch', { baseUrl }, async ({ api }) => api.apiFailure(await api.get(`/status/${status}`, { q: 'x' })));
    const result = await new Fetch().call(createStepContext());
    expect([result.errorType, result.retryable, result.errorMessage]).toEqual([errorType, retryable, message]);
    if (status === 429) expect(result.metadata.retry_after_seconds).toBe(7);
  });

  it('keeps defineHandler semantics for what the function throws', async () => {
    const failed = await new (defineApiHandler('f', { baseUrl }, async () => {
      throw new Error('ECONNRESET');
    }))().call(createStepContext());
    expect([failed.errorType, failed.retryable]).toEqual(['handler_error', true]);
  });
});

describe('StepHandler (class-based)', () => {
  class ProcessOrder extends StepHandler {
    static override handlerName = 'process_order';
    static override handlerVersion = '3.0.0';
    async call(context: StepContext): Promise<StepHandlerResult> {
      return this.success({ order: context.getInput('order_id') }, { by: this.name });
    }
  }

  it('exposes name, version and the success/failure helpers', async () => {
    const handler = new ProcessOrder();
    expect([handler.name, handler.version, String(handler)]).toEqual([
      'process_order',
      '3.0.0',
      'ProcessOrder(name=process_order, version=3.0.0)',
    ]);
    const result = await handler.call(createStepContext({ input: { order_id: 12 } }));
    expect([result.result, result.metadata]).toEqual([{ order: 12 }, { by: 'process_order' }]);
    // A class-based handler declares no depends (the registry then checks none).
    expect((ProcessOrder as { depends?: unknown }).depends).toBeUndefined();
  });
});

describe('defineDecisionHandler and Decision', () => {
  it('Decision.route → decision_point_outcome create_steps with routing_context and decision metadata', async () => {
    const Route = defineDecisionHandler('route_order', { depends: { order: 'validate_order' }, version: '1.2.0' }, async ({ order }) =>
      (order as { tier: string }).tier === 'premium'
        ? Decision.route(['process_premium', 'notify_vip'], { tier: 'premium' })
        : Decision.route(['process_standard']),
    );
    expect(Route.kind).toBe('decision');
    expect(new Route().capabilities).toEqual(['process', 'decision', 'routing']);
    const premium = await new Route().call(createStepContext({ dependencyResults: { validate_order: { tier: 'premium' } } }));
    expect(premium.toJSON()).toEqual({
      success: true,
      result: {
        decision_point_outcome: { type: 'create_steps', step_names: ['process_premium', 'notify_vip'] },
        routing_context: { tier: 'premium' },
      },
      error_message: null,
      error_type: null,
      error_code: null,
      retryable: true,
      metadata: { decision_handler: 'route_order', decision_version: '1.2.0' },
      orchestration_metadata: null,
    });
    const standard = await new Route().call(createStepContext({ dependencyResults: { validate_order: { tier: 'basic' } } }));
    // An empty routing context is left out, as in Tasker.
    expect(standard.result).toEqual({ decision_point_outcome: { type: 'create_steps', step_names: ['process_standard'] } });
  });

  it('Decision.skip → decision_point_outcome no_branches with the reason', async () => {
    const Skip = defineDecisionHandler('skip_all', {}, () => Decision.skip('nothing to approve', { checked: 3 }));
    const result = await new Skip().call(createStepContext());
    expect(result.result).toEqual({
      decision_point_outcome: { type: 'no_branches' },
      reason: 'nothing to approve',
      routing_context: { checked: 3 },
    });
    expect(result.metadata).toEqual({ decision_handler: 'skip_all', decision_version: '1.0.0' });
  });

  it('Decision values carry type, steps, reason and routing context', () => {
    const route = Decision.route(['a']);
    expect([route.type, route.steps, route.reason, route.routingContext]).toEqual(['create_steps', ['a'], undefined, {}]);
    const skip = Decision.skip('why');
    expect([skip.type, skip.steps, skip.reason]).toEqual(['no_branches', [], 'why']);
    expect(Decision.isDecision(route)).toBe(true);
    expect(Decision.isDecision({ type: 'create_steps', steps: [] })).toBe(false);
  });

  it('a StepHandlerResult passes through; other values are wrapped; errors are classified', async () => {
    const own = StepHandlerResult.failure('no route', 'decision_error', false);
    const Pass = defineDecisionHandler('pass', {}, () => own);
    expect(await new Pass().call(createStepContext())).toBe(own);
    const Plain = defineDecisionHandler('plain', {}, () => ({ custom: true }) as never);
    expect((await new Plain().call(createStepContext())).result).toEqual({ custom: true });
    const BadRoute = defineDecisionHandler('bad_route', {}, () => Decision.route('step_a' as unknown as string[]));
    const failed = await new BadRoute().call(createStepContext());
    expect([failed.errorType, failed.errorMessage, failed.retryable]).toEqual([
      'handler_error',
      'Decision.route expects an array of step names',
      true,
    ]);
  });
});

describe('defineBatchAnalyzer', () => {
  it('turns { totalItems, batchSize } into create_batches cursors (half-open ranges)', async () => {
    const Analyze = defineBatchAnalyzer(
      'analyze_csv',
      { workerTemplate: 'process_csv_batch', inputs: { rows: 'row_count' } },
      async ({ rows }) => ({
        totalItems: rows as number,
        batchSize: 100,
        metadata: { source: 'csv' },
      }),
    );
    expect([Analyze.kind, Analyze.workerTemplate]).toEqual(['batch_analyzer', 'process_csv_batch']);
    const result = await new Analyze().call(createStepContext({ input: { row_count: 250 } }));
    expect(result.result).toEqual({
      batch_processing_outcome: {
        type: 'create_batches',
        worker_template_name: 'process_csv_batch',
        worker_count: 3,
        cursor_configs: [
          { batch_id: 'batch_000', start_cursor: 0, end_cursor: 100, batch_size: 100 },
          { batch_id: 'batch_001', start_cursor: 100, end_cursor: 200, batch_size: 100 },
          { batch_id: 'batch_002', start_cursor: 200, end_cursor: 250, batch_size: 50 },
        ],
        total_items: 250,
      },
    });
    expect(result.metadata).toEqual({ batch_count: 3, total_items: 250, source: 'csv' });
  });

  it('an exact multiple gives equal batches', () => {
    expect(batchCursorConfigs(200, 100).map((c) => [c.start_cursor, c.end_cursor])).toEqual([
      [0, 100],
      [100, 200],
    ]);
    expect(batchCursorConfigs(1, 100)).toEqual([{ batch_id: 'batch_000', start_cursor: 0, end_cursor: 1, batch_size: 1 }]);
  });

  it('zero items → zero workers, as the SDK does', async () => {
    const Analyze = defineBatchAnalyzer('empty', { workerTemplate: 'w' }, () => ({ totalItems: 0, batchSize: 10 }));
    const result = await new Analyze().call(createStepContext());
    expect(result.result).toEqual({
      batch_processing_outcome: { type: 'create_batches', worker_template_name: 'w', worker_count: 0, cursor_configs: [], total_items: 0 },
    });
    expect(result.metadata).toEqual({ batch_count: 0, total_items: 0 });
  });

  it('a bad analysis is a handler_error failure; a StepHandlerResult passes through', async () => {
    const Bad = defineBatchAnalyzer('bad', { workerTemplate: 'w' }, () => ({ totalItems: 10, batchSize: 0 }));
    const bad = await new Bad().call(createStepContext());
    expect([bad.success, bad.errorType, bad.errorMessage]).toEqual([
      false,
      'handler_error',
      'batch analyzer "bad" must return { totalItems, batchSize } with batchSize a positive integer, got 0',
    ]);
    const own = StepHandlerResult.success({ custom: 1 });
    const Pass = defineBatchAnalyzer('pass', { workerTemplate: 'w' }, () => own);
    expect(await new Pass().call(createStepContext())).toBe(own);
    expect(() => defineBatchAnalyzer('no_template', {} as { workerTemplate: string }, () => ({ totalItems: 1, batchSize: 1 }))).toThrow(
      'workerTemplate',
    );
  });
});

describe('defineBatchWorker', () => {
  const Worker = defineBatchWorker('process_csv_batch', { inputs: { path: 'csv_file_path' } }, async ({ batchContext, path }) => ({
    batchContext,
    path,
  }));

  it('receives batchContext from the cursor the orchestrator put in the step inputs', async () => {
    const context = createStepContext({
      input: { csv_file_path: '/data/a.csv' },
      batch: { batchId: 'batch_001', start: 100, end: 200, batchMetadata: { cursor_field: 'row_number' } },
    });
    const result = await new Worker().call(context);
    expect(Worker.kind).toBe('batch_worker');
    const batchContext = result.result!.batchContext as BatchWorkerContext;
    expect(result.result!.path).toBe('/data/a.csv');
    // The step size is the cursor's batch size when the orchestrator gives no step_size, as in the SDK.
    expect([
      batchContext.batchId,
      batchContext.startCursor,
      batchContext.endCursor,
      batchContext.stepSize,
      batchContext.batchIndex,
      batchContext.totalBatches,
    ]).toEqual(['batch_001', 100, 200, 100, 0, 1]);
    expect(batchContext.cursorConfig).toEqual({ startCursor: 100, endCursor: 200, stepSize: 100, metadata: {} });
    expect(batchContext.batchMetadata).toEqual({ cursor_field: 'row_number' });
    expect([batchContext.checkpoint, batchContext.hasCheckpoint()]).toEqual([{}, false]);
  });

  it('reads raw Tasker step inputs, the no-op flag, and the legacy batch_context in config', async () => {
    const raw = new StepContext({
      taskUuid: 't',
      stepUuid: 's',
      handlerName: 'csv.ProcessBatch',
      inputData: {},
      dependencyResults: {},
      stepConfig: {},
      stepInputs: {
        cursor: { batch_id: '007', start_cursor: 5, end_cursor: 9, batch_size: 4, step_size: 2 },
        batch_metadata: {},
        is_no_op: true,
      },
      retryCount: 0,
      maxRetries: 3,
    });
    const fromInputs = (await new Worker().call(raw)).result!.batchContext as BatchWorkerContext;
    expect([fromInputs.batchId, fromInputs.startCursor, fromInputs.endCursor, fromInputs.stepSize]).toEqual(['007', 5, 9, 2]);

    const legacy = createStepContext({
      config: {
        batch_context: {
          batch_id: 'b2',
          cursor_config: { start_cursor: 10, end_cursor: 20, step_size: 2 },
          batch_index: 1,
          total_batches: 4,
        },
      },
    });
    const fromConfig = (await new Worker().call(legacy)).result!.batchContext as BatchWorkerContext;
    expect([fromConfig.batchId, fromConfig.cursorConfig, fromConfig.batchIndex, fromConfig.totalBatches]).toEqual([
      'b2',
      { startCursor: 10, endCursor: 20, stepSize: 2, metadata: {} },
      1,
      4,
    ]);
  });

  it('batchContext is null without a cursor', async () => {
    const result = await new Worker().call(createStepContext());
    expect(result.result).toEqual({ batchContext: null });
  });
});
