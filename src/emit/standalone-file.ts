/**
 * Single-file output for the Rust-compatible commands: `generate types` (the
 * types of one template) and `generate handler` (its types, a typed layer for
 * its handlers, and the handlers, in one self-contained file that compiles on
 * the target runtime).
 */
import type { HandlerPlan, StepPlan, TemplatePlan } from '../plan/index.js';
import { contractDeclarations, templateComment } from './contracts-file.js';
import { handlerDefinitionLines, handlerReturnType } from './handler-file.js';
import type { CompiledSchemas } from './schema-to-ts.js';
import type { RuntimeTarget } from './targets.js';
import { typedLayer } from './tasker-file.js';

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

/**
 * Types, typed layer and handlers in one file (the file also exports
 * `createStepContext`, for its tests).
 * @param compiled the compiled schemas of `contractsSchema(plan, …)` for `standaloneStep(handlers)` (or every step)
 */
export function emitStandaloneHandlers(
  plan: TemplatePlan,
  compiled: CompiledSchemas,
  handlers: readonly HandlerPlan[],
  target: RuntimeTarget,
): string {
  const names = standaloneExportNames(handlers);
  return [
    templateComment(plan),
    typedLayer(target, handlers, (_use, member) => member),
    contractDeclarations(plan, compiled, standaloneStep(handlers)),
    ...handlers.map((handler, index) =>
      handlerDefinitionLines({ ...handler, exportName: names[index]! }, handlerReturnType(handler)).join('\n'),
    ),
    '',
  ].join('\n');
}

/** One file holds every handler: short export names unless two callables share one. */
export function standaloneExportNames(handlers: readonly HandlerPlan[]): string[] {
  const counts = new Map<string, number>();
  for (const h of handlers) counts.set(h.exportName, (counts.get(h.exportName) ?? 0) + 1);
  return handlers.map((h) => (counts.get(h.exportName) === 1 ? h.exportName : h.indexAlias));
}
