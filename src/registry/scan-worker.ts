/**
 * Runs the handler scan in a worker thread, so that ts-morph's TypeScript
 * loads and the sources parse while the main thread loads the templates.
 * Started by `startHandlerScan` (./background.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { scanHandlers, type ScanOptions } from './scan.js';

const { paths, options } = workerData as { paths: string[]; options: ScanOptions };
try {
  parentPort!.postMessage({ ok: true, scan: scanHandlers(paths, options) });
} catch (error) {
  const e = error instanceof Error ? error : new Error(String(error));
  parentPort!.postMessage({ ok: false, name: e.name, message: e.message, stack: e.stack });
}
