import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createStepContext, defineHandler, HandlerRegistry, loadTemplates, type RuntimeLogger } from '../../src/runtime/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const shop = await loadTemplates([path.join(here, 'fixtures/shop.yaml')], { cwd: root });
const broken = await loadTemplates([path.join(here, 'fixtures/bad-schema.yaml')], { cwd: root });
const label = 'shop_valid/order_checkout:2.1.0';

const validInput = { customer: { email: 'ana@example.com' }, cart_items: [{ sku: 'A-1', quantity: 2 }] };

/** A registry over shop.yaml whose validate_cart handler returns `result` and counts its calls. */
function setup(mode: 'off' | 'warn' | 'strict', result: unknown = { total: 10, status: 'ok' }) {
  const warnings: Array<{ message: string; details?: Record<string, unknown> }> = [];
  const logger: RuntimeLogger = { warn: (message, details) => warnings.push({ message, details }) };
  const calls = { count: 0 };
  const registry = new HandlerRegistry({ validate: mode, templates: shop, logger }).register(
    defineHandler('shop.validate_cart', {}, () => {
      calls.count++;
      return result;
    }),
  );
  const run = (input: Record<string, unknown>) =>
    registry.run('shop.validate_cart', createStepContext({ input, stepName: 'validate_cart' }));
  return { registry, warnings, calls, run };
}

const compiledCount = (registry: HandlerRegistry): number => (registry as unknown as { validators: { size: number } }).validators.size;
const ajvLoaded = (): boolean =>
  Object.keys(createRequire(import.meta.url).cache).some((file) => file.includes(`${path.sep}node_modules${path.sep}ajv${path.sep}`));

describe("validate: 'off' (the default)", () => {
  it('checks nothing and never loads ajv', async () => {
    const { registry, run, calls, warnings } = setup('off', { total: 'not a number' });
    const result = await run({ customer: {} });
    expect(result.success).toBe(true);
    expect(result.result).toEqual({ total: 'not a number' });
    expect(calls.count).toBe(1);
    expect(warnings).toEqual([]);
    expect(compiledCount(registry)).toBe(0);
    expect(ajvLoaded()).toBe(false);
    expect(new HandlerRegistry().validation).toBe('off');
  });
});

describe("validate: 'strict'", () => {
  it('passes valid input and result through', async () => {
    const { run, calls } = setup('strict');
    const result = await run(validInput);
    expect([result.success, result.result, calls.count]).toEqual([true, { total: 10, status: 'ok' }, 1]);
    expect(ajvLoaded()).toBe(true);
  });

  it('an input mismatch is a permanent failure naming the JSON pointer, and the handler does not run', async () => {
    const { run, calls } = setup('strict');
    const result = await run({ customer: {}, cart_items: [{ sku: 'A-1', quantity: 0 }] });
    expect(calls.count).toBe(0);
    expect(result.toJSON()).toEqual({
      success: false,
      result: null,
      error_message: `task input does not match input_schema of ${label}: /customer/email: must have required property 'email' (and 1 more)`,
      error_type: 'validation_error',
      error_code: 'INPUT_SCHEMA_MISMATCH',
      retryable: false,
      metadata: {
        phase: 'input',
        schema: 'input_schema',
        template: label,
        step: 'validate_cart',
        pointer: '/customer/email',
        violations: [
          { pointer: '/customer/email', message: "must have required property 'email'", keyword: 'required' },
          { pointer: '/cart_items/0/quantity', message: 'must be >= 1', keyword: 'minimum' },
        ],
      },
      orchestration_metadata: null,
    });
  });

  it('checks formats (ajv-formats)', async () => {
    const { run } = setup('strict');
    const result = await run({ ...validInput, customer: { email: 'not-an-email' } });
    expect(result.errorMessage).toBe(`task input does not match input_schema of ${label}: /customer/email: must match format "email"`);
  });

  it('a result mismatch is a permanent failure naming the JSON pointer', async () => {
    const { run, calls } = setup('strict', { total: 'ten', status: 'maybe' });
    const result = await run(validInput);
    expect(calls.count).toBe(1);
    expect([result.success, result.retryable, result.errorType, result.errorCode]).toEqual([
      false,
      false,
      'validation_error',
      'RESULT_SCHEMA_MISMATCH',
    ]);
    expect(result.errorMessage).toBe(
      `result of step "validate_cart" (${label}) does not match its result_schema: /total: must be number (and 1 more)`,
    );
    expect(result.metadata.violations).toEqual([
      { pointer: '/total', message: 'must be number', keyword: 'type' },
      { pointer: '/status', message: 'must be equal to one of the allowed values', keyword: 'enum' },
    ]);
  });

  it('a failure result is not validated against result_schema', async () => {
    const registry = new HandlerRegistry({ validate: 'strict', templates: shop }).register(
      defineHandler('shop.validate_cart', {}, () => {
        throw new Error('db down');
      }),
    );
    const result = await registry.run('shop.validate_cart', createStepContext({ input: validInput, stepName: 'validate_cart' }));
    expect([result.errorType, result.errorMessage]).toEqual(['handler_error', 'db down']);
  });

  it('compiles each schema once and reuses it', async () => {
    const { registry, run } = setup('strict');
    await run(validInput);
    expect(compiledCount(registry)).toBe(2); // input_schema + validate_cart's result_schema
    await run(validInput);
    await run({ customer: {} });
    expect(compiledCount(registry)).toBe(2);
  });

  it('a schema ajv cannot compile is reported once through the logger and not enforced', async () => {
    const warnings: string[] = [];
    const registry = new HandlerRegistry({ validate: 'strict', templates: broken, logger: { warn: (m) => warnings.push(m) } }).register(
      defineHandler('shop.only_step', {}, () => ({ anything: true })),
    );
    const context = createStepContext({ stepName: 'only_step' });
    expect((await registry.run('shop.only_step', context)).success).toBe(true);
    expect((await registry.run('shop.only_step', context)).success).toBe(true);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^result_schema of step "only_step" of shop_broken\/broken_schema:1\.0\.0 cannot be compiled and is not validated: /,
    );
  });

  it('picks the schema of the step being run when a callable serves several steps', async () => {
    const shared = await loadTemplates([path.join(here, 'fixtures/shared-callable.yaml')], { cwd: root });
    const registry = new HandlerRegistry({ validate: 'strict', templates: shared }).register(
      defineHandler('shop.counter', {}, () => ({ count: 3 })),
    );
    expect((await registry.run('shop.counter', createStepContext({ stepName: 'count_items' }))).success).toBe(true);
    const orders = await registry.run('shop.counter', createStepContext({ stepName: 'count_orders' }));
    expect(orders.errorMessage).toBe(
      `result of step "count_orders" (shop_shared/shared:1.0.0) does not match its result_schema: /orders: must have required property 'orders'`,
    );
  });

  it('needs templates', () => {
    expect(() => new HandlerRegistry({ validate: 'strict' })).toThrow(
      "validate: 'strict' needs the templates to validate against (options.templates)",
    );
    expect(() => new HandlerRegistry({ validate: 'loud' as 'strict', templates: shop })).toThrow(
      "validate must be 'off', 'warn' or 'strict'",
    );
  });
});

describe("validate: 'warn'", () => {
  it('logs input and result mismatches through the injected logger and keeps the handler result', async () => {
    const { run, calls, warnings } = setup('warn', { total: 'ten' });
    const result = await run({ customer: { email: 'ana@example.com' } });
    expect(calls.count).toBe(1);
    expect([result.success, result.result]).toEqual([true, { total: 'ten' }]);
    expect(warnings.map((w) => w.message)).toEqual([
      `task input does not match input_schema of ${label}: /cart_items: must have required property 'cart_items'`,
      `result of step "validate_cart" (${label}) does not match its result_schema: /total: must be number`,
    ]);
    expect(warnings[0]!.details).toMatchObject({ phase: 'input', pointer: '/cart_items', step: 'validate_cart' });
    expect(warnings[1]!.details).toMatchObject({ phase: 'result', pointer: '/total', schema: 'result_schema' });
  });

  it('logs nothing when everything matches', async () => {
    const { run, warnings } = setup('warn');
    expect((await run(validInput)).success).toBe(true);
    expect(warnings).toEqual([]);
  });
});

describe('schema keys named like Object.prototype members are data at run time', () => {
  const keys = loadTemplates([path.join(root, 'fixtures/generate/prototype_keys.yaml')], { cwd: root });
  const input = JSON.parse('{"__proto__": "p", "constructor": 1}') as Record<string, unknown>;
  const run = async (step: string, callable: string, result: unknown) => {
    const registry = new HandlerRegistry({ validate: 'strict', templates: await keys }).register(defineHandler(callable, {}, () => result));
    return registry.run(callable, createStepContext({ stepName: step, input }));
  };

  it('a required `__proto__` property is checked like any other', async () => {
    expect((await run('__proto__', 'KeyData.Proto', JSON.parse('{"__proto__": "x", "ok": 1}'))).success).toBe(true);
    const wrongType = await run('__proto__', 'KeyData.Proto', JSON.parse('{"__proto__": 5, "ok": 1}'));
    expect(wrongType.errorMessage).toMatch(/\/__proto__: must be string$/);
    const missing = await run('__proto__', 'KeyData.Proto', { ok: 1 });
    expect(missing.errorMessage).toMatch(/\/__proto__: must have required property '__proto__'$/);
  });

  it('an absent `constructor` or `hasOwnProperty` is not found on the prototype', async () => {
    // `prototype.constructor` is required and a number; `hasOwnProperty` is an optional list of strings.
    expect((await run('constructor', 'KeyData.Constructor', { prototype: { constructor: 2 }, toString: 'constructor' })).success).toBe(
      true,
    );
    const wrong = await run('constructor', 'KeyData.Constructor', { prototype: {}, toString: 'constructor' });
    expect(wrong.errorMessage).toMatch(/\/prototype\/constructor: must have required property 'constructor'$/);
  });

  it('the task input may hold `__proto__` and `constructor` keys', async () => {
    expect((await run('toString', 'KeyData.ToString', {})).success).toBe(true);
  });
});
