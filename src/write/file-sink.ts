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
import { Worker } from 'node:worker_threads';
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
  private worker: Worker | undefined;
  /** Batches not handed to the worker yet; the last one is still being filled. */
  private readonly queue: Array<Array<[target: string, content: string]>> = [];
  private unanswered = 0;
  private failure: Error | undefined;
  private answered: (() => void) | undefined;

  constructor(private readonly parallel = workerAvailable()) {}

  /** Writes `content` to `target` atomically, now or soon; throws the first failure seen so far. */
  write(target: string, content: string): void {
    if (this.failure) throw this.failure;
    if (this.worker === undefined && (!this.parallel || this.written < WRITES_BEFORE_WORKER)) {
      atomicWriteFileSync(target, content);
      this.written++;
      return;
    }
    this.worker ??= this.start();
    const last = this.queue[this.queue.length - 1];
    if (last === undefined || last.length >= BATCH) this.queue.push([[target, content]]);
    else last.push([target, content]);
    this.feed();
  }

  /**
   * Waits until every write is on disk, writing queued batches here while the
   * worker writes its own; throws the first failure. The sink cannot be used afterwards.
   */
  async finish(): Promise<void> {
    this.feed(true);
    while (!this.failure && this.queue.length > 0) {
      const batch = this.queue.shift()!;
      try {
        for (const [target, content] of batch) atomicWriteFileSync(target, content);
      } catch (error) {
        this.failure ??= error as Error;
      }
      // Lets the worker's answers in, so it is handed the next batch meanwhile.
      await new Promise((resolve) => setImmediate(resolve));
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
    this.queue.length = 0;
    while (this.unanswered > 0 && this.worker !== undefined) await new Promise<void>((resolve) => (this.answered = resolve));
    const worker = this.worker;
    this.worker = undefined;
    this.unanswered = 0;
    await worker?.terminate();
  }

  /** Hands full batches to the worker while it holds fewer than AHEAD (with `all`, the one being filled too). */
  private feed(all = false): void {
    while (!this.failure && this.worker !== undefined && this.unanswered < AHEAD && this.queue.length > 0) {
      if (!all && this.queue.length === 1 && this.queue[0]!.length < BATCH) return;
      this.post(this.queue.shift()!);
    }
  }

  private start(): Worker {
    const worker = new Worker(WORKER_URL);
    worker.on('message', (reply: WriteReply) => {
      this.unanswered--;
      if (!reply.ok) this.failure ??= Object.assign(new Error(reply.message), { code: reply.code, syscall: reply.syscall, path: reply.path });
      this.feed();
      this.wake();
    });
    worker.once('error', (error) => this.crashed(error));
    worker.once('exit', (code) => {
      if (this.worker === worker) this.crashed(new Error(`the file writer thread stopped (exit code ${code}) before every file was written`));
    });
    return worker;
  }

  /** A worker that crashed answers nothing more. */
  private crashed(error: Error): void {
    this.failure ??= error;
    this.unanswered = 0;
    this.wake();
  }

  private post(batch: Array<[target: string, content: string]>): void {
    // Buffer.from is the fast encoder (several times faster than writing into a shared buffer at an offset).
    const encoded = batch.map(([, content]) => Buffer.from(content, 'utf8'));
    const ends: number[] = [];
    let size = 0;
    for (const buffer of encoded) ends.push((size += buffer.length));
    // A buffer of its own (never a slice of Buffer's shared pool), so it can be transferred.
    const bytes = new Uint8Array(size);
    encoded.forEach((buffer, i) => bytes.set(buffer, i === 0 ? 0 : ends[i - 1]!));
    const message: WriteBatch = { targets: batch.map(([target]) => target), ends, bytes: bytes.buffer };
    this.unanswered++;
    this.worker!.postMessage(message, [bytes.buffer]);
  }

  private wake(): void {
    const answered = this.answered;
    this.answered = undefined;
    answered?.();
  }
}
