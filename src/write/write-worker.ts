/**
 * Worker thread of the file sink: writes each batch it is sent, in order, each
 * file atomically, and answers once per batch. After a failure it writes
 * nothing more and answers every later batch with that failure.
 */
import { parentPort } from 'node:worker_threads';
import { atomicWriteFileSync } from './atomic.js';
import type { WriteBatch, WriteReply } from './file-sink.js';

let failure: WriteReply | undefined;

parentPort!.on('message', ({ targets, ends, bytes }: WriteBatch) => {
  if (failure === undefined) {
    try {
      let start = 0;
      targets.forEach((target, i) => {
        atomicWriteFileSync(target, new Uint8Array(bytes, start, ends[i]! - start));
        start = ends[i]!;
      });
    } catch (error) {
      const { message, code, syscall, path } = error as NodeJS.ErrnoException;
      failure = { ok: false, message: String(message), code, syscall, path };
    }
  }
  parentPort!.postMessage(failure ?? { ok: true });
});
