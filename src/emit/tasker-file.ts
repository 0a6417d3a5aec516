/**
 * `tasker.ts`: the typed layer every generated handler imports. It maps each
 * callable to its contract and re-exports the runtime's define functions with
 * precise types: a zero-cost cast, the same on the real SDK and on
 * `tasker-ctl/runtime` (see targets.ts).
 */
import type { HandlerPlan, ProjectPlan, StepPlan } from '../plan/index.js';
import { stringLiteral } from '../plan/naming.js';
import { importSpecifier } from './contracts-file.js';
import { jsDocLines } from './lines.js';
import { type RuntimeTarget, testContextCode } from './targets.js';

/** What a runtime module must export (docs/runtime.md: the contract of a custom `--runtime`). */
export const RUNTIME_VALUE_EXPORTS = [
  'Decision',
  'PermanentError',
  'RetryableError',
  'StepHandlerResult',
  'defineApiHandler',
  'defineBatchAnalyzer',
  'defineBatchWorker',
  'defineDecisionHandler',
  'defineHandler',
] as const;
export const RUNTIME_TYPE_EXPORTS = ['ApiHandlerArgs', 'BatchConfig', 'BatchWorkerContext', 'StepContext'] as const;

export function emitTaskerFile(plan: ProjectPlan, target: RuntimeTarget): string {
  const imports = plan.templates.map(
    (template) =>
      `import type * as ${template.moduleAlias} from ${stringLiteral(importSpecifier(plan.taskerFile, template.contractsPath))};`,
  );
  return typedLayer(target, plan.handlers, (use, member) => `${use.template.moduleAlias}.${member}`, imports);
}

/**
 * The typed layer for `handlers`: the runtime's imports, `Handlers` (one entry
 * per callable), the generic types and the typed define functions.
 * `ref(use, name)` names a type of `use`'s contracts (through an import alias in
 * tasker.ts; as is in a single file that declares the contracts itself).
 */
export function typedLayer(
  target: RuntimeTarget,
  handlers: readonly HandlerPlan[],
  ref: ContractRef,
  imports: readonly string[] = [],
): string {
  const runtime = stringLiteral(target.module);
  const values = RUNTIME_VALUE_EXPORTS.map((name) =>
    name.startsWith('define') || name === 'Decision' ? `${name} as runtime${name.charAt(0).toUpperCase()}${name.slice(1)}` : name,
  );
  const lines = [
    `import { ${values.join(', ')} } from ${runtime};`,
    `import type { ${RUNTIME_TYPE_EXPORTS.map((name) => (name === 'StepContext' ? 'StepContext as RuntimeContext' : name)).join(', ')} } from ${runtime};`,
    ...imports,
    '',
    'export { PermanentError, RetryableError, StepHandlerResult };',
    'export type { BatchConfig, BatchWorkerContext };',
    '',
    ...jsDocLines([
      'Any JSON value. An object property may be `undefined`: JSON leaves it out, and a key that is not there reads as `undefined`.',
    ]),
    'export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue | undefined };',
    ...jsDocLines(['A JSON object: the result type of a step without `result_schema` (any object, from any branch of a handler).']),
    'export type JsonObject = { [key: string]: JsonValue | undefined };',
    '',
    ...jsDocLines([
      'What the handler of each callable receives and returns. A callable used by several',
      'steps gets what all of them provide (common inputs and ancestors) and must return',
      'what all of them declare.',
    ]),
    'export interface Handlers {',
    ...handlers.flatMap((handler) => handlerContractLines(handler, ref)).map((line) => `  ${line}`),
    '}',
    '',
  ];
  return `${lines.join('\n')}\n${TYPE_LAYER}\n${DEFINE_FUNCTIONS.map(typedDefine).join('\n')}\n${testContextCode(target, true)}`;
}

/** How the typed layer names a type of a step's contracts. */
export type ContractRef = (use: StepPlan, member: string) => string;

function handlerContractLines(handler: HandlerPlan, ref: ContractRef): string[] {
  const member = (name: string): string => union(handler.uses.map((use) => `${ref(use, use.contractName)}['${name}']`));
  return [
    ...jsDocLines(handler.uses.map((use) => `Step \`${use.step.name}\` of ${use.template.key} (${use.template.sourcePath}).`)),
    `${stringLiteral(handler.callable)}: {`,
    `  kind: ${stringLiteral(handler.kind)};`,
    `  input: ${union(handler.uses.map((use) => ref(use, 'TaskInput')))};`,
    `  ancestors: ${member('ancestors')};`,
    `  batches: ${member('batches')};`,
    `  result: ${handler.resultUses.length === 0 ? 'JsonObject' : [...new Set(handler.resultUses.map((use) => ref(use, use.resultType)))].join(' & ')};`,
    `  config: ${member('config')};`,
    `  routes: ${member('routes')};`,
    `  workers: ${member('workers')};`,
    '}',
  ];
}

function union(parts: readonly string[]): string {
  return [...new Set(parts)].join(' | ');
}

/** The five typed define functions: one shape, differing in kinds, options, arguments and return. */
const DEFINE_FUNCTIONS = [
  {
    name: 'defineHandler',
    doc: "`defineHandler` for standard and deferred-convergence steps, typed by the step's contract.",
    kinds: "'standard' | 'deferred_convergence'",
    options: 'Options<C, D, I>',
    args: 'HandlerArgs<C, D, I>',
    returns: 'ResultOf<C>',
  },
  {
    name: 'defineApiHandler',
    doc: '`defineApiHandler`: `defineHandler` whose arguments also carry `api`, an HTTP client for `baseUrl`.',
    kinds: "'standard' | 'deferred_convergence'",
    options: 'Options<C, D, I> & { baseUrl: string; defaultTimeout?: number; defaultHeaders?: Record<string, string> }',
    args: "HandlerArgs<C, D, I> & { api: ApiHandlerArgs['api'] }",
    returns: 'ResultOf<C>',
  },
  {
    name: 'defineDecisionHandler',
    doc: '`defineDecisionHandler` for decision steps: return `Decision.route([...])` (to steps that depend on the decision) or `Decision.skip(reason)`.',
    kinds: "'decision'",
    options: 'Options<C, D, I>',
    args: 'HandlerArgs<C, D, I>',
    returns: 'DecisionOf<C>',
  },
  {
    name: 'defineBatchAnalyzer',
    doc: '`defineBatchAnalyzer` for batchable steps: return `{ totalItems, batchSize }`.',
    kinds: "'batchable'",
    options: "Options<C, D, I> & { workerTemplate: Handlers[C]['workers'] }",
    args: 'HandlerArgs<C, D, I>',
    returns: 'BatchConfig',
  },
  {
    name: 'defineBatchWorker',
    doc: '`defineBatchWorker` for batch_worker steps; the arguments also carry `batchContext`.',
    kinds: "'batch_worker'",
    options: 'Options<C, D, I>',
    args: 'HandlerArgs<C, D, I> & { batchContext: BatchWorkerContext | null }',
    returns: 'ResultOf<C>',
  },
];

function typedDefine(f: (typeof DEFINE_FUNCTIONS)[number]): string {
  const runtime = `runtime${f.name.charAt(0).toUpperCase()}${f.name.slice(1)}`;
  return `/** ${f.doc} */
export const ${f.name} = ${runtime} as unknown as <
  C extends CallableOf<${f.kinds}>,
  const D extends Record<string, string> = {},
  const I extends Record<string, string> = {},
>(
  callable: C,
  options: ${f.options},
  fn: (args: ${f.args}) => Returns<${f.returns}>,
) => Typed<C, ReturnType<typeof ${runtime}>>;
`;
}

/** The generic part: the same for every project. */
const TYPE_LAYER = `/** Every callable the templates declare. */
export type Callable = keyof Handlers & string;
type CallableOf<K extends string> = { [C in Callable]: Handlers[C]['kind'] extends K ? C : never }[Callable];
type Ancestors<C extends Callable> = Handlers[C]['ancestors'];
type Input<C extends Callable> = Handlers[C]['input'];
type Config<C extends Callable> = Handlers[C]['config'];
type Batches<C extends Callable> = Handlers[C]['batches'];

/** What the handler of \`C\` returns. */
export type ResultOf<C extends Callable> = Handlers[C]['result'];
/** The return type of a handler function of \`C\` (the stubs declare it: a wrong field is then reported where it is written). */
export type HandlerResult<C extends Callable> = Promise<ResultOf<C> | StepHandlerResult>;
/** The steps a decision handler of \`C\` may route to. */
export type RouteOf<C extends Callable> = Handlers[C]['routes'];
/** A decision routed to steps \`S\` (\`never\`: a skip). */
export type RoutedDecision<S extends string> = Omit<runtimeDecision, 'steps'> & { readonly steps: readonly S[] };
/** What a decision handler of \`C\` returns. */
export type DecisionOf<C extends Callable> = RoutedDecision<RouteOf<C>>;
/** The return type of a decision handler function of \`C\`. */
export type DecisionResult<C extends Callable> = Promise<DecisionOf<C> | StepHandlerResult>;
/** The return type of a batch analyzer function. */
export type BatchResult = Promise<BatchConfig | StepHandlerResult>;

/** \`Decision\`, with the steps a route names kept in its type (a misspelt step does not compile). */
export const Decision = runtimeDecision as unknown as {
  route<const S extends string>(steps: readonly S[], routingContext?: Record<string, unknown>): RoutedDecision<S>;
  skip(reason: string, routingContext?: Record<string, unknown>): RoutedDecision<never>;
};

/** The members of a context that a step's contract types. */
type TypedContextKeys = 'inputData' | 'dependencyResults' | 'stepConfig' | 'getInput' | 'getInputOr' | 'getDependencyResult' | 'getConfig' | 'getAllDependencyResults';

/**
 * Any step's context: the runtime's StepContext, or a handler's typed view of it
 * (\`ContextOf\`). Type a helper that takes "a context" with this.
 */
export type StepContext = Omit<RuntimeContext, TypedContextKeys> & {
  readonly inputData: Readonly<Record<string, unknown>>;
  readonly dependencyResults: Readonly<Record<string, unknown>>;
  readonly stepConfig: Readonly<Record<string, unknown>>;
  getInput(key: string): unknown;
  getInputOr(key: string, defaultValue: unknown): unknown;
  getDependencyResult(step: string): unknown;
  getConfig(key: string): unknown;
  getAllDependencyResults(prefix: string): unknown[];
};

/** The runtime's StepContext, its data typed by the contract of \`C\`'s step. */
export type ContextOf<C extends Callable> = Omit<RuntimeContext, TypedContextKeys> & {
  readonly inputData: Input<C>;
  readonly dependencyResults: { readonly [S in keyof Ancestors<C>]?: { readonly result: Ancestors<C>[S] } };
  readonly stepConfig: Config<C>;
  getInput<K extends keyof Input<C> & string>(key: K): Input<C>[K] | undefined;
  getInputOr<K extends keyof Input<C> & string>(key: K, defaultValue: Exclude<Input<C>[K], undefined>): Exclude<Input<C>[K], undefined>;
  getDependencyResult<S extends keyof Ancestors<C> & string>(step: S): Ancestors<C>[S] | null;
  getConfig<K extends keyof Config<C> & string>(key: K): Config<C>[K] | undefined;
  /** Every instance's result of an upstream batch worker (\`{worker_template}_{batch_id}\`). */
  getAllDependencyResults<S extends keyof Batches<C> & string>(workerTemplate: S): Array<Batches<C>[S]>;
};

/** A \`depends\` or \`inputs\` entry that names nothing this step can read: reported at that entry, alone. */
type Checked<V, Allowed> = { readonly [P in keyof V]: V[P] extends Allowed ? V[P] : V[P] & { readonly 'is not one of': Allowed } };
interface Options<C extends Callable, D, I> {
  /** Argument name → a step whose result this step reads (an ancestor). */
  depends?: D & Checked<D, keyof Ancestors<C>>;
  /** Argument name → a top-level key of the task input. */
  inputs?: I & Checked<I, keyof Input<C>>;
  version?: string;
}

/** The argument object of a handler: one entry per \`depends\` and \`inputs\` entry, and \`context\`. */
export type HandlerArgs<C extends Callable, D, I> = {
  -readonly [P in keyof D]: D[P] extends keyof Ancestors<C> ? Ancestors<C>[D[P]] : unknown;
} & {
  -readonly [P in keyof I]: I[P] extends keyof Input<C> ? Input<C>[I[P]] : unknown;
} & {
  context: ContextOf<C>;
};

type Returns<T> = T | StepHandlerResult | Promise<T | StepHandlerResult>;
type Typed<C extends Callable, H> = H & { readonly handlerName: C };
`;
