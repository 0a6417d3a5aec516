/**
 * JSON Schema → TypeScript declarations with json-schema-to-typescript,
 * loaded lazily (it is heavy) and configured to stay offline and fast. Large
 * batches are shared with a worker thread: compiling is the costliest step of
 * generating a big project, and every machine here has at least two cores.
 */
import { availableParallelism } from 'node:os';
import type { PreparedSchema } from '../plan/schema-types.js';
import { ChunkQueue, feedWorker, yieldToWorker } from '../shared/chunk-queue.js';

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

/**
 * Compiles many schemas ahead of `schemaDeclarations`, shared with a worker
 * thread when the batch is large. Both threads take chunks from one queue, so
 * neither waits for the other. Results are the same bytes whichever thread
 * compiled them.
 */
export async function precompileSchemas(schemas: readonly PreparedSchema[], options: { workerThreshold?: number; onWorkerError?: (error: unknown) => void } = {}): Promise<void> {
  const pending = schemas.filter((s) => !compiled.has(s));
  if (pending.length < (options.workerThreshold ?? WORKER_THRESHOLD) || availableParallelism() < 2) {
    for (const prepared of pending) await schemaDeclarations(prepared);
    return;
  }
  const queue = new ChunkQueue(pending.length, CHUNK);
  const remote = feedWorker<{ start: number; texts: string[] }>(
    new URL('./schema-worker.js', import.meta.url),
    {},
    queue,
    (chunk) => ({ start: chunk.start, jobs: pending.slice(chunk.start, chunk.end).map((s) => ({ schema: s.schema, name: s.name })) }),
    ({ start, texts }) => texts.forEach((text, i) => compiled.set(pending[start + i]!, text)),
  ).catch((error: unknown) => options.onWorkerError?.(error));
  for (let chunk = queue.take(); chunk; chunk = queue.take()) {
    for (let i = chunk.start; i < chunk.end; i++) await schemaDeclarations(pending[i]!);
    await yieldToWorker();
  }
  await remote;
  // Whatever the worker was given but did not return (it failed): compile here.
  for (const prepared of pending) await schemaDeclarations(prepared);
}

const CHUNK = 40;

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
