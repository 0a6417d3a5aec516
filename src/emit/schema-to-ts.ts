/**
 * JSON Schema → TypeScript declarations with json-schema-to-typescript,
 * loaded lazily (it is heavy) and configured to stay offline and fast. Large
 * projects share the work with a worker thread (contracts-pool.ts).
 */
import type { PreparedSchema } from '../plan/schema-types.js';

type Compile = typeof import('json-schema-to-typescript').compile;
let compilePromise: Promise<Compile> | undefined;

function loadCompiler(): Promise<Compile> {
  compilePromise ??= import('json-schema-to-typescript').then((m) => m.compile);
  return compilePromise;
}

const compiled = new WeakMap<PreparedSchema, string>();

/** Declarations for one prepared schema, indented with two spaces. */
export async function schemaDeclarations(prepared: PreparedSchema): Promise<string> {
  const cached = compiled.get(prepared);
  if (cached !== undefined) return cached;
  const text = await compileSchema(prepared.schema, prepared.name);
  compiled.set(prepared, text);
  return text;
}

/** The compiler call itself; also what the worker runs. */
export async function compileSchema(schema: unknown, name: string): Promise<string> {
  const compile = await loadCompiler();
  // compile() deep-clones its input itself, so the prepared schema is not changed.
  const text = await compile(schema as never, name, {
    format: false,
    bannerComment: '',
    // Schemas without `additionalProperties` become closed interfaces: a typo is a compile error.
    additionalProperties: false,
    declareExternallyReferenced: true,
    enableConstEnums: false,
    ignoreMinAndMaxItems: true,
    strictIndexSignatures: false,
    unknownAny: true,
    unreachableDefinitions: false,
    cwd: '/nonexistent',
    $refOptions: { resolve: { external: false, file: false, http: false } as never },
  });
  return indent(text);
}

/** Declarations compiled elsewhere (a worker thread) for this schema: `schemaDeclarations` returns them. */
export function provideDeclarations(prepared: PreparedSchema, text: string): void {
  compiled.set(prepared, text);
}

/** True when `schemaDeclarations` has the declarations at hand. */
export function hasDeclarations(prepared: PreparedSchema): boolean {
  return compiled.has(prepared);
}

/** json-schema-to-typescript with `format: false` leaves everything flush left; indent it by braces. */
export function indent(text: string): string {
  let depth = 0;
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const comment = line.startsWith('*') || line.startsWith('/*') || line.startsWith('//');
    if (!comment && /^[}\])]/.test(line)) depth = Math.max(0, depth - 1);
    const pad = '  '.repeat(depth);
    out.push(line.startsWith('*') ? `${pad} ${line}` : `${pad}${line}`);
    if (!comment && /[{[(]$/.test(line)) depth++;
  }
  return out.join('\n');
}
