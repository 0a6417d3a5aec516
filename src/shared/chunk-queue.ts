/**
 * Sharing a batch between the main thread and one worker: both take
 * consecutive chunks from one queue, so neither waits for the other.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** Hands out consecutive index ranges to whichever thread asks next. */
export class ChunkQueue {
  private next = 0;

  constructor(
    private readonly length: number,
    private readonly size: number,
  ) {}

  take(): { start: number; end: number } | undefined {
    if (this.next >= this.length) return undefined;
    const start = this.next;
    this.next = Math.min(this.length, start + this.size);
    return { start, end: this.next };
  }
}

export type Chunk = { start: number; end: number };

/**
 * Starts `url` as a worker and keeps it fed: it is sent `message(chunk)` for
 * one chunk at a time, and each reply goes to `onReply` before the next chunk
 * is sent. Resolves when the queue is empty; rejects if the worker fails (the
 * caller then does what the worker did not).
 */
export function feedWorker<Reply>(
  url: URL,
  options: WorkerOptions,
  queue: ChunkQueue,
  message: (chunk: Chunk) => unknown,
  onReply: (reply: Reply) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(url, options);
    const feed = (): void => {
      const chunk = queue.take();
      if (!chunk) {
        void worker.terminate();
        resolve();
        return;
      }
      worker.postMessage(message(chunk));
    };
    worker.on('message', (reply: Reply) => {
      onReply(reply);
      feed();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`worker ${url.pathname} exited with code ${code}`));
    });
    feed();
  });
}

/** Lets pending worker replies (macrotasks) in between two chunks of main-thread work. */
export function yieldToWorker(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
