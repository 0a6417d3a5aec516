/**
 * Single-file output for the Rust-compatible commands (`generate types`,
 * `generate handler`): self-contained, with the types inline and handlers that
 * pass their types to the runtime's generic parameters explicitly.
 */
import type { HandlerPlan, StepPlan, TemplatePlan } from '../plan/index.js';
import { stringLiteral } from '../plan/naming.js';
import { contractDeclarations, templateComment } from './contracts-file.js';
import { defineFunctionFor, handlerDefinitionLines, handlerWiring } from './handler-file.js';
import { createWriter } from './writer.js';
import type { CompiledSchemas } from './schema-to-ts.js';

const JSON_TYPES = `/** Any JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
/** A JSON object: the result type of a step without \`result_schema\`. */
export type JsonObject = { [key: string]: JsonValue };`;

/** @param compiled the compiled schemas of `contractsSchema(plan, only && contractSteps(plan, only))` */
export function emitStandaloneTypes(plan: TemplatePlan, compiled: CompiledSchemas, only?: StepPlan): string {
  return `${templateComment(plan)}\n\n${JSON_TYPES}\n\n${contractDeclarations(plan, compiled, only)}\n`;
}

/** The step whose contract is enough for these handlers (one handler of one step), if any. */
export function standaloneStep(handlers: readonly HandlerPlan[]): StepPlan | undefined {
  return handlers.length === 1 && handlers[0]!.uses.length === 1 ? handlers[0]!.uses[0] : undefined;
}

/** @param compiled the compiled schemas of `contractsSchema(plan, …)` for `standaloneStep(handlers)` (or every step) */
export function emitStandaloneHandlers(plan: TemplatePlan, compiled: CompiledSchemas, handlers: readonly HandlerPlan[], runtimeModule: string): string {
  const only = standaloneStep(handlers);
  const defines = [...new Set(handlers.map(defineFunctionFor))];
  const values = [...(handlers.some((h) => h.kind === 'decision') ? ['Decision'] : []), ...defines].sort();
  const w = createWriter();
  w.writeLine(templateComment(plan));
  w.writeLine(`import { ${values.join(', ')} } from ${stringLiteral(runtimeModule)};`);
  w.writeLine(`import type { StepContext } from ${stringLiteral(runtimeModule)};`);
  w.blankLine();
  w.writeLine(JSON_TYPES);
  w.blankLine();
  w.writeLine(contractDeclarations(plan, compiled, only));
  const names = standaloneExportNames(handlers);
  handlers.forEach((handler, index) => {
    w.blankLine();
    w.writeLine(handlerDefinitionLines({ ...handler, exportName: names[index]! }, typeArgumentsFor(handler)).join('\n'));
  });
  return w.toString();
}

/** One file holds every handler: short export names unless two callables share one. */
export function standaloneExportNames(handlers: readonly HandlerPlan[]): string[] {
  const counts = new Map<string, number>();
  for (const h of handlers) counts.set(h.exportName, (counts.get(h.exportName) ?? 0) + 1);
  return handlers.map((h) => (counts.get(h.exportName) === 1 ? h.exportName : h.indexAlias));
}

/** `<Args, Result, Context>` for the runtime's generic define functions. */
function typeArgumentsFor(handler: HandlerPlan): string {
  const contracts = handler.uses.map((use) => use.contractName);
  const ancestors = contracts.length === 1 ? `${contracts[0]}['ancestors']` : `(${contracts.map((c) => `${c}['ancestors']`).join(' | ')})`;
  const wiring = handlerWiring(handler);
  const args = [
    ...wiring.depends.map((d) => `${d.argument}: ${ancestors}[${stringLiteral(d.step)}]`),
    ...wiring.inputs.map((i) => `${i.argument}: TaskInput[${stringLiteral(i.key)}]`),
  ];
  const argsType = args.length === 0 ? '{}' : `{ ${args.join('; ')} }`;
  // Decision and batch analyzer results are fixed by Tasker's protocol: their result parameter is unused.
  const result =
    handler.kind === 'decision' || handler.kind === 'batchable'
      ? 'unknown'
      : [...new Set(handler.uses.map((use) => use.resultType))].join(' & ');
  return `<${argsType}, ${result}, StepContext<TaskInput, ${ancestors}, JsonObject>>`;
}
