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
 * Keeps a worker fed: it is sent `message(chunk)` for two chunks at a time (so
 * it never waits for the main thread to hand it the next one), and each reply
 * goes to `onReply` before another chunk is sent. Resolves when the queue is
 * empty and every chunk sent was answered; rejects if the worker fails (the
 * caller then does what the worker did not). `worker` is a module URL, or a
 * worker already started (to have it load its modules ahead of need).
 */
export function feedWorker<Reply>(
  worker: URL | Worker,
  options: WorkerOptions,
  queue: ChunkQueue,
  message: (chunk: Chunk) => unknown,
  onReply: (reply: Reply) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const running = worker instanceof Worker ? worker : new Worker(worker, options);
    let outstanding = 0;
    const feed = (): void => {
      const chunk = queue.take();
      if (chunk) {
        outstanding++;
        running.postMessage(message(chunk));
      } else if (outstanding === 0) {
        void running.terminate();
        resolve();
      }
    };
    running.on('message', (reply: Reply) => {
      outstanding--;
      onReply(reply);
      feed();
    });
    running.once('error', reject);
    running.once('exit', (code) => {
      if (code !== 0) reject(new Error(`worker exited with code ${code}`));
    });
    feed();
    feed();
  });
}

/** Lets pending worker replies (macrotasks) in between two chunks of main-thread work. */
export function yieldToWorker(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
