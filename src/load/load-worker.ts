/** Worker thread: loads each chunk of files it is sent and posts the result back as plain data. */
import { parentPort, workerData } from 'node:worker_threads';
import type { FoundFile } from './files.js';
import { loadFiles, type LoadOptions } from './index.js';
import { toTransfer } from './transfer.js';

const { options } = workerData as { options: LoadOptions };
parentPort!.on('message', ({ start, files }: { start: number; files: FoundFile[] }) => {
  parentPort!.postMessage({ start, data: toTransfer(loadFiles(files, options)) });
});
