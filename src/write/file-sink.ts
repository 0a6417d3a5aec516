/**
 * Where the write stage's atomic writes go. The first files are written here,
 * synchronously. A big run (from WRITES_BEFORE_WORKER files on, on a machine
 * with more than one core) queues the rest for a worker thread, which writes
 * them in order while the main thread goes on making and deciding the next
 * files: on two cores the two overlap instead of adding up. When the main
 * thread has nothing else left to do (`finish`), it writes what is still queued
 * itself, alongside the worker. Each write stays atomic wherever it runs; the
 * first failure stops the writes (files queued after it may or may not have
 * been written) and is rethrown.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { nextTurn } from '../shared/next-turn.js';
import { WorkerQueue } from '../shared/worker-queue.js';
import { atomicWriteFileSync } from './atomic.js';

/** About 50 ms of writing: below it, starting a worker costs more than it saves. */
const WRITES_BEFORE_WORKER = 500;
/** Files per message to the worker. */
const BATCH = 64;
/** Batches at the worker at once: enough to keep it busy between two turns of the main thread's event loop. */
const AHEAD = 4;

/**
 * A batch of writes for the worker: the targets, and their contents encoded
 * (UTF-8) one after the other in one buffer that is transferred, not copied.
 */
export interface WriteBatch {
  targets: string[];
  /** Where each content ends in `bytes`. */
  ends: number[];
  bytes: ArrayBuffer;
}

/** The worker's answer to a batch: done, or the first write that failed (the later ones are not attempted). */
export type WriteReply = { ok: true } | { ok: false; message: string; code?: string; syscall?: string; path?: string };

const WORKER_URL = new URL('./write-worker.js', import.meta.url);
/** Running from the TypeScript sources (tests) there is no compiled worker: everything is written here. */
const workerAvailable = () => availableParallelism() > 1 && existsSync(fileURLToPath(WORKER_URL));

export class FileSink {
  private written = 0;
  /** Started from the WRITES_BEFORE_WORKER-th write on. */
  private queue: WorkerQueue<[target: string, content: string], WriteReply> | undefined;
  private failure: Error | undefined;

  constructor(private readonly parallel = workerAvailable()) {}

  /** Writes `content` to `target` atomically, now or soon; throws the first failure seen so far. */
  write(target: string, content: string): void {
    if (this.failure) throw this.failure;
    if (this.queue === undefined && (!this.parallel || this.written < WRITES_BEFORE_WORKER)) {
      atomicWriteFileSync(target, content);
      this.written++;
      return;
    }
    this.queue ??= new WorkerQueue(WORKER_URL, {
      batchSize: BATCH,
      ahead: AHEAD,
      message: encodeBatch,
      reply: (reply) => {
        if (!reply.ok) this.fail(Object.assign(new Error(reply.message), { code: reply.code, syscall: reply.syscall, path: reply.path }));
      },
      crashed: (error) => this.fail(new Error(`the file writer thread stopped before every file was written: ${error.message}`)),
    });
    this.queue.push([target, content]);
  }

  /**
   * Waits until every write is on disk, writing queued batches here while the
   * worker writes its own; throws the first failure. The sink cannot be used afterwards.
   */
  async finish(): Promise<void> {
    this.queue?.flush();
    for (let batch = this.queue?.take(); batch && !this.failure; batch = this.queue?.take()) {
      try {
        for (const [target, content] of batch) atomicWriteFileSync(target, content);
      } catch (error) {
        this.fail(error as Error);
      }
      // Lets the worker's answers in, so it is handed the next batch meanwhile.
      await nextTurn();
    }
    await this.drain();
    if (this.failure) throw this.failure;
  }

  /**
   * Waits for the writes already handed to the worker (each completes, or
   * fails, whole: none is cut short), drops the rest, and stops the worker.
   * For error paths; `finish` does it too.
   */
  async drain(): Promise<void> {
    this.queue?.halt();
    await this.queue?.settled();
    await this.queue?.close();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.queue?.halt();
  }
}

/** One message for the worker: the batch's contents as one transferred buffer. */
function encodeBatch(batch: Array<[target: string, content: string]>): { value: WriteBatch; transfer: ArrayBuffer[] } {
  // Buffer.from is the fast encoder (several times faster than writing into a shared buffer at an offset).
  const encoded = batch.map(([, content]) => Buffer.from(content, 'utf8'));
  const ends: number[] = [];
  let size = 0;
  for (const buffer of encoded) ends.push((size += buffer.length));
  // A buffer of its own (never a slice of Buffer's shared pool), so it can be transferred.
  const bytes = new Uint8Array(size);
  encoded.forEach((buffer, i) => bytes.set(buffer, i === 0 ? 0 : ends[i - 1]!));
  return { value: { targets: batch.map(([target]) => target), ends, bytes: bytes.buffer }, transfer: [bytes.buffer] };
}
