/**
 * Loading a large project on two threads: the main thread and a worker take
 * chunks of files from one queue, so neither waits for the other. The merged
 * result is the same, in the same order, as `loadTemplates` gives.
 */
import { availableParallelism } from 'node:os';
import { compareDiagnostics, compareStrings } from '../diagnostics/diagnostic.js';
import { ChunkQueue, feedWorker, yieldToWorker } from '../shared/chunk-queue.js';
import { findTemplateFiles, type FoundFile } from './files.js';
import { loadFiles, type LoadOptions, type LoadResult } from './index.js';
import { fromTransfer, type TransferredLoad } from './transfer.js';

/** Below this many files a worker costs more to start than it saves. */
const WORKER_THRESHOLD = 200;
const CHUNK = 25;

export interface ParallelLoadOptions extends LoadOptions {
  workerThreshold?: number;
  /** Called when the worker could not run; its files are then loaded here. */
  onWorkerError?: (error: unknown) => void;
}

export async function loadTemplatesParallel(paths: readonly string[], options: ParallelLoadOptions = {}): Promise<LoadResult> {
  const files = findTemplateFiles(paths, options.cwd ?? process.cwd());
  const loadOptions: LoadOptions = { cwd: options.cwd, limits: options.limits };
  if (files.length < (options.workerThreshold ?? WORKER_THRESHOLD) || availableParallelism() < 2) return loadFiles(files, loadOptions);
  const queue = new ChunkQueue(files.length, CHUNK);
  const parts: LoadResult[] = [];
  const done = new Set<number>();
  const remote = feedWorker<{ start: number; data: TransferredLoad }>(
    new URL('./load-worker.js', import.meta.url),
    { workerData: { options: loadOptions } },
    queue,
    (chunk) => ({ start: chunk.start, files: files.slice(chunk.start, chunk.end) }),
    ({ start, data }) => {
      parts.push(fromTransfer(data, options.limits));
      done.add(start);
    },
  ).catch((error: unknown) => options.onWorkerError?.(error));
  for (let chunk = queue.take(); chunk; chunk = queue.take()) {
    parts.push(loadFiles(files.slice(chunk.start, chunk.end), loadOptions));
    done.add(chunk.start);
    await yieldToWorker();
  }
  await remote;
  // Chunks handed to a worker that failed are loaded here.
  for (let start = 0; start < files.length; start += CHUNK) {
    if (!done.has(start)) parts.push(loadFiles(files.slice(start, start + CHUNK), loadOptions));
  }
  return merge(parts, files);
}

/** Every part in the order of the file list, as one sequential load would give them. */
function merge(parts: LoadResult[], files: readonly FoundFile[]): LoadResult {
  const order = new Map(files.map((f, i) => [f.file, i]));
  const byFile = (x: string, y: string): number => order.get(x)! - order.get(y)! || compareStrings(x, y);
  return {
    templates: parts.flatMap((p) => p.templates).sort((x, y) => byFile(x.source.file, y.source.file) || x.source.documentIndex - y.source.documentIndex),
    diagnostics: parts.flatMap((p) => p.diagnostics).sort(compareDiagnostics),
    files: parts.flatMap((p) => p.files).sort(byFile),
    sources: new Map(parts.flatMap((p) => [...p.sources]).sort(([x], [y]) => byFile(x, y))),
  };
}
