/**
 * `tasker.ts`: the typed layer every generated handler imports. It maps each
 * callable to its contract and re-exports the runtime's define* functions
 * with precise types: a zero-cost cast, so the same code can target any
 * module with Tasker's `defineHandler(name, options, fn)` signature.
 */
import type { HandlerPlan, ProjectPlan, StepPlan } from '../plan/index.js';
import { stringLiteral } from '../plan/naming.js';
import { importSpecifier } from './contracts-file.js';
import { createWriter, jsDocLines, writeJsDoc } from './writer.js';

export const TASKER_FILE = 'tasker.ts';

/** What a `--runtime` module must export, by name. */
export const RUNTIME_VALUE_EXPORTS = ['Decision', 'PermanentError', 'RetryableError', 'defineBatchAnalyzer', 'defineBatchWorker', 'defineDecisionHandler', 'defineHandler'] as const;
export const RUNTIME_TYPE_EXPORTS = ['BatchAnalysis', 'BatchContext', 'DecisionOutcome', 'StepContext', 'StepHandlerResult'] as const;

export function emitTaskerFile(plan: ProjectPlan, runtimeModule: string): string {
  const w = createWriter();
  w.writeLine(`import { Decision, PermanentError, RetryableError, defineBatchAnalyzer as runtimeDefineBatchAnalyzer, defineBatchWorker as runtimeDefineBatchWorker, defineDecisionHandler as runtimeDefineDecisionHandler, defineHandler as runtimeDefineHandler } from ${stringLiteral(runtimeModule)};`);
  w.writeLine(`import type { BatchAnalysis, BatchContext, DecisionOutcome, StepContext, StepHandlerResult } from ${stringLiteral(runtimeModule)};`);
  for (const template of plan.templates) {
    w.writeLine(`import type * as ${template.moduleAlias} from ${stringLiteral(importSpecifier(TASKER_FILE, template.contractsPath))};`);
  }
  w.blankLine();
  w.writeLine('export { Decision, PermanentError, RetryableError };');
  w.blankLine();
  writeJsDoc(w, ['Any JSON value.']);
  w.writeLine('export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };');
  writeJsDoc(w, ['A JSON object: the result type of a step without `result_schema`.']);
  w.writeLine('export type JsonObject = { [key: string]: JsonValue };');
  w.blankLine();

  writeJsDoc(w, [
    'What the handler of each callable receives and returns. A callable used by several',
    'steps gets what all of them provide (common inputs and ancestors) and must return',
    'what all of them declare.',
  ]);
  // One entry per callable, as plain lines: a code writer goes character by character, which tens of thousands of lines feel.
  const contracts = plan.handlers.flatMap(handlerContractLines).map((line) => `  ${line}\n`);
  return `${w.toString()}export interface Handlers {\n${contracts.join('')}}\n\n${TYPE_LAYER}${DEFINE_FUNCTIONS.map(typedDefine).join('\n')}`;
}

/** The four typed define functions: one shape, differing in kinds, options, arguments and return. */
const DEFINE_FUNCTIONS = [
  { name: 'defineHandler', doc: "`defineHandler` for standard and deferred-convergence steps, typed by the step's contract.", kinds: "'standard' | 'deferred_convergence'", options: 'Options<D, I>', args: 'HandlerArgs<C, D, I>', returns: "Handlers[C]['result']" },
  { name: 'defineDecisionHandler', doc: '`defineDecisionHandler` for decision steps: return `Decision.route([...])` or `Decision.skip(reason)`.', kinds: "'decision'", options: 'Options<D, I>', args: 'HandlerArgs<C, D, I>', returns: 'DecisionOutcome' },
  { name: 'defineBatchAnalyzer', doc: '`defineBatchAnalyzer` for batchable steps: return `{ totalItems, batchSize }`.', kinds: "'batchable'", options: 'Options<D, I> & { workerTemplate: string }', args: 'HandlerArgs<C, D, I>', returns: 'BatchAnalysis' },
  { name: 'defineBatchWorker', doc: '`defineBatchWorker` for batch_worker steps; the arguments also carry `batchContext`.', kinds: "'batch_worker'", options: 'Options<D, I>', args: 'HandlerArgs<C, D, I> & { batchContext: BatchContext | null }', returns: "Handlers[C]['result']" },
];

function typedDefine(f: (typeof DEFINE_FUNCTIONS)[number]): string {
  const runtime = `runtime${f.name.charAt(0).toUpperCase()}${f.name.slice(1)}`;
  return `/** ${f.doc} */
export const ${f.name} = ${runtime} as unknown as <
  C extends CallableOf<${f.kinds}>,
  const D extends DependsOption<C> = {},
  const I extends InputsOption<C> = {},
>(
  callable: C,
  options: ${f.options},
  fn: (args: ${f.args}) => Returns<${f.returns}>,
) => Typed<C, ReturnType<typeof ${runtime}>>;
`;
}

function handlerContractLines(handler: HandlerPlan): string[] {
  const ref = (use: StepPlan, member: string): string => `${use.template.moduleAlias}.${member}`;
  const union = (parts: string[]): string => [...new Set(parts)].join(' | ');
  const intersection = (parts: string[]): string => [...new Set(parts)].join(' & ');
  return [
    ...jsDocLines(handler.uses.map((use) => `Step \`${use.step.name}\` of ${use.template.key} (${use.template.template.source.file}).`)),
    `${stringLiteral(handler.callable)}: {`,
    `  kind: ${stringLiteral(handler.kind)};`,
    `  input: ${union(handler.uses.map((u) => ref(u, 'TaskInput')))};`,
    `  ancestors: ${union(handler.uses.map((u) => `${ref(u, u.contractName)}['ancestors']`))};`,
    `  result: ${handler.resultUses.length === 0 ? 'JsonObject' : intersection(handler.resultUses.map((u) => ref(u, u.resultType)))};`,
    '  config: JsonObject;',
    '}',
  ];
}

/** The generic part: the same for every project. */
const TYPE_LAYER = `/** Every callable the templates declare. */
export type Callable = keyof Handlers & string;
type CallableOf<K extends string> = { [C in Callable]: Handlers[C]['kind'] extends K ? C : never }[Callable];
type Ancestors<C extends Callable> = Handlers[C]['ancestors'];
type Input<C extends Callable> = Handlers[C]['input'];
/** What the handler of \`C\` returns: the stubs' \`return … satisfies ResultOf<C>\` checks each field where it is written. */
export type ResultOf<C extends Callable> = Handlers[C]['result'];

/** \`depends\`: argument name → a step whose result this step may read (an ancestor). */
export type DependsOption<C extends Callable> = {
  readonly [argument: string]: [keyof Ancestors<C>] extends [never] ? 'this step has no ancestors to depend on' : keyof Ancestors<C> & string;
};
/** \`inputs\`: argument name → a top-level key of the task input. */
export type InputsOption<C extends Callable> = { readonly [argument: string]: keyof Input<C> & string };

/** The argument object of a handler: one entry per \`depends\` and \`inputs\` entry, and \`context\`. */
export type HandlerArgs<C extends Callable, D, I> = {
  -readonly [P in keyof D]: Ancestors<C>[D[P] & keyof Ancestors<C>];
} & {
  -readonly [P in keyof I]: Input<C>[I[P] & keyof Input<C>];
} & {
  context: StepContext<Input<C>, Ancestors<C>, Handlers[C]['config']>;
};

type Returns<T> = T | StepHandlerResult | Promise<T | StepHandlerResult>;
type Typed<C extends Callable, H> = H & { readonly handlerName: C };
interface Options<D, I> {
  depends?: D;
  inputs?: I;
  version?: string;
}

`;
