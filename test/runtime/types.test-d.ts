/**
 * Type-level tests. `typecheck.test.ts` compiles this file (and the other
 * runtime tests) with the TypeScript compiler and fails on any error,
 * including an unused `@ts-expect-error`. `vitest --typecheck` runs it too.
 */
import { describe, expectTypeOf, it } from 'vitest';
import {
  Decision,
  HandlerRegistry,
  StepHandler,
  StepHandlerResult,
  createStepContext,
  defineApiHandler,
  defineBatchAnalyzer,
  defineBatchWorker,
  defineDecisionHandler,
  defineHandler,
  type AnyStepContext,
  type BatchAnalyzerClass,
  type BatchContext,
  type DecisionOutcome,
  type HandlerReturn,
  type RuntimeStepContext,
  type StepContext,
  type StepHandlerClass,
} from '../../src/runtime/index.js';

interface Cart {
  total: number;
  items: string[];
}
interface OrderInput {
  customer_email: string;
  coupon?: string | null;
  cart_items: Array<{ sku: string }>;
}
interface OrderResults {
  validate_cart: Cart;
  fetch_user: { name: string };
}
interface OrderConfig {
  currency: 'EUR' | 'USD';
}
type OrderContext = StepContext<OrderInput, OrderResults, OrderConfig>;
interface PaymentArgs {
  cart: Cart | null;
  email: string | undefined;
}
interface PaymentResult {
  paymentId: string;
  amount: number;
}

describe('defineHandler with type arguments', () => {
  it('gives every argument, the context and the return value their precise types', () => {
    const Handler = defineHandler<PaymentArgs, PaymentResult, OrderContext>(
      'Ecommerce.StepHandlers.ProcessPayment',
      { depends: { cart: 'validate_cart' }, inputs: { email: 'customer_email' } },
      async ({ cart, email, context }) => {
        expectTypeOf(cart).toEqualTypeOf<Cart | null>();
        expectTypeOf(email).toEqualTypeOf<string | undefined>();
        expectTypeOf(context).toEqualTypeOf<OrderContext>();
        expectTypeOf(context.input).toEqualTypeOf<OrderInput>();
        expectTypeOf(context.getInput('customer_email')).toEqualTypeOf<string | undefined>();
        expectTypeOf(context.getInput('coupon')).toEqualTypeOf<string | null | undefined>();
        expectTypeOf(context.getInputOr('coupon', 'NONE')).toEqualTypeOf<string>();
        expectTypeOf(context.getDependencyResult('validate_cart')).toEqualTypeOf<Cart | null>();
        expectTypeOf(context.getConfig('currency')).toEqualTypeOf<'EUR' | 'USD' | undefined>();
        // @ts-expect-error: not a key of the task input
        context.getInput('customer_mail');
        // @ts-expect-error: not an ancestor step
        context.getDependencyResult('send_email');
        // @ts-expect-error: the fallback must have the input's type
        context.getInputOr('coupon', 42);
        return { paymentId: 'p_1', amount: cart?.total ?? 0 };
      },
    );
    expectTypeOf(Handler).toEqualTypeOf<StepHandlerClass>();
    expectTypeOf(new Handler().call).returns.toEqualTypeOf<Promise<StepHandlerResult>>();
  });

  it('checks the return value against TResult (a StepHandlerResult is always allowed)', () => {
    expectTypeOf(defineHandler<PaymentArgs, PaymentResult, OrderContext>).parameter(2).returns.toEqualTypeOf<HandlerReturn<PaymentResult>>();
    expectTypeOf<HandlerReturn<PaymentResult>>().toEqualTypeOf<PaymentResult | StepHandlerResult | Promise<PaymentResult | StepHandlerResult>>();
    expectTypeOf(defineHandler<PaymentArgs, PaymentResult, OrderContext>).parameter(2).parameter(0).toEqualTypeOf<PaymentArgs & { context: OrderContext }>();
    // @ts-expect-error: paymentId must be a string
    defineHandler<PaymentArgs, PaymentResult, OrderContext>('x', {}, async () => ({ paymentId: 1, amount: 0 }));
    // @ts-expect-error: amount is missing
    defineHandler<PaymentArgs, PaymentResult>('x', {}, () => ({ paymentId: 'p' }));
    defineHandler<PaymentArgs, PaymentResult>('x', {}, () => StepHandlerResult.failure('declined', 'payment_declined', false));
  });

  it('defineApiHandler takes the same type arguments', () => {
    defineApiHandler<PaymentArgs, PaymentResult, OrderContext>('api', { baseUrl: 'https://x' }, async ({ cart, context }) => {
      expectTypeOf(cart).toEqualTypeOf<Cart | null>();
      expectTypeOf(context).toEqualTypeOf<OrderContext>();
      return { paymentId: 'p', amount: 1 };
    });
  });
});

describe('defineHandler without type arguments (Tasker-style)', () => {
  it('types every injected argument and context value as unknown', () => {
    defineHandler('Ecommerce.StepHandlers.ValidateCart', { depends: { cart: 'validate_cart' }, inputs: { items: 'cart_items' } }, async ({ cart, items, context }) => {
      expectTypeOf(cart).toEqualTypeOf<unknown>();
      expectTypeOf(items).toEqualTypeOf<unknown>();
      expectTypeOf(context).toEqualTypeOf<StepContext>();
      expectTypeOf(context).toEqualTypeOf<StepContext<Record<string, unknown>, Record<string, unknown>, Record<string, unknown>>>();
      expectTypeOf(context.getInput('anything')).toEqualTypeOf<unknown>();
      expectTypeOf(context.getDependencyResult('anything')).toEqualTypeOf<unknown>();
      expectTypeOf(context.getConfig('anything')).toEqualTypeOf<unknown>();
      expectTypeOf(context.input).toEqualTypeOf<Record<string, unknown>>();
      return { ok: (cart as Cart).total > 0 };
    });
  });

  it('accepts any return value, as Tasker does', () => {
    defineHandler('a', {}, () => 42);
    defineHandler('b', {}, async () => undefined);
    defineHandler('c', {}, () => [1, 2]);
  });
});

describe('decision, batch analyzer and batch worker', () => {
  it('a decision handler returns a DecisionOutcome (or a StepHandlerResult)', () => {
    expectTypeOf(Decision.route(['a'])).toEqualTypeOf<DecisionOutcome>();
    expectTypeOf(Decision.skip('none')).toEqualTypeOf<DecisionOutcome>();
    defineDecisionHandler<{ order: Cart | null }, DecisionOutcome, OrderContext>('route', { depends: { order: 'validate_cart' } }, async ({ order, context }) => {
      expectTypeOf(order).toEqualTypeOf<Cart | null>();
      expectTypeOf(context).toEqualTypeOf<OrderContext>();
      return (order?.total ?? 0) > 100 ? Decision.route(['manager_approval']) : Decision.skip('small order');
    });
    defineDecisionHandler('loose', {}, ({ order }) => {
      expectTypeOf(order).toEqualTypeOf<unknown>();
      return Decision.route(['x']);
    });
    // @ts-expect-error: a decision handler must return a decision
    defineDecisionHandler('wrong', {}, () => ({ steps: ['x'] }));
  });

  it('a batch analyzer returns { totalItems, batchSize }; its class keeps workerTemplate', () => {
    const Analyzer = defineBatchAnalyzer('analyze', { workerTemplate: 'process_batch' }, async () => ({ totalItems: 10, batchSize: 5 }));
    expectTypeOf(Analyzer).toEqualTypeOf<BatchAnalyzerClass>();
    expectTypeOf(Analyzer.workerTemplate).toEqualTypeOf<string>();
    // @ts-expect-error: batchSize is missing
    defineBatchAnalyzer('bad', { workerTemplate: 'w' }, () => ({ totalItems: 10 }));
    // @ts-expect-error: workerTemplate is required
    defineBatchAnalyzer('bad', {}, () => ({ totalItems: 10, batchSize: 1 }));
  });

  it('a batch worker also receives batchContext', () => {
    defineBatchWorker<{ path: string | undefined }, { rows: number }>('work', { inputs: { path: 'csv_file_path' } }, ({ batchContext, path }) => {
      expectTypeOf(batchContext).toEqualTypeOf<BatchContext | null>();
      expectTypeOf(path).toEqualTypeOf<string | undefined>();
      return { rows: batchContext ? batchContext.cursor.end - batchContext.cursor.start : 0 };
    });
    defineBatchWorker('loose', {}, ({ batchContext, anything }) => {
      expectTypeOf(batchContext).toEqualTypeOf<BatchContext | null>();
      expectTypeOf(anything).toEqualTypeOf<unknown>();
    });
  });
});

describe('createStepContext', () => {
  it('is typed by its type arguments, and loose without them', () => {
    const typed = createStepContext<OrderInput, OrderResults, OrderConfig>({
      input: { customer_email: 'a@b.c' },
      dependencyResults: { validate_cart: { total: 1, items: [] } },
      config: { currency: 'EUR' },
    });
    expectTypeOf(typed).toEqualTypeOf<RuntimeStepContext<OrderInput, OrderResults, OrderConfig>>();
    expectTypeOf(typed.getDependencyResult('validate_cart')).toEqualTypeOf<Cart | null>();
    expectTypeOf(typed).toExtend<OrderContext>();
    // @ts-expect-error: validate_cart's result has the wrong shape
    createStepContext<OrderInput, OrderResults>({ dependencyResults: { validate_cart: { total: 'one' } } });
    const loose = createStepContext();
    expectTypeOf(loose.getInput('x')).toEqualTypeOf<unknown>();
    expectTypeOf(loose).toExtend<StepContext>();
  });

  it('infers nothing from the values, so an untyped context fits every handler', () => {
    const context = createStepContext({ input: { order_id: 12 } });
    expectTypeOf(context).toEqualTypeOf<RuntimeStepContext<Record<string, unknown>, Record<string, unknown>, Record<string, unknown>>>();
    class ClassBased extends StepHandler {
      static override handlerName = 'class_based';
      async call(ctx: StepContext): Promise<StepHandlerResult> {
        return this.success({ id: ctx.getInput('order_id') });
      }
    }
    void new ClassBased().call(context);
  });

  it('call and registry.run accept contexts of any type arguments', () => {
    const Handler = defineHandler<PaymentArgs, PaymentResult, OrderContext>('h', {}, () => ({ paymentId: 'p', amount: 1 }));
    const typed = createStepContext<OrderInput, OrderResults, OrderConfig>({});
    expectTypeOf(new Handler().call(typed)).toEqualTypeOf<Promise<StepHandlerResult>>();
    expectTypeOf(new HandlerRegistry().run('h', typed)).toEqualTypeOf<Promise<StepHandlerResult>>();
    expectTypeOf(typed).toExtend<AnyStepContext>();
    expectTypeOf<OrderContext>().toExtend<AnyStepContext>();
  });
});
