/**
 * JSON Schema → TypeScript declarations with json-schema-to-typescript,
 * loaded lazily (it is heavy) and configured to stay offline and fast.
 */
import type { PreparedSchema } from '../plan/schema-types.js';

type Compile = typeof import('json-schema-to-typescript').compile;
let compilePromise: Promise<Compile> | undefined;

function loadCompiler(): Promise<Compile> {
  compilePromise ??= import('json-schema-to-typescript').then((m) => m.compile);
  return compilePromise;
}

/** Declarations for one prepared schema, indented with two spaces. */
export async function schemaDeclarations(prepared: PreparedSchema): Promise<string> {
  const compile = await loadCompiler();
  const text = await compile(structuredClone(prepared.schema) as never, prepared.name, {
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
