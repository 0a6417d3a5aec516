/**
 * Work shared by the main thread and one worker thread. Items are gathered
 * into batches; the worker (started with the first batch) is handed only a few
 * batches at a time (`ahead`), so that whatever is still queued when the main
 * thread runs out of other work can be taken by it (`take`) and the two finish
 * together. The worker answers each batch with one message. Its answers arrive
 * only between two turns of the main thread's event loop (see `nextTurn`).
 */
import { Worker } from 'node:worker_threads';

export interface WorkerQueueOptions<Item, Reply> {
  /** Items per batch. */
  batchSize: number;
  /** Batches the worker holds at once; changed with `ahead` as the main thread's pace changes. */
  ahead: number;
  /** The message for a batch, with what to transfer rather than copy. */
  message(batch: Item[]): { value: unknown; transfer?: ArrayBuffer[] };
  reply(reply: Reply): void;
  /** The worker failed or stopped before `close`: it answers nothing more, and is handed nothing more. */
  crashed(error: Error): void;
}

export class WorkerQueue<Item, Reply> {
  private readonly batches: Item[][] = [];
  private head = 0;
  private filling: Item[] = [];
  private worker: Worker | undefined;
  private unanswered = 0;
  private halted = false;
  private answered: (() => void) | undefined;
  private aheadCount: number;

  constructor(
    private readonly url: URL,
    private readonly options: WorkerQueueOptions<Item, Reply>,
  ) {
    this.aheadCount = options.ahead;
  }

  /** Whether a worker is running (a queue that never got a batch starts none). */
  get started(): boolean {
    return this.worker !== undefined;
  }

  push(item: Item): void {
    this.filling.push(item);
    if (this.filling.length >= this.options.batchSize) this.flush();
  }

  /** The batch being filled joins the queue, full or not. */
  flush(): void {
    if (this.filling.length === 0) return;
    this.batches.push(this.filling);
    this.filling = [];
    this.feed();
  }

  /** How many batches the worker holds at once, from now on. */
  ahead(count: number): void {
    this.aheadCount = count;
    this.feed();
  }

  /** The next batch nobody took yet, for the main thread (after `flush`, the last one too). */
  take(): Item[] | undefined {
    return this.head < this.batches.length ? this.release(this.head++) : undefined;
  }

  /** Hands the worker nothing more (what it holds, it still answers). */
  halt(): void {
    this.halted = true;
  }

  /** Resolves once the worker has answered every batch it holds. */
  async settled(): Promise<void> {
    while (this.unanswered > 0) await new Promise<void>((resolve) => (this.answered = resolve));
  }

  /** Stops the worker; nothing is handed over any more. */
  async close(): Promise<void> {
    this.halted = true;
    const worker = this.worker;
    this.worker = undefined;
    this.unanswered = 0;
    this.wake();
    await worker?.terminate();
  }

  private feed(): void {
    while (!this.halted && this.unanswered < this.aheadCount && this.head < this.batches.length) {
      const worker = (this.worker ??= this.start());
      const { value, transfer } = this.options.message(this.release(this.head++));
      this.unanswered++;
      worker.postMessage(value, transfer);
    }
  }

  /** A batch leaves the queue: the queue keeps no reference to it. */
  private release(index: number): Item[] {
    const batch = this.batches[index]!;
    this.batches[index] = [];
    return batch;
  }

  private start(): Worker {
    const worker = new Worker(this.url);
    worker.on('message', (reply: Reply) => {
      this.unanswered--;
      this.options.reply(reply);
      this.feed();
      if (this.unanswered === 0) this.wake();
    });
    worker.once('error', (error) => this.crash(worker, error));
    worker.once('exit', (code) => this.crash(worker, new Error(`worker thread ${this.url.pathname.split('/').pop()} stopped (exit code ${code})`)));
    return worker;
  }

  private crash(worker: Worker, error: Error): void {
    if (this.worker !== worker) return; // closed on purpose, or already reported ('error' is followed by 'exit')
    this.worker = undefined;
    this.halted = true;
    this.unanswered = 0;
    this.options.crashed(error);
    this.wake();
  }

  private wake(): void {
    const answered = this.answered;
    this.answered = undefined;
    answered?.();
  }
}
