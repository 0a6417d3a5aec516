/**
 * What every diagnostic code carries. Each producer declares its own codes
 * next to the code that reports them (a check rule in its file, the loader,
 * the planner, the registry check… in their `codes.ts`); diagnostics/codes.ts
 * gathers them into the catalogue that SARIF, config checks and the docs read.
 */
export type Severity = 'error' | 'warning' | 'info';

/** The sections of docs/diagnostics.md, in order. */
export const CATEGORIES = {
  file: 'Reading files',
  shape: 'Template shape',
  dag: 'Steps and the DAG',
  metadata: 'Template metadata',
  schema: 'Schemas',
  generation: 'Generation',
  registry: 'Registry',
  breaking: 'Breaking changes',
  plugin: 'Plugins',
  project: 'Project checks',
} as const;

export type Category = keyof typeof CATEGORIES;

export interface CodeMeta<C extends string = string> {
  /** Stable: never renamed once released. */
  readonly code: C;
  /** The severity before any configured policy. */
  readonly severity: Severity;
  readonly category: Category;
  /** One sentence for docs/diagnostics.md and SARIF rule entries. */
  readonly summary: string;
}

/** A producer's codes, keyed by code, each carrying its category. */
export function codeTable<const T extends Record<string, { readonly severity: Severity; readonly summary: string }>>(
  category: Category,
  table: T,
): { readonly [K in keyof T & string]: CodeMeta<K> } {
  const out: Record<string, CodeMeta> = {};
  for (const code of Object.keys(table)) out[code] = { code, category, ...table[code]! };
  return out as { readonly [K in keyof T & string]: CodeMeta<K> };
}
