/**
 * Starts the handler scan: in a worker thread when the compiled worker is
 * there (the main thread stays free to load templates meanwhile: on two cores
 * the slower of the two is paid instead of their sum), inline otherwise (when
 * running from the TypeScript sources, or when asked).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { UsageError } from '../load/files.js';
import type { ScanOptions } from './scan.js';
import type { HandlerScan } from './types.js';

export interface StartScanOptions extends ScanOptions {
  /** Scan in a worker thread (default: true, when available). */
  parallel?: boolean;
}

type WorkerReply = { ok: true; scan: HandlerScan } | { ok: false; name: string; message: string; stack?: string };

/** Preloads given to node (`--import`, `--require`, loaders) instrument the main thread; the worker does without them. */
const PRELOAD_FLAGS = new Set(['--import', '--require', '-r', '--loader', '--experimental-loader']);

function workerExecArgv(): string[] {
  const out: string[] = [];
  for (let i = 0; i < process.execArgv.length; i++) {
    const arg = process.execArgv[i]!;
    const flag = arg.split('=')[0]!;
    if (PRELOAD_FLAGS.has(flag)) {
      if (!arg.includes('=')) i++;
      continue;
    }
    out.push(arg);
  }
  return out;
}

/** A scan under way; `cancel()` stops its worker (e.g. when loading the templates failed). */
export type PendingScan = Promise<HandlerScan> & { cancel(): void };

export function startHandlerScan(paths: readonly string[], options: StartScanOptions): PendingScan {
  const { parallel = true, ...scanOptions } = options;
  const workerUrl = new URL('./scan-worker.js', import.meta.url);
  if (!parallel || !existsSync(fileURLToPath(workerUrl))) {
    return Object.assign(
      import('./scan.js').then((m) => m.scanHandlers(paths, scanOptions)),
      { cancel: () => undefined },
    );
  }
  let worker: Worker | undefined;
  const pending = new Promise<HandlerScan>((resolve, reject) => {
    worker = new Worker(workerUrl, { workerData: { paths: [...paths], options: scanOptions }, execArgv: workerExecArgv() });
    let settled = false;
    worker.once('message', (reply: WorkerReply) => {
      settled = true;
      if (reply.ok) resolve(reply.scan);
      else {
        const error = reply.name === 'UsageError' ? new UsageError(reply.message) : new Error(reply.message);
        if (reply.stack) error.stack = reply.stack;
        reject(error);
      }
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the handler scan worker exited with code ${code}`));
    });
  });
  return Object.assign(pending, { cancel: () => void worker?.terminate() });
}
