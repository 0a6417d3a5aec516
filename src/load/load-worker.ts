/** Worker thread: loads the files it is given and posts the result back as plain data. */
import { parentPort, workerData } from 'node:worker_threads';
import type { FoundFile } from './files.js';
import { loadFiles, type LoadOptions } from './index.js';
import { toTransfer } from './transfer.js';

const { files, options } = workerData as { files: FoundFile[]; options: LoadOptions };
parentPort!.postMessage(toTransfer(loadFiles(files, options)));
