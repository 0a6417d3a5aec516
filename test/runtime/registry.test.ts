import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadTemplates as loadTemplatesNow } from '../../src/load/index.js';
import {
  closestNames,
  createStepContext,
  defineHandler,
  HandlerRegistry,
  loadTemplates,
  RegistryMismatchError,
  type StepContext,
  StepHandler,
  type StepHandlerResult,
} from '../../src/runtime/index.js';
import { CORPUS_DIR, HAS_CORPUS } from '../helpers.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const fixture = (name: string): string => path.join(here, 'fixtures', name);
/** The synchronous loader the runtime wraps, for describe-level setup. */
const loadSync = (name: string) => {
  const loaded = loadTemplatesNow([fixture(name)], { cwd: root });
  expect(loaded.diagnostics).toEqual([]);
  return loaded;
};
const load = async (name: string) => {
  const loaded = await loadTemplates([fixture(name)], { cwd: root });
  expect(loaded.diagnostics).toEqual([]);
  return loaded;
};

describe('register, resolve, has, list', () => {
  const Charge = defineHandler('shop.charge', {}, () => ({ charged: true }));

  it('registers under the static handlerName or an explicit callable', () => {
    const registry = new HandlerRegistry().register(Charge).register('Legacy::Charge', Charge);
    expect(registry.resolve('shop.charge')).toBe(Charge);
    expect(registry.resolve('Legacy::Charge')).toBe(Charge);
    expect(registry.resolve('shop.other')).toBeUndefined();
    expect([registry.has('shop.charge'), registry.has('shop.other')]).toEqual([true, false]);
    expect(registry.list()).toEqual(['Legacy::Charge', 'shop.charge']);
  });

  it('refuses a class without handlerName unless a callable is given', () => {
    class Anonymous extends StepHandler {
      async call(): Promise<StepHandlerResult> {
        return this.success({});
      }
    }
    expect(() => new HandlerRegistry().register(Anonymous)).toThrow(
      'cannot register Anonymous: it has no static handlerName; use register(callable, handler)',
    );
    expect(new HandlerRegistry().register('anon', Anonymous).list()).toEqual(['anon']);
  });

  it('tries explicit registrations first, then the resolvers in order', () => {
    const Dynamic = defineHandler('dynamic.one', {}, () => null);
    const Explicit = defineHandler('dynamic.one', {}, () => null);
    const calls: string[] = [];
    const registry = new HandlerRegistry({
      resolvers: [
        (callable) => {
          calls.push(callable);
          return callable.startsWith('dynamic.') ? Dynamic : undefined;
        },
      ],
    });
    expect(registry.resolve('dynamic.one')).toBe(Dynamic);
    registry.register(Explicit);
    expect(registry.resolve('dynamic.one')).toBe(Explicit);
    expect(registry.resolve('static.two')).toBeUndefined();
    expect(calls).toEqual(['dynamic.one', 'static.two']);
    expect(registry.list()).toEqual(['dynamic.one']);
  });
});

describe('verify: a template with every kind of mismatch', () => {
  const ValidateCart = defineHandler('Shop.ValidateCart', {}, () => null);
  const ValidateCartAgain = defineHandler('Shop.ValidateCart', {}, () => null);
  const registry = new HandlerRegistry()
    .register(ValidateCart)
    .register(ValidateCart) // the same class again is not a duplicate
    .register(ValidateCartAgain)
    .register(defineHandler('Shop.ProcessPayment', { depends: { cart: 'validate_cart' } }, () => null))
    .register(defineHandler('Shop.UpdateInventory', { depends: { payment: 'process_payment' } }, () => null))
    .register(
      defineHandler('Shop.CreateOrder', { depends: { cart: 'validate_cart', coupon: 'apply_coupon', self: 'create_order' } }, () => null),
    )
    .register(defineHandler('Shop.SendConfirmaton', {}, () => null))
    .register(defineHandler('Shop.LegacyRefund', {}, () => null));
  const { templates } = loadSync('mismatches.yaml');
  const file = 'test/runtime/fixtures/mismatches.yaml';
  const template = 'shop/order_checkout:1.0.0';
  const report = registry.verify(templates);

  it('reports the duplicate registration', () => {
    expect(report.duplicateRegistrations).toEqual([
      {
        kind: 'duplicate-registration',
        callable: 'Shop.ValidateCart',
        count: 2,
        message: 'callable "Shop.ValidateCart" is registered 2 times with different handler classes; the last registration wins',
      },
    ]);
  });

  it('reports the callable with no handler, where it is, and the closest registered callable', () => {
    expect(report.missingHandlers).toEqual([
      {
        kind: 'missing-handler',
        callable: 'Shop.SendConfirmation',
        template,
        step: 'send_confirmation',
        file,
        line: 23,
        column: 17,
        suggestions: ['Shop.SendConfirmaton'],
        message: `${file}:23:17: step "send_confirmation" of ${template} uses callable "Shop.SendConfirmation", which has no registered handler; did you mean "Shop.SendConfirmaton"?`,
      },
    ]);
  });

  it('reports depends naming a sibling, an unknown step and the step itself; transitive ancestors are fine', () => {
    expect(report.invalidDepends.map((d) => [d.callable, d.step, d.param, d.dependsOn, d.reason, d.ancestors, d.line])).toEqual([
      ['Shop.UpdateInventory', 'update_inventory', 'payment', 'process_payment', 'not-an-ancestor', ['validate_cart'], 15],
      [
        'Shop.CreateOrder',
        'create_order',
        'coupon',
        'apply_coupon',
        'unknown-step',
        ['process_payment', 'update_inventory', 'validate_cart'],
        19,
      ],
      [
        'Shop.CreateOrder',
        'create_order',
        'self',
        'create_order',
        'not-an-ancestor',
        ['process_payment', 'update_inventory', 'validate_cart'],
        19,
      ],
    ]);
    expect(report.invalidDepends[0]!.message).toBe(
      `${file}:15:17: handler "Shop.UpdateInventory" of step "update_inventory" (${template}) declares depends.payment = "process_payment", which is not upstream of "update_inventory" (its ancestors: validate_cart), so its result is never passed in`,
    );
    expect(report.invalidDepends[1]!.message).toBe(
      `${file}:19:17: handler "Shop.CreateOrder" of step "create_order" (${template}) declares depends.coupon = "apply_coupon", which is not a step of ${template}`,
    );
    expect(report.invalidDepends[2]!.message).toContain('declares depends.self = "create_order", which is the step itself');
  });

  it('reports handlers no template uses, pointing out the likely typo', () => {
    expect(report.unusedHandlers).toEqual([
      {
        kind: 'unused-handler',
        callable: 'Shop.LegacyRefund',
        suggestions: [],
        message: 'handler "Shop.LegacyRefund" is registered but no template step uses it',
      },
      {
        kind: 'unused-handler',
        callable: 'Shop.SendConfirmaton',
        suggestions: ['Shop.SendConfirmation'],
        message:
          'handler "Shop.SendConfirmaton" is registered but no template step uses it (a template uses "Shop.SendConfirmation": a typo?)',
      },
    ]);
  });

  it('lists every mismatch once, grouped by kind', () => {
    expect(report.ok).toBe(false);
    expect(report.mismatches.map((m) => m.kind)).toEqual([
      'duplicate-registration',
      'missing-handler',
      'invalid-depends',
      'invalid-depends',
      'invalid-depends',
      'unused-handler',
      'unused-handler',
    ]);
  });

  it('assertVerified throws one RegistryMismatchError listing all of them', () => {
    let error: unknown;
    try {
      registry.assertVerified(templates);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RegistryMismatchError);
    const mismatch = error as RegistryMismatchError;
    expect(mismatch.mismatches).toHaveLength(7);
    expect(mismatch.report).toEqual(report);
    const lines = mismatch.message.split('\n');
    expect(lines[0]).toBe('handler registry does not match the templates (7 mismatches):');
    expect(lines.slice(1)).toEqual(report.mismatches.map((m) => `  - ${m.message}`));
  });

  it('accepts the loadTemplates result directly', async () => {
    expect(registry.verify(await load('mismatches.yaml')).mismatches).toHaveLength(7);
  });
});

describe('verify: a consistent registry', () => {
  it('is ok, and assertVerified returns the report', async () => {
    const loaded = await load('shop.yaml');
    const registry = new HandlerRegistry({ templates: loaded })
      .register(defineHandler('shop.validate_cart', {}, () => ({ total: 1 })))
      .register(defineHandler('shop.charge', { depends: { cart: 'validate_cart' } }, () => ({ payment_id: 'p' })))
      .register(defineHandler('shop.confirm', { depends: { cart: 'validate_cart', payment: 'charge' } }, () => null));
    const report = registry.assertVerified();
    expect(report).toEqual({
      ok: true,
      mismatches: [],
      missingHandlers: [],
      unusedHandlers: [],
      duplicateRegistrations: [],
      invalidDepends: [],
    });
  });

  it.skipIf(!HAS_CORPUS)(
    `checks the real corpus: every callable registered → no mismatch; none registered → one missing handler per step${HAS_CORPUS ? '' : ' [skipped: ../shared/corpus is not beside this clone]'}`,
    async () => {
      const corpus = await loadTemplates([path.join(CORPUS_DIR, 'tasker-core')], { cwd: root });
      expect(corpus.diagnostics).toEqual([]);
      expect(corpus.templates.length).toBe(129);
      const callables = new Set(corpus.templates.flatMap((t) => t.steps.map((s) => s.handler.callable)));
      const full = new HandlerRegistry();
      for (const callable of callables)
        full.register(
          callable,
          defineHandler(callable, {}, () => null),
        );
      expect(full.verify(corpus).ok).toBe(true);
      const stepCount = corpus.templates.reduce((n, t) => n + t.steps.length, 0);
      expect(new HandlerRegistry().verify(corpus).missingHandlers).toHaveLength(stepCount);
    },
  );
});

describe('run', () => {
  const registry = new HandlerRegistry()
    .register(defineHandler('Ecommerce.StepHandlers.ValidateCartHandler', {}, () => ({ ok: true })))
    .register(defineHandler('Ecommerce.StepHandlers.ProcessPaymentHandler', {}, () => ({ ok: true })))
    .register(defineHandler('Payments.StepHandlers.RefundHandler', {}, () => ({ ok: true })));

  it('runs the registered handler', async () => {
    const result = await registry.run('Ecommerce.StepHandlers.ValidateCartHandler', createStepContext());
    expect(result.result).toEqual({ ok: true });
  });

  it('an unregistered callable → handler_not_found, not retryable, naming the closest callables', async () => {
    const result = await registry.run('Ecommerce.StepHandlers.ValidateCardHandler', createStepContext());
    expect(result.toJSON()).toEqual({
      success: false,
      result: null,
      error_message:
        'Handler not found: Ecommerce.StepHandlers.ValidateCardHandler; did you mean "Ecommerce.StepHandlers.ValidateCartHandler"?',
      error_type: 'handler_not_found',
      error_code: null,
      retryable: false,
      metadata: { callable: 'Ecommerce.StepHandlers.ValidateCardHandler', suggestions: ['Ecommerce.StepHandlers.ValidateCartHandler'] },
      orchestration_metadata: null,
    });
  });

  it('finds the same class name under another namespace style', async () => {
    const result = await registry.run('Ecommerce::StepHandlers::ProcessPaymentHandler', createStepContext());
    expect(result.metadata.suggestions).toEqual(['Ecommerce.StepHandlers.ProcessPaymentHandler']);
  });

  it('names nothing when nothing is close', async () => {
    const result = await registry.run('zzz', createStepContext());
    expect([result.errorMessage, result.metadata.suggestions]).toEqual(['Handler not found: zzz', []]);
  });

  it('classifies what a class-based handler throws and wraps what it returns', async () => {
    class Throws extends StepHandler {
      static override handlerName = 'throws';
      async call(): Promise<StepHandlerResult> {
        throw new RangeError('out of range');
      }
    }
    class ReturnsPlain extends StepHandler {
      static override handlerName = 'plain';
      async call(context: StepContext): Promise<StepHandlerResult> {
        return { step: context.stepName } as unknown as StepHandlerResult;
      }
    }
    const local = new HandlerRegistry().register(Throws).register(ReturnsPlain);
    const thrown = await local.run('throws', createStepContext());
    expect([thrown.errorType, thrown.retryable, thrown.errorMessage, thrown.metadata]).toEqual([
      'handler_error',
      true,
      'out of range',
      { errorType: 'RangeError' },
    ]);
    expect((await local.run('plain', createStepContext({ stepName: 's1' }))).result).toEqual({ step: 's1' });
  });
});

describe('closestNames', () => {
  it('ranks by edit distance, matches the class name across namespace styles, and leaves out exact and distant names', () => {
    expect(closestNames('validate_crat', ['validate_cart', 'validate_card', 'process_order', 'validate_crat'])).toEqual([
      'validate_cart',
      'validate_card',
    ]);
    expect(
      closestNames('Ecommerce::StepHandlers::ValidateCartHandler', [
        'ecommerce.step_handlers.other',
        'Ecommerce.StepHandlers.ValidateCartHandler',
      ]),
    ).toEqual(['Ecommerce.StepHandlers.ValidateCartHandler']);
    expect(closestNames('a', ['b', 'c', 'd', 'e'])).toEqual(['b', 'c', 'd']);
    expect(closestNames('send_invoice', ['process_order', 'charge_card'])).toEqual([]);
  });
});
