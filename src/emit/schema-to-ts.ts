/**
 * JSON Schema → TypeScript declarations with json-schema-to-typescript,
 * loaded lazily (it is heavy) and configured to stay offline and fast. Large
 * projects share the work with a worker thread (contracts-pool.ts).
 */
import { createRequire } from 'node:module';
import type { PreparedSchema } from '../plan/schema-types.js';

type DereferencedPaths = Awaited<ReturnType<typeof import('json-schema-to-typescript/dist/src/resolver.js').dereference>>['dereferencedPaths'];

const compiled = new WeakMap<PreparedSchema, string>();

/** Declarations for one prepared schema, indented with two spaces. */
export async function schemaDeclarations(prepared: PreparedSchema): Promise<string> {
  const cached = compiled.get(prepared);
  if (cached !== undefined) return cached;
  const text = await compileSchema(prepared.schema, prepared.name);
  compiled.set(prepared, text);
  return text;
}

/** The compiler call itself. */
export async function compileSchema(schema: unknown, name: string): Promise<string> {
  return indent(await compileRaw(schema, name));
}

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
};

type Stages = ReturnType<typeof loadStages>;
let stages: Stages | undefined;

/**
 * json-schema-to-typescript's own stages (the package is pinned), called as its
 * `compile` calls them, minus the work that is the same for every call or
 * needless here: options are validated and merged once, the input is copied
 * with structuredClone (it is plain JSON), and a schema without `$ref` skips
 * the dereferencer, which would crawl it to find none: a fifth of a compile.
 * A test holds the output equal to `compile`'s.
 */
function loadStages() {
  const require = createRequire(import.meta.url);
  const from = (stage: string) => require(`json-schema-to-typescript/dist/src/${stage}.js`);
  const jstt = from('index') as typeof import('json-schema-to-typescript');
  (from('optionValidator') as { validateOptions(options: object): void }).validateOptions(COMPILE_OPTIONS);
  const options = { ...jstt.DEFAULT_OPTIONS, ...COMPILE_OPTIONS, cwd: `${COMPILE_OPTIONS.cwd}/` };
  return {
    options: options as typeof jstt.DEFAULT_OPTIONS,
    normalizer: from('normalizer') as typeof import('json-schema-to-typescript/dist/src/normalizer.js'),
    resolver: from('resolver') as typeof import('json-schema-to-typescript/dist/src/resolver.js'),
    linker: from('linker') as typeof import('json-schema-to-typescript/dist/src/linker.js'),
    validator: from('validator') as typeof import('json-schema-to-typescript/dist/src/validator.js'),
    parser: from('parser') as typeof import('json-schema-to-typescript/dist/src/parser.js'),
    optimizer: from('optimizer') as typeof import('json-schema-to-typescript/dist/src/optimizer.js'),
    generator: from('generator') as typeof import('json-schema-to-typescript/dist/src/generator.js'),
  };
}

/** `hasRef` when the caller already knows whether the schema holds a `$ref` anywhere. */
async function compileRaw(input: unknown, name: string, hasRef = hasLocalRef(input)): Promise<string> {
  stages ??= loadStages();
  const { options, normalizer, resolver, linker, validator, parser, optimizer, generator } = stages;
  const schema = structuredClone(input) as Parameters<typeof normalizer.normalizeNullableRefs>[0];
  normalizer.normalizeNullableRefs(schema);
  const { dereferencedPaths, dereferencedSchema } = hasRef
    ? await resolver.dereference(schema, options)
    : { dereferencedPaths: new WeakMap() as DereferencedPaths, dereferencedSchema: schema };
  const linked = linker.link(dereferencedSchema);
  const errors = validator.validate(linked, name);
  if (errors.length > 0) throw new Error(`invalid schema ${name}: ${errors.join('; ')}`);
  const normalized = normalizer.normalize(linked, dereferencedPaths, name, options);
  const processed = new Map();
  const usedNames = new Set<string>();
  const parsed = parser.parse(normalized, options, undefined, processed, usedNames);
  parser.nameAnonymousRecursiveTypes(parsed, processed, dereferencedPaths, usedNames);
  return generator.generate(optimizer.optimize(parsed, options), options);
}

/** One schema of a batch: its root name and every type name it declares (PreparedSchema.names). */
export interface BatchSchema {
  schema: unknown;
  name: string;
  names: readonly string[];
}

/** The property-holder the schemas of a batch hang from; its own declaration is dropped. */
const BATCH_ROOT = 'TaskerCtlSchemaBatch';

/**
 * Compiles the schemas of one template in one call, since about a third of a
 * compile is the same work per call whatever the schema. The declarations are
 * split back per schema by the type names each one declares: the same text,
 * declaration for declaration, as one call per schema (a test holds the two
 * equal). Schemas with a `$ref` (which must resolve against their own root), and
 * any batch that cannot be split cleanly, are compiled one by one instead.
 */
export async function compileSchemaBatch(batch: readonly BatchSchema[]): Promise<string[]> {
  const together = batch.filter((item) => !hasLocalRef(item.schema) && !item.names.includes(BATCH_ROOT));
  let split: Map<string, string[]> | undefined;
  if (together.length > 1) {
    const properties = Object.fromEntries(together.map((item, i) => [`s${i}`, item.schema]));
    try {
      split = splitDeclarations(await compileRaw({ type: 'object', title: BATCH_ROOT, properties, additionalProperties: false }, BATCH_ROOT, false), together);
    } catch {
      split = undefined; // one schema is invalid: compiled alone below, where its own error surfaces
    }
  }
  const texts: string[] = [];
  for (const item of batch) {
    const own = split?.get(item.name);
    texts.push(own ? indent(own.join('\n')) : await compileSchema(item.schema, item.name));
  }
  return texts;
}

/** Top-level declarations by the schema (root name) that declares them; undefined when one cannot be placed. */
function splitDeclarations(text: string, batch: readonly BatchSchema[]): Map<string, string[]> | undefined {
  const owner = new Map<string, string>();
  for (const item of batch) for (const name of item.names) owner.set(name, item.name);
  const byRoot = new Map<string, string[][]>(batch.map((item) => [item.name, []]));
  let depth = 0;
  let comment: string[] = [];
  let current: string[] | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (depth === 0) {
      if (line === '') continue;
      if (line.startsWith('/*') || line.startsWith('*')) {
        comment.push(raw); // a comment between declarations belongs to the next one
        continue;
      }
      const declared = /^export (?:interface|type|enum|const enum) ([A-Za-z_$][\w$]*)/.exec(line)?.[1];
      if (declared === undefined) return undefined;
      const root = declared === BATCH_ROOT ? undefined : owner.get(declared);
      if (root === undefined && declared !== BATCH_ROOT) return undefined;
      current = [...comment];
      comment = [];
      if (root !== undefined) byRoot.get(root)!.push(current);
    }
    current!.push(raw);
    if (closesBlock(line)) depth = Math.max(0, depth - 1);
    if (opensBlock(line)) depth++;
  }
  if (comment.length > 0) return undefined;
  const out = new Map<string, string[]>();
  for (const [root, declarations] of byRoot) {
    if (declarations.length === 0) return undefined;
    out.set(root, declarations.map((lines) => lines.join('\n')));
  }
  return out;
}

export interface CompileJob extends BatchSchema {
  key: string;
  /** The template it belongs to: consecutive jobs of one template compile in one call. */
  group: string;
}

/** Compiles jobs, a template's schemas at a time; a job whose schema fails is left out (compiled again, and reported, later). */
export async function compileJobs(jobs: readonly CompileJob[]): Promise<Array<[string, string]>> {
  const out: Array<[string, string]> = [];
  for (let start = 0; start < jobs.length; ) {
    let end = start + 1;
    while (end < jobs.length && jobs[end]!.group === jobs[start]!.group) end++;
    const batch = jobs.slice(start, end);
    try {
      const texts = await compileSchemaBatch(batch);
      batch.forEach((job, i) => out.push([job.key, texts[i]!]));
    } catch {
      for (const job of batch) {
        try {
          out.push([job.key, await compileSchema(job.schema, job.name)]);
        } catch {
          // left out
        }
      }
    }
    start = end;
  }
  return out;
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
    if (closesBlock(line)) depth = Math.max(0, depth - 1);
    const pad = '  '.repeat(depth);
    out.push(line.startsWith('*') ? `${pad} ${line}` : `${pad}${line}`);
    if (opensBlock(line)) depth++;
  }
  return out.join('\n');
}

/** Whether a schema holds a `$ref` anywhere (it must then go through the dereferencer, and compile alone). */
function hasLocalRef(schema: unknown): boolean {
  return JSON.stringify(schema).includes('"$ref"');
}

/** A trimmed line of json-schema-to-typescript output: comments move no braces. */
const isComment = (line: string): boolean => line.startsWith('*') || line.startsWith('/*') || line.startsWith('//');
const closesBlock = (line: string): boolean => !isComment(line) && /^[}\])]/.test(line);
const opensBlock = (line: string): boolean => !isComment(line) && /[{[(]$/.test(line);
