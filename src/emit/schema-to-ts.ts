/**
 * JSON Schema → TypeScript declarations with json-schema-to-typescript,
 * loaded lazily (it is heavy) and configured to stay offline and fast. Large
 * batches are shared with a worker thread: compiling is the costliest step of
 * generating a big project, and every machine here has at least two cores.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PreparedSchema } from '../plan/schema-types.js';

type Compile = typeof import('json-schema-to-typescript').compile;
let compilePromise: Promise<Compile> | undefined;

function loadCompiler(): Promise<Compile> {
  compilePromise ??= import('json-schema-to-typescript').then((m) => m.compile);
  return compilePromise;
}

/** Below this many schemas a worker costs more to start than it saves. */
const WORKER_THRESHOLD = 300;

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
  const text = await compile(structuredClone(schema) as never, name, {
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

/**
 * Compiles many schemas ahead of `schemaDeclarations`, half of them in a
 * worker thread when the batch is large. Results are the same bytes whichever
 * thread compiled them.
 */
export async function precompileSchemas(schemas: readonly PreparedSchema[], options: { workerThreshold?: number; onWorkerError?: (error: unknown) => void } = {}): Promise<void> {
  const pending = schemas.filter((s) => !compiled.has(s));
  if (pending.length < (options.workerThreshold ?? WORKER_THRESHOLD) || availableParallelism() < 2) {
    for (const prepared of pending) await schemaDeclarations(prepared);
    return;
  }
  const half = Math.floor(pending.length / 2);
  const offloaded = pending.slice(0, half);
  const local = pending.slice(half);
  const remote = compileInWorker(offloaded).catch((error: unknown) => {
    options.onWorkerError?.(error);
    return undefined;
  });
  for (const prepared of local) await schemaDeclarations(prepared);
  const texts = await remote;
  if (!texts) {
    // The worker could not run (e.g. a restricted environment): do its share here.
    for (const prepared of offloaded) await schemaDeclarations(prepared);
    return;
  }
  offloaded.forEach((prepared, i) => compiled.set(prepared, texts[i]!));
}

function compileInWorker(schemas: readonly PreparedSchema[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./schema-worker.js', import.meta.url), {
      workerData: schemas.map((s) => ({ schema: s.schema, name: s.name })),
    });
    worker.once('message', (texts: string[]) => {
      resolve(texts);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`schema worker exited with code ${code}`));
    });
  });
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
