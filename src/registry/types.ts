/** What the registry scanner finds in TypeScript and JavaScript sources. No dependency on ts-morph. */

/** The DSL factories, and the handler kind each one builds. */
export const DSL_FUNCTIONS = {
  defineHandler: 'handler',
  defineApiHandler: 'api',
  defineDecisionHandler: 'decision',
  defineBatchAnalyzer: 'batch_analyzer',
  defineBatchWorker: 'batch_worker',
} as const;
export type DslFunction = keyof typeof DSL_FUNCTIONS;

/** Module specifiers whose exports are the DSL (a subpath of `@tasker-systems/tasker` too). */
export const DSL_MODULES = ['tasker-ctl/runtime', '@tasker-systems/tasker'] as const;

export function isDslFunction(name: string): name is DslFunction {
  return Object.hasOwn(DSL_FUNCTIONS, name);
}

/** A range in a source file, 1-based, end column exclusive (as in diagnostics). */
export interface SourceSpan {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** One `depends` or `inputs` entry: argument name → step name or input key. */
export interface MappingEntry {
  param: string;
  value: string;
  span: SourceSpan;
}

/**
 * A handler: a `define*` call, a class extending StepHandler, or (when the
 * registered value cannot be traced to either) the registration itself.
 */
export interface HandlerSite {
  id: number;
  form: 'define' | 'class' | 'register';
  /** `defineHandler`, …, `class` or `register`. */
  via: DslFunction | 'class' | 'register';
  /** The variable or class the handler is bound to, when it has one. */
  name?: string;
  /** The name its own module exports it under, when it does (what an import of it names). */
  exportName?: string;
  /** The callable, when it is static; undefined when it is dynamic or (classes) not set. */
  callable?: string;
  /** Where the callable is written (the define call's first argument, the `handlerName` initializer, the class name…). */
  callableSpan: SourceSpan;
  depends: MappingEntry[];
  inputs: MappingEntry[];
  /** The literal step names a decision handler's function passes to `Decision.route([...])`. */
  routes?: RouteTarget[];
  /** True when the site is in a file under the handler paths (not only reached through an import). */
  scanned: boolean;
}

/** A step named in a literal `Decision.route([...])`. */
export interface RouteTarget {
  step: string;
  span: SourceSpan;
}

/** A handler registered under a callable: by its own definition or by an explicit `register(callable, handler)`. */
export interface Binding {
  callable: string;
  handler: HandlerSite;
  /** Where this callable is written. */
  span: SourceSpan;
  via: 'definition' | 'register';
}

/** A callable that is not a static string. */
export interface DynamicCallable {
  span: SourceSpan;
  /** What it belongs to: `defineHandler`, `class`, `register`. */
  via: string;
  /** The source text of the expression (shortened). */
  text: string;
}

export interface SyntaxProblem {
  span: SourceSpan;
  message: string;
  count: number;
}

export interface HandlerScan {
  /** Every handler site found (define calls, classes, unresolved registrations). */
  handlers: HandlerSite[];
  bindings: Binding[];
  dynamic: DynamicCallable[];
  syntaxErrors: SyntaxProblem[];
  /** Files under the handler paths that could not be read. */
  unreadable: Array<{ file: string; reason: string }>;
  /** Files under the handler paths, as shown in diagnostics. */
  files: string[];
  /** Text of every file read (scanned and reached through imports), for code frames. */
  sources: Map<string, string>;
}
