/**
 * Where the write stage's atomic writes go. The first files are written here,
 * synchronously. A big run (from WRITES_BEFORE_WORKER files on, on a machine
 * with more than one core) hands the rest, in order, to a worker thread, so the
 * main thread goes on making and deciding the next files while the disk work
 * is done: on two cores the two overlap instead of adding up. Each write stays
 * atomic wherever it runs; the first failure stops the writes and is rethrown.
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
  private batch: Array<[target: string, content: string]> = [];
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
    this.batch.push([target, content]);
    if (this.batch.length >= BATCH) this.post();
  }

  /** Waits until every write is on disk; throws the first failure. The sink cannot be used afterwards. */
  async finish(): Promise<void> {
    if (!this.failure) this.post();
    await this.drain();
    if (this.failure) throw this.failure;
  }

  /**
   * Waits for the writes already handed over (each completes, or fails, whole:
   * none is cut short) and stops the worker. For error paths; `finish` does it too.
   */
  async drain(): Promise<void> {
    while (this.unanswered > 0 && this.worker !== undefined) await new Promise<void>((resolve) => (this.answered = resolve));
    const worker = this.worker;
    this.worker = undefined;
    this.unanswered = 0;
    await worker?.terminate();
  }

  private start(): Worker {
    const worker = new Worker(WORKER_URL);
    worker.on('message', (reply: WriteReply) => {
      this.unanswered--;
      if (!reply.ok) this.failure ??= Object.assign(new Error(reply.message), { code: reply.code, syscall: reply.syscall, path: reply.path });
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

  private post(): void {
    if (this.batch.length === 0 || this.worker === undefined) return;
    // Buffer.from is the fast encoder (several times faster than writing into a shared buffer at an offset).
    const encoded = this.batch.map(([, content]) => Buffer.from(content, 'utf8'));
    const ends: number[] = [];
    let size = 0;
    for (const buffer of encoded) ends.push((size += buffer.length));
    // A buffer of its own (never a slice of Buffer's shared pool), so it can be transferred.
    const bytes = new Uint8Array(size);
    encoded.forEach((buffer, i) => bytes.set(buffer, i === 0 ? 0 : ends[i - 1]!));
    const message: WriteBatch = { targets: this.batch.map(([target]) => target), ends, bytes: bytes.buffer };
    this.unanswered++;
    this.worker.postMessage(message, [bytes.buffer]);
    this.batch = [];
  }

  private wake(): void {
    const answered = this.answered;
    this.answered = undefined;
    answered?.();
  }
}
