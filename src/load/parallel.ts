/**
 * Loading a large project on two threads: a worker loads every other file
 * while the main thread loads the rest. The merged result is the same, in the
 * same order, as `loadTemplates` gives.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { compareDiagnostics, compareStrings } from '../diagnostics/diagnostic.js';
import { findTemplateFiles, type FoundFile } from './files.js';
import { loadFiles, type LoadOptions, type LoadResult } from './index.js';
import { fromTransfer, type TransferredLoad } from './transfer.js';

/** Below this many files a worker costs more to start than it saves. */
const WORKER_THRESHOLD = 200;

export interface ParallelLoadOptions extends LoadOptions {
  workerThreshold?: number;
  /** Called when the worker could not run; its files are then loaded here. */
  onWorkerError?: (error: unknown) => void;
}

export async function loadTemplatesParallel(paths: readonly string[], options: ParallelLoadOptions = {}): Promise<LoadResult> {
  const files = findTemplateFiles(paths, options.cwd ?? process.cwd());
  const loadOptions: LoadOptions = { cwd: options.cwd, limits: options.limits };
  if (files.length < (options.workerThreshold ?? WORKER_THRESHOLD) || availableParallelism() < 2) return loadFiles(files, loadOptions);
  const offloaded = files.filter((_, i) => i % 2 === 1);
  const local = files.filter((_, i) => i % 2 === 0);
  const remote = loadInWorker(offloaded, loadOptions).catch((error: unknown) => {
    options.onWorkerError?.(error);
    return undefined;
  });
  const mine = loadFiles(local, loadOptions);
  const transferred = await remote;
  const theirs = transferred ? fromTransfer(transferred, options.limits) : loadFiles(offloaded, loadOptions);
  return merge(mine, theirs, files);
}

function loadInWorker(files: FoundFile[], options: LoadOptions): Promise<TransferredLoad> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load-worker.js', import.meta.url), { workerData: { files, options: { cwd: options.cwd, limits: options.limits } } });
    worker.once('message', (data: TransferredLoad) => {
      resolve(data);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load worker exited with code ${code}`));
    });
  });
}

/** Both halves in the order of the file list, as one sequential load would give them. */
function merge(a: LoadResult, b: LoadResult, files: readonly FoundFile[]): LoadResult {
  const order = new Map(files.map((f, i) => [f.file, i]));
  const templates = [...a.templates, ...b.templates].sort(
    (x, y) => order.get(x.source.file)! - order.get(y.source.file)! || x.source.documentIndex - y.source.documentIndex,
  );
  return {
    templates,
    diagnostics: [...a.diagnostics, ...b.diagnostics].sort(compareDiagnostics),
    files: [...a.files, ...b.files].sort((x, y) => order.get(x)! - order.get(y)! || compareStrings(x, y)),
    sources: new Map([...a.sources, ...b.sources].sort(([x], [y]) => order.get(x)! - order.get(y)!)),
  };
}
