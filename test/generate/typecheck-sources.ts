/**
 * TypeScript sources dropped into consumer projects next to generated code:
 * the positive "precise types" checks (must compile with zero errors) and the
 * negative cases (each must fail at the line marked `// @expect TSxxxx /regex/`).
 *
 * Paths are relative to the consumer's `src/` (the `--out` folder).
 */
import { parse } from 'yaml';

/** `Equal<A, B>` is `true` only when A and B are identical types (not merely assignable; `any` is never equal). */
const EQUAL = 'type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;';

/**
 * Precise types for fixtures/generate/rich_schemas.yaml, read inside handlers with no casts.
 * Lives in `src/typecheck/`; imports the generated `tasker.ts`, `index.ts` and contracts.
 */
export function richPreciseTypes(runtimeModule: string): string {
  const sdk = runtimeModule === '@tasker-systems/tasker';
  return `// Positive type checks: every \`Equal<…> = true\` fails to compile if a type is wider, narrower or \`any\`.
import { HandlerRegistry${sdk ? ', WorkerServer' : ''} } from '${runtimeModule}';
import {
  Decision,
  defineBatchAnalyzer,
  defineBatchWorker,
  defineDecisionHandler,
  defineHandler,
  type BatchResult,
  type BatchWorkerContext,
  type Callable,
  type DecisionResult,
  type HandlerResult,
  type Handlers,
  type JsonObject,
  type JsonValue,
  type ResultOf,
  type RouteOf,
  type ContextOf,
  type StepContext,
  createStepContext,
} from '../tasker.js';
import { everyCallableHasAHandler, handlers, registerAll } from '../index.js';
import type {
  ConvergeResult,
  ConvergeResultNode,
  ConvergeStep,
  ExpressLaneResult,
  ExpressLaneResultOption1,
  ExpressLaneResultOption2,
  Results,
  ShipBatchResult,
  StandardLaneResult,
  StandardLaneResultPart1,
  StandardLaneResultPart2,
  Steps,
  TaskInput,
  TaskInputItem,
  ValidateOrderResult,
  ValidateOrderResultMoney,
  ValidateOrderResultStrictBox,
  ValidateOrderResultTags,
  ValidateOrderResultValidatedItem,
  ValidateOrderStep,
} from '../contracts/rich_shop/order_pipeline.js';

${EQUAL}

// --- Contracts -------------------------------------------------------------
export const taskInputKeysCheck: Equal<keyof TaskInput, 'order_id' | 'items' | 'channel' | 'coupon' | 'customer-note' | '2fa_code' | 'class' | 'metadata'> = true;
export const channelCheck: Equal<TaskInput['channel'], 'web' | 'store' | 'phone'> = true;
export const couponCheck: Equal<TaskInput['coupon'], string | null | undefined> = true;
export const itemCheck: Equal<TaskInput['items'], TaskInputItem[]> = true;
export const nestedArraysCheck: Equal<TaskInputItem['options'], string[][] | undefined> = true;
export const constFieldCheck: Equal<ValidateOrderResult['status'], 'valid'> = true;
export const itemNameCheck: Equal<ValidateOrderResult['validated_items'], ValidateOrderResultValidatedItem[]> = true;
export const itemShapeCheck: Equal<ValidateOrderResultValidatedItem, { sku: string; price: number }> = true;
export const refCheck: Equal<ValidateOrderResult['totals'], ValidateOrderResultMoney> = true;
export const refEnumCheck: Equal<ValidateOrderResultMoney['currency'], 'EUR' | 'USD'> = true;
export const mapCheck: Equal<ValidateOrderResultTags[string], string> = true;
export const closedCheck: Equal<keyof ValidateOrderResultStrictBox, 'width'> = true;
export const oneOfCheck: Equal<ExpressLaneResult, ExpressLaneResultOption1 | ExpressLaneResultOption2> = true;
export const oneOfDiscriminantCheck: Equal<ExpressLaneResult['mode'], 'express' | 'skipped'> = true;
export const allOfCheck: Equal<StandardLaneResult, StandardLaneResultPart1 & StandardLaneResultPart2> = true;
export const anyOfCheck: Equal<ConvergeResult['outcome'], string | number> = true;
export const recursiveDefsCheck: Equal<ConvergeResultNode['children'], ConvergeResultNode[] | undefined> = true;
export const recursiveRootCheck: Equal<ConvergeResult['tree'], ConvergeResultNode | undefined> = true;
export const noResultSchemaCheck: Equal<Results['route_order'], JsonObject> = true;
export const notKeywordCheck: Equal<ShipBatchResult['not_allowed'], JsonValue | undefined> = true;
export const callableCheck: Equal<ValidateOrderStep['callable'], 'RichShop.StepHandlers.ValidateOrder'> = true;
export const kindCheck: Equal<Steps['converge']['kind'], 'deferred_convergence'> = true;
export const rootHasNoAncestorsCheck: Equal<keyof ValidateOrderStep['ancestors'], never> = true;
export const convergeAncestorsCheck: Equal<keyof ConvergeStep['ancestors'], 'validate_order' | 'route_order' | 'express_lane' | 'standard_lane'> = true;
export const handlerKindCheck: Equal<Handlers['RichShop.StepHandlers.RouteOrder']['kind'], 'decision'> = true;
export const callablesCheck: Equal<Extract<Callable, \`RichShop.\${string}\`>,
    | 'RichShop.StepHandlers.ValidateOrder' | 'RichShop.StepHandlers.RouteOrder' | 'RichShop.StepHandlers.ExpressLane'
    | 'RichShop.StepHandlers.StandardLane' | 'RichShop.StepHandlers.Converge' | 'RichShop.StepHandlers.SplitShipments'
    | 'RichShop.StepHandlers.ShipBatch'> = true;
export const indexCheck: Equal<typeof everyCallableHasAHandler, true> = true;

// --- Generated object types fit Record<string, unknown> (the SDK's own parameters, zod's passthrough) ---
const takesRecord = (value: Record<string, unknown>): number => Object.keys(value).length;
export const recordsFit = (result: ValidateOrderResult, input: TaskInput): number => takesRecord(result) + takesRecord(input) + takesRecord(result.totals);
// A step without result_schema takes any JSON object, from any branch (TypeScript adds \`key?: undefined\` to each branch of the union).
const branches = (flag: number, result: ValidateOrderResult) =>
  flag > 1 ? { result, note: result.tags?.['x'] } : flag > 0 ? { count: 1 } : { totals: [result.totals], none: null };
export const anyObjectFromAnyBranch: Results['route_order'] = branches(1, {} as ValidateOrderResult);

// --- Handlers: injected arguments and context accessors ----------------------
export const ValidateOrder = defineHandler(
  'RichShop.StepHandlers.ValidateOrder',
  { inputs: { channel: 'channel', orderId: 'order_id', coupon: 'coupon', note: 'customer-note', code: '2fa_code', items: 'items' } },
  async ({ channel, orderId, coupon, note, code, items, context }) => {
    const channelCheck: Equal<typeof channel, 'web' | 'store' | 'phone'> = true;
    const orderIdCheck: Equal<typeof orderId, string> = true;
    const couponCheck: Equal<typeof coupon, string | null | undefined> = true;
    const noteCheck: Equal<typeof note, string | undefined> = true;
    const codeCheck: Equal<typeof code, string | undefined> = true;
    const itemsCheck: Equal<typeof items, TaskInputItem[]> = true;
    const getInputCheck: Equal<ReturnType<typeof context.getInput<'order_id'>>, string | undefined> = true;
    const id = context.getInput('order_id');
    const idCheck: Equal<typeof id, string | undefined> = true;
    // As in the SDK, the default replaces undefined only: a null coupon stays null.
    const fallback = context.getInputOr('coupon', 'none');
    const fallbackCheck: Equal<typeof fallback, string | null> = true;
    const inputDataCheck: Equal<typeof context.inputData, TaskInput> = true;
    void [channelCheck, orderIdCheck, couponCheck, noteCheck, codeCheck, itemsCheck, getInputCheck, idCheck, fallbackCheck, inputDataCheck];
    return { status: 'valid', validated_items: items.map((i) => ({ sku: i.sku, price: i.quantity })), totals: { amount: 1, currency: 'EUR' } };
  },
);

export const RouteOrder = defineDecisionHandler(
  'RichShop.StepHandlers.RouteOrder',
  { depends: { validated: 'validate_order' } },
  async ({ validated, context }): DecisionResult<'RichShop.StepHandlers.RouteOrder'> => {
    const validatedCheck: Equal<typeof validated, ValidateOrderResult> = true;
    const itemCheck: Equal<(typeof validated.validated_items)[number], ValidateOrderResultValidatedItem> = true;
    const currencyCheck: Equal<typeof validated.totals.currency, 'EUR' | 'USD'> = true;
    const dependency = context.getDependencyResult('validate_order');
    const dependencyCheck: Equal<typeof dependency, ValidateOrderResult | null> = true;
    const routesCheck: Equal<RouteOf<'RichShop.StepHandlers.RouteOrder'>, 'express_lane' | 'standard_lane'> = true;
    void [validatedCheck, itemCheck, currencyCheck, dependencyCheck, routesCheck];
    return validated.totals.amount > 100 ? Decision.route(['express_lane']) : Decision.route(['standard_lane']);
  },
);

export const Converge = defineHandler(
  'RichShop.StepHandlers.Converge',
  { depends: { express: 'express_lane', standard: 'standard_lane', route: 'route_order', validated: 'validate_order' } },
  async ({ express, standard, route, validated, context }) => {
    // Behind a decision, a deferred convergence may run without either branch.
    const expressCheck: Equal<typeof express, ExpressLaneResult | null> = true;
    const standardCheck: Equal<typeof standard, StandardLaneResult | null> = true;
    // What every branch waited for is guaranteed.
    const routeCheck: Equal<typeof route, JsonObject> = true;
    const validatedCheck: Equal<typeof validated, ValidateOrderResult> = true;
    const viaContext = context.getDependencyResult('express_lane');
    const viaContextCheck: Equal<typeof viaContext, ExpressLaneResult | null> = true;
    if (express?.mode === 'express') {
      const etaCheck: Equal<typeof express.eta_hours, number> = true;
      void etaCheck;
    }
    void [expressCheck, standardCheck, routeCheck, validatedCheck, viaContextCheck];
    return { outcome: express?.mode ?? 0, tree: { label: 'root', children: [{ label: 'leaf' }] } } satisfies ResultOf<'RichShop.StepHandlers.Converge'>;
  },
);

export const SplitShipments = defineBatchAnalyzer(
  'RichShop.StepHandlers.SplitShipments',
  { depends: { converged: 'converge' }, workerTemplate: 'ship_batch' },
  async ({ converged }): BatchResult => {
    const check: Equal<typeof converged, ConvergeResult> = true;
    const workersCheck: Equal<Handlers['RichShop.StepHandlers.SplitShipments']['workers'], 'ship_batch'> = true;
    void [check, workersCheck];
    return { totalItems: 10, batchSize: 5 };
  },
);

export const ShipBatch = defineBatchWorker(
  'RichShop.StepHandlers.ShipBatch',
  { depends: { split: 'split_shipments', converged: 'converge', express: 'express_lane' }, inputs: { channel: 'channel' } },
  async ({ split, converged, express, channel, batchContext, context }): HandlerResult<'RichShop.StepHandlers.ShipBatch'> => {
    const batchContextCheck: Equal<typeof batchContext, BatchWorkerContext | null> = true;
    const splitCheck: Equal<typeof split, JsonObject> = true;
    const convergedCheck: Equal<typeof converged, ConvergeResult> = true;
    const expressCheck: Equal<typeof express, ExpressLaneResult | null> = true;
    const channelCheck: Equal<typeof channel, 'web' | 'store' | 'phone'> = true;
    const retryCheck: Equal<ReturnType<typeof context.isLastRetry>, boolean> = true;
    void [batchContextCheck, splitCheck, convergedCheck, expressCheck, channelCheck, retryCheck];
    return { shipped: batchContext ? batchContext.endCursor - batchContext.startCursor : 0 };
  },
);

// The typed handlers register in the runtime's own registry (register(name, handlerClass)), and keep their callable as a literal type.
export const registry = registerAll(new HandlerRegistry());
${sdk ? "// And in the handler system of the SDK's WorkerServer, as its example apps do.\nexport const handlerSystem = registerAll(new WorkerServer().getHandlerSystem());\n" : ''}
// A helper typed with the layer's StepContext takes every handler's typed context, and the runtime's own.
export function contextReference(context: StepContext): string {
  return \`\${context.taskUuid}/\${context.stepUuid}\`;
}
export const fromTypedContext = (context: ContextOf<'RichShop.StepHandlers.ShipBatch'>): string => contextReference(context);
export const fromRuntimeContext = contextReference(createStepContext());
export const registeredName: Equal<(typeof ShipBatch)['handlerName'], 'RichShop.StepHandlers.ShipBatch'> = true;
export const handlerCount: number = Object.keys(handlers).length;
`;
}

interface HostileStep {
  name: string;
  type?: string;
  handler: { callable: string };
}

/**
 * Type-level proof that the hostile strings of `fixtures/generate/hostile_names.yaml` survive
 * escaping unchanged: literal types in the contracts equal the YAML's strings. Built from the
 * YAML itself; JSON string literals are valid TypeScript string literals.
 */
export function hostilePreciseTypes(yamlText: string, contractsModule: string): string {
  const doc = parse(yamlText) as {
    name: string;
    namespace_name: string;
    input_schema: { properties: Record<string, unknown> };
    steps: HostileStep[];
  };
  const lit = (s: string): string => JSON.stringify(s);
  const lines = [
    '// Hostile names: every literal type below is built from the YAML strings (JSON.stringify).',
    `import type { Callable, Handlers } from '../tasker.js';`,
    `import type { Results, Steps, TaskInput } from ${lit(contractsModule)};`,
    '',
    EQUAL,
    '',
    `export const inputKeys: Equal<keyof TaskInput, ${Object.keys(doc.input_schema.properties).map(lit).join(' | ')}> = true;`,
    `export const stepNames: Equal<keyof Steps, ${doc.steps.map((s) => lit(s.name)).join(' | ')}> = true;`,
    `export const resultNames: Equal<keyof Results, ${doc.steps.map((s) => lit(s.name)).join(' | ')}> = true;`,
    `export const callables: Equal<Extract<Callable, ${doc.steps.map((s) => lit(s.handler.callable)).join(' | ')}>, ${doc.steps.map((s) => lit(s.handler.callable)).join(' | ')}> = true;`,
  ];
  doc.steps.forEach((step, i) => {
    lines.push(`export const step${i}Name: Equal<Steps[${lit(step.name)}]['step'], ${lit(step.name)}> = true;`);
    lines.push(`export const step${i}Callable: Equal<Steps[${lit(step.name)}]['callable'], ${lit(step.handler.callable)}> = true;`);
    lines.push(
      `export const step${i}Template: Equal<Steps[${lit(step.name)}]['template'], ${lit(`${doc.namespace_name}/${doc.name}`)}> = true;`,
    );
    lines.push(
      `export const step${i}Kind: Equal<Handlers[${lit(step.handler.callable)}]['kind'], ${lit(step.type ?? 'standard')}> = true;`,
    );
  });
  const choice = (doc.input_schema.properties.choice as { enum: string[] }).enum;
  lines.push(`export const enumValues: Equal<TaskInput['choice'], ${choice.map(lit).join(' | ')} | undefined> = true;`);
  return `${lines.join('\n')}\n`;
}

/** One negative source file: its path under src/ and its text with `// @expect` markers. */
export interface NegativeCase {
  file: string;
  text: string;
}

/**
 * Negative cases over rich_schemas.yaml. A line ending in `// @expect TS2322 /regex/` must
 * carry exactly one error with that code whose message matches the regex; no other line may
 * carry an error.
 */
export const RICH_NEGATIVE_CASES: NegativeCase[] = [
  {
    file: 'negative/depends-not-ancestor.ts',
    text: `import { defineHandler, type HandlerResult } from '../tasker.js';

// validate_order is the root: route_order runs after it, so its result cannot be read here.
export const H = defineHandler(
  'RichShop.StepHandlers.ValidateOrder',
  {
    depends: { routed: 'route_order' }, // @expect TS2322 /^Type '"route_order"' is not assignable to type '"route_order" & \\{ readonly 'is not one of': never; \\}'/
  },
  async (): HandlerResult<'RichShop.StepHandlers.ValidateOrder'> => ({ status: 'valid', validated_items: [], totals: { amount: 1, currency: 'EUR' } }),
);

// A descendant is not an ancestor either; the other, valid entry keeps its type.
export const H2 = defineHandler(
  'RichShop.StepHandlers.ExpressLane',
  {
    depends: { converged: 'converge', validated: 'validate_order' }, // @expect TS2322 /^Type '"converge"' is not assignable to type '"converge" & \\{ readonly 'is not one of': "validate_order" \\| "route_order"; \\}'/
  },
  async ({ validated }): HandlerResult<'RichShop.StepHandlers.ExpressLane'> => ({ mode: 'express', eta_hours: validated.totals.amount }),
);
`,
  },
  {
    file: 'negative/inputs-unknown-key.ts',
    text: `import { defineHandler, type HandlerResult } from '../tasker.js';

export const H = defineHandler(
  'RichShop.StepHandlers.ValidateOrder',
  {
    inputs: { orderId: 'order_id', shipTo: 'shipping_address' }, // @expect TS2322 /^Type '"shipping_address"' is not assignable to type '"shipping_address" & \\{ readonly 'is not one of':/
  },
  async ({ orderId }): HandlerResult<'RichShop.StepHandlers.ValidateOrder'> => ({ status: 'valid', validated_items: [{ sku: orderId, price: 1 }], totals: { amount: 1, currency: 'EUR' } }),
);
`,
  },
  {
    file: 'negative/result-mismatch.ts',
    text: `import { defineBatchWorker, defineHandler, type HandlerResult } from '../tasker.js';

// Missing required field \`totals\`: reported at the returned object, naming the field.
export const Missing = defineHandler('RichShop.StepHandlers.ValidateOrder', {}, async (): HandlerResult<'RichShop.StepHandlers.ValidateOrder'> => {
  return { status: 'valid', validated_items: [] }; // @expect TS2322 /^Type '\\{ status: "valid"; validated_items: never\\[\\]; \\}' is not assignable to type 'ValidateOrderResult \\| StepHandlerResult'\\.\\nProperty 'totals' is missing/
});

// Wrong enum member: GBP is not in [EUR, USD]; reported at the field.
export const WrongEnum = defineHandler('RichShop.StepHandlers.ValidateOrder', {}, async (): HandlerResult<'RichShop.StepHandlers.ValidateOrder'> => {
  return { status: 'valid', validated_items: [], totals: { amount: 1, currency: 'GBP' } }; // @expect TS2322 /^Type '"GBP"' is not assignable to type '"EUR" \\| "USD"'/
});

// Wrong type: shipped is an integer, not a string.
export const WrongType = defineBatchWorker('RichShop.StepHandlers.ShipBatch', {}, async (): HandlerResult<'RichShop.StepHandlers.ShipBatch'> => {
  return { shipped: 'three' }; // @expect TS2322 /^Type 'string' is not assignable to type 'number'\\.$/
});

// Wrong const: status is the constant "valid".
export const WrongConst = defineHandler('RichShop.StepHandlers.ValidateOrder', {}, async (): HandlerResult<'RichShop.StepHandlers.ValidateOrder'> => {
  return { status: 'invalid', validated_items: [], totals: { amount: 1, currency: 'EUR' } }; // @expect TS2322 /^Type '"invalid"' is not assignable to type '"valid"'\\.$/
});

// Neither branch of the oneOf.
export const NoBranch = defineHandler('RichShop.StepHandlers.ExpressLane', {}, async (): HandlerResult<'RichShop.StepHandlers.ExpressLane'> => {
  return { mode: 'express', reason: 'both shapes mixed' }; // @expect TS2353 /^Object literal may only specify known properties, and 'reason' does not exist in type 'ExpressLaneResultOption1 \\| StepHandlerResult'/
});

// Without the declared return type the mismatch is still an error, reported on the function.
export const Undeclared = defineBatchWorker('RichShop.StepHandlers.ShipBatch', {}, async () => { // @expect TS2345 /Type 'string' is not assignable to type 'number'/
  return { shipped: 'three' };
});
`,
  },
  {
    file: 'negative/unknown-callable.ts',
    text: `import { defineHandler } from '../tasker.js';

export const Nope = defineHandler(
  'Nope.Handler', // @expect TS2345 /"Nope.Handler"/
  {},
  async () => ({}),
);
`,
  },
  {
    file: 'negative/wrong-define-function.ts',
    text: `import { defineBatchWorker, defineHandler } from '../tasker.js';

// RouteOrder is a decision step: defineDecisionHandler, not defineHandler.
export const Route = defineHandler(
  'RichShop.StepHandlers.RouteOrder', // @expect TS2345 /"RichShop.StepHandlers.RouteOrder"/
  {},
  async () => ({}),
);

// ValidateOrder is a standard step, not a batch worker.
export const Worker = defineBatchWorker(
  'RichShop.StepHandlers.ValidateOrder', // @expect TS2345 /"RichShop.StepHandlers.ValidateOrder"/
  {},
  async () => ({ shipped: 1 }),
);
`,
  },
  {
    file: 'negative/decisions-and-batches.ts',
    text: `import { Decision, defineBatchAnalyzer, defineDecisionHandler, type BatchResult, type DecisionResult } from '../tasker.js';

// A misspelt route: the decision may only create the steps that depend on it.
export const Misspelt = defineDecisionHandler('RichShop.StepHandlers.RouteOrder', {}, async (): DecisionResult<'RichShop.StepHandlers.RouteOrder'> => {
  return Decision.route(['express_lan']); // @expect TS2322 /"express_lan"/
});

// A decision handler returns a Decision, not a plain result.
export const NotADecision = defineDecisionHandler('RichShop.StepHandlers.RouteOrder', {}, async (): DecisionResult<'RichShop.StepHandlers.RouteOrder'> => {
  return { route: 'express_lane' }; // @expect TS2353 /^Object literal may only specify known properties, and 'route' does not exist in type/
});

// A batch analyzer returns a BatchConfig ({ totalItems, batchSize }).
export const NotABatchConfig = defineBatchAnalyzer('RichShop.StepHandlers.SplitShipments', { workerTemplate: 'ship_batch' }, async (): BatchResult => {
  return { total: 10 }; // @expect TS2353 /^Object literal may only specify known properties, and 'total' does not exist in type 'StepHandlerResult \\| BatchConfig'/
});

// The worker template must be the step's batch_worker.
export const WrongWorker = defineBatchAnalyzer(
  'RichShop.StepHandlers.SplitShipments',
  { workerTemplate: 'converge' }, // @expect TS2322 /"converge"/
  async (): BatchResult => ({ totalItems: 1, batchSize: 1 }),
);
`,
  },
  {
    file: 'negative/context-accessors.ts',
    text: `import { defineHandler, type HandlerResult } from '../tasker.js';

export const H = defineHandler(
  'RichShop.StepHandlers.ExpressLane',
  {},
  async ({ context }): HandlerResult<'RichShop.StepHandlers.ExpressLane'> => {
    context.getDependencyResult('ship_batch'); // @expect TS2345 /"ship_batch"/
    context.getInput('shipping_address'); // @expect TS2345 /"shipping_address"/
    const channel: 'web' = context.getInputOr('channel', 'web'); // @expect TS2322 /"store"/
    context.getAllDependencyResults('validate_order'); // @expect TS2345 /"validate_order"/
    void channel;
    return { mode: 'skipped', reason: 'n/a' };
  },
);
`,
  },
];

export interface ExpectedError {
  file: string;
  line: number;
  code: string;
  pattern: RegExp;
}

/** The `// @expect TSxxxx /regex/` markers of a case, with 1-based lines; `file` is relative to the consumer root. */
export function expectedErrors(file: string, text: string): ExpectedError[] {
  const out: ExpectedError[] = [];
  text.split('\n').forEach((line, i) => {
    const match = /\/\/ @expect (TS\d+) \/(.+)\/\s*$/.exec(line);
    if (match) out.push({ file, line: i + 1, code: match[1]!, pattern: new RegExp(match[2]!) });
  });
  return out;
}
