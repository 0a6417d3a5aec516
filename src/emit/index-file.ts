/**
 * The registration index: imports every handler, exports them as a list and
 * a function that registers them all, and fails to compile when a template
 * callable has no handler.
 */
import type { ProjectPlan } from '../plan/index.js';
import { stringLiteral } from '../plan/naming.js';
import { importSpecifier } from './contracts-file.js';
import { TASKER_FILE } from './tasker-file.js';
import { jsDocLines } from './writer.js';

export const INDEX_FILE = 'index.ts';

export function emitIndexFile(plan: ProjectPlan): string {
  const tasker = stringLiteral(importSpecifier(INDEX_FILE, TASKER_FILE));
  // Plain lines rather than a code writer, which goes character by character: ten thousand handlers would feel it.
  const handlerList = plan.handlers.length === 0 ? ['export const handlers = [] as const;'] : ['export const handlers = [', ...plan.handlers.map((handler) => `  ${handler.indexAlias},`), '] as const;'];
  return [
    `import type { Callable } from ${tasker};`,
    ...plan.handlers.map((handler) => `import { ${handler.exportName} as ${handler.indexAlias} } from ${stringLiteral(importSpecifier(INDEX_FILE, `${handler.modulePath}.ts`))};`),
    '',
    `export * from ${tasker};`,
    '',
    ...jsDocLines(['Every handler: one per callable the templates declare.']),
    ...handlerList,
    '',
    "type Registered = (typeof handlers)[number]['handlerName'];",
    'type Unhandled = Exclude<Callable, Registered>;',
    ...jsDocLines(['Fails to compile when a template callable has no handler in `handlers`: the error names it.']),
    'export const everyCallableHasAHandler: [Unhandled] extends [never] ? true : { missingHandlerFor: Unhandled } = true;',
    '',
    ...jsDocLines(['Registers every handler, e.g. `registerAll(new HandlerRegistry())` at worker start-up.']),
    'export function registerAll<R extends { register(handler: (typeof handlers)[number]): unknown }>(registry: R): R {',
    '  for (const handler of handlers) registry.register(handler);',
    '  return registry;',
    '}',
    '',
  ].join('\n');
}
