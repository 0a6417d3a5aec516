/** What the scanner knows of an expression: a DSL function, a handler, a string, a module… or nothing. */
import type { ts } from 'ts-morph';
import type { ModuleInfo } from './module-facts.js';
import { type DslFunction, type HandlerSite, isDslFunction } from './types.js';

export type Value =
  | { kind: 'dsl'; fn: DslFunction }
  | { kind: 'dsl-base' }
  | { kind: 'dsl-decision' }
  | { kind: 'dsl-namespace' }
  | { kind: 'namespace'; module: ModuleInfo }
  | { kind: 'string'; value: string }
  | { kind: 'object'; node: ts.ObjectLiteralExpression; module: ModuleInfo }
  | { kind: 'enum'; node: ts.EnumDeclaration; module: ModuleInfo }
  | { kind: 'handler'; site: HandlerSite }
  | { kind: 'class'; node: ts.ClassLikeDeclaration; module: ModuleInfo; handlerBase: boolean }
  | { kind: 'unknown' };

export const UNKNOWN: Value = { kind: 'unknown' };

/** The meaning of a name a DSL module exports. */
export function dslExport(name: string): Value {
  if (isDslFunction(name)) return { kind: 'dsl', fn: name };
  if (name === 'Decision') return { kind: 'dsl-decision' };
  // StepHandler, and the other handler base classes of the TypeScript worker package.
  if (/Handler$/.test(name)) return { kind: 'dsl-base' };
  return UNKNOWN;
}
