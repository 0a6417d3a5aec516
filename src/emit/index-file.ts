/**
 * The registration index: imports every handler, exports them as a list and
 * a function that registers them all, and fails to compile when a template
 * callable has no handler.
 */
import type { ProjectPlan } from '../plan/index.js';
import { stringLiteral } from '../plan/naming.js';
import { importSpecifier } from './contracts-file.js';
import { TASKER_FILE } from './tasker-file.js';
import { createWriter, writeJsDoc } from './writer.js';

export const INDEX_FILE = 'index.ts';

export function emitIndexFile(plan: ProjectPlan): string {
  const w = createWriter();
  w.writeLine(`import type { Callable } from ${stringLiteral(importSpecifier(INDEX_FILE, TASKER_FILE))};`);
  for (const handler of plan.handlers) {
    w.writeLine(`import { ${handler.exportName} as ${handler.indexAlias} } from ${stringLiteral(importSpecifier(INDEX_FILE, `${handler.modulePath}.ts`))};`);
  }
  w.blankLine();
  w.writeLine(`export * from ${stringLiteral(importSpecifier(INDEX_FILE, TASKER_FILE))};`);
  w.blankLine();
  writeJsDoc(w, ['Every handler: one per callable the templates declare.']);
  if (plan.handlers.length === 0) {
    w.writeLine('export const handlers = [] as const;');
  } else {
    w.write('export const handlers = [').newLine();
    w.indent(() => {
      for (const handler of plan.handlers) w.writeLine(`${handler.indexAlias},`);
    });
    w.writeLine('] as const;');
  }
  w.blankLine();
  w.writeLine("type Registered = (typeof handlers)[number]['handlerName'];");
  w.writeLine('type Unhandled = Exclude<Callable, Registered>;');
  writeJsDoc(w, ['Fails to compile when a template callable has no handler in `handlers`: the error names it.']);
  w.writeLine('export const everyCallableHasAHandler: [Unhandled] extends [never] ? true : { missingHandlerFor: Unhandled } = true;');
  w.blankLine();
  writeJsDoc(w, ['Registers every handler, e.g. `registerAll(new HandlerRegistry())` at worker start-up.']);
  w.write('export function registerAll<R extends { register(handler: (typeof handlers)[number]): unknown }>(registry: R): R').block(() => {
    w.writeLine('for (const handler of handlers) registry.register(handler);');
    w.writeLine('return registry;');
  });
  return `${w.toString().trimEnd()}\n`;
}
