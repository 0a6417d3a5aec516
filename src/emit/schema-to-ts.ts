/**
 * JSON Schema → TypeScript declarations with json-schema-to-typescript's
 * public `compile`, loaded on first use (it is heavy) and configured to stay
 * offline. A template's schemas compile in one call (see contractsSchema).
 */
import type { JsonObject } from '../model/json.js';
import { CONTRACT_SCHEMAS } from '../plan/index.js';
import { restoreKeys } from '../plan/schema-types.js';

/** Our options for json-schema-to-typescript, over its defaults. */
export const COMPILE_OPTIONS = {
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
  $refOptions: { resolve: { external: false, file: false, http: false } },
} as const;

export interface CompiledSchemas {
  /** Every declaration, indented with two spaces. */
  declarations: string;
  /** Slots (properties of the schema) that could not be compiled, with the compiler's message. */
  failed: Array<{ slot: string; message: string }>;
}

/**
 * Compiles a contracts schema (one property per schema) into declarations.
 * When the whole does not compile, each schema is compiled alone and those that
 * still fail are left out, reported in `failed`, for the caller to type loosely.
 */
export async function compileSchemas(schema: JsonObject, keys: readonly string[]): Promise<CompiledSchemas> {
  // The module system keeps the loaded module: importing again costs a lookup.
  const { compile } = await import('json-schema-to-typescript');
  const run = async (root: JsonObject): Promise<string> => asTypeAliases(stripRoot(await compile(root, CONTRACT_SCHEMAS, COMPILE_OPTIONS)));
  try {
    return { declarations: indent(restoreKeys(await run(schema), keys)), failed: [] };
  } catch {
    const properties = (schema.properties ?? {}) as JsonObject;
    const parts: string[] = [];
    const failed: CompiledSchemas['failed'] = [];
    for (const slot of Object.keys(properties)) {
      try {
        parts.push(await run({ ...schema, properties: { [slot]: properties[slot]! } }));
      } catch (error) {
        failed.push({ slot, message: error instanceof Error ? error.message.split('\n')[0]! : String(error) });
      }
    }
    return { declarations: indent(restoreKeys(parts.join('\n'), keys)), failed };
  }
}

/** The root's own declaration (one line per schema, no comment): the contracts do not need it. */
function stripRoot(text: string): string {
  const head = `export interface ${CONTRACT_SCHEMAS} {\n`;
  const start = text.startsWith(head) ? 0 : text.indexOf(`\n${head}`) + 1;
  const end = start > 0 || text.startsWith(head) ? text.indexOf('\n}\n', start) : -1;
  if (end < 0) throw new Error(`unexpected compiler output: no ${CONTRACT_SCHEMAS} declaration`);
  return text.slice(0, start) + text.slice(end + 3);
}

/**
 * Object types as type aliases, not interfaces: an alias is assignable to
 * `Record<string, unknown>` (the SDK's own parameters, zod's passthrough
 * objects), an interface is not. The compiler's output is flush left, so a
 * declaration opens with `export interface Name {` and closes with the `}` that
 * brings the brace depth back to zero.
 */
function asTypeAliases(text: string): string {
  let depth = 0;
  let alias = false;
  return text
    .split('\n')
    .map((raw) => {
      const line = raw.trim();
      let out = raw;
      if (depth === 0) {
        const opened = /^export interface (\S+) \{(\})?$/.exec(line);
        if (opened) {
          if (opened[2]) return `export type ${opened[1]} = {};`;
          out = `export type ${opened[1]} = {`;
          alias = true;
        }
      }
      if (closesBlock(line)) depth = Math.max(0, depth - 1);
      if (depth === 0 && alias && line === '}') {
        out = '};';
        alias = false;
      }
      if (opensBlock(line)) depth++;
      return out;
    })
    .join('\n');
}

/** json-schema-to-typescript with `format: false` leaves everything flush left; indent it by braces. */
export function indent(text: string): string {
  let depth = 0;
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    if (closesBlock(line)) depth = Math.max(0, depth - 1);
    const pad = '  '.repeat(depth);
    out.push(line.startsWith('*') ? `${pad} ${line}` : `${pad}${line}`);
    if (opensBlock(line)) depth++;
  }
  return out.join('\n');
}

/** A trimmed line of json-schema-to-typescript output: comments move no braces. */
const isComment = (line: string): boolean => line.startsWith('*') || line.startsWith('/*') || line.startsWith('//');
const closesBlock = (line: string): boolean => !isComment(line) && /^[}\])]/.test(line);
const opensBlock = (line: string): boolean => !isComment(line) && /[{[(]$/.test(line);
