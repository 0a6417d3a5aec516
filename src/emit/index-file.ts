/**
 * The registration index: imports every handler, exports them by callable
 * and a function that registers them all (with the SDK's
 * `register(name, handlerClass)`), and fails to compile when a template
 * callable has no handler or a handler serves another callable than its key.
 */
import type { ProjectPlan } from '../plan/index.js';
import { objectKey, stringLiteral } from '../plan/naming.js';
import { importSpecifier } from './contracts-file.js';
import { jsDocLines } from './lines.js';

/** An export name as an import specifier names it: `default`, an identifier, or a string (ES2022 arbitrary module namespace names). */
function importName(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : stringLiteral(name);
}

export function emitIndexFile(plan: ProjectPlan): string {
  const tasker = stringLiteral(importSpecifier(plan.indexFile, plan.taskerFile));
  // A handler its module does not export cannot be imported: the missing entry then fails to compile, naming its callable.
  const imported = plan.handlers.filter((handler) => !handler.existing || handler.existing.exportName !== undefined);
  const entries = imported.map((handler) => `  ${objectKey(handler.callable)}: ${handler.indexAlias},`);
  return [
    `import type { Callable } from ${tasker};`,
    ...imported.map(
      (handler) =>
        `import { ${importName(handler.existing?.exportName ?? handler.exportName)} as ${handler.indexAlias} } from ${stringLiteral(importSpecifier(plan.indexFile, handler.existing?.file ?? handler.file))};`,
    ),
    '',
    `export * from ${tasker};`,
    '',
    ...jsDocLines(['Every handler, by the callable it serves: one per callable the templates declare.']),
    ...(entries.length === 0 ? ['export const handlers = {} as const;'] : ['export const handlers = {', ...entries, '} as const;']),
    '',
    'type Handled = keyof typeof handlers;',
    // A handler defined without the typed layer has `handlerName: string`: only the run-time check can tell.
    "type Misnamed = { [K in Handled]: string extends (typeof handlers)[K]['handlerName'] ? never : (typeof handlers)[K]['handlerName'] extends K ? never : K }[Handled];",
    ...jsDocLines([
      'Fails to compile when a template callable has no handler, or a handler is filed under another callable: the error names it.',
    ]),
    'export const everyCallableHasAHandler: [Exclude<Callable, Handled> | Misnamed] extends [never] ? true : { missingOrMisnamed: Exclude<Callable, Handled> | Misnamed } = true;',
    '',
    ...jsDocLines([
      "Registers every handler with `register(name, handlerClass)`: the SDK's HandlerRegistry,",
      "`new WorkerServer().getHandlerSystem()`, or tasker-ctl/runtime's HandlerRegistry.",
    ]),
    'export function registerAll<R extends { register(name: string, handlerClass: (typeof handlers)[Handled]): unknown }>(registry: R): R {',
    '  for (const [callable, handler] of Object.entries(handlers)) registry.register(callable, handler);',
    '  return registry;',
    '}',
    '',
  ].join('\n');
}
