/**
 * Compiling the contracts of a large project on two threads, overlapped with
 * loading. As the main thread loads templates it plans each one on its own and
 * queues its schemas; a worker thread, started with the first one, compiles them
 * while the main thread goes on loading, checking, planning and writing the
 * handler stubs. Then the main thread takes what is left of the queue too. Declarations are matched to the
 * final plan's schemas by file, document and type name; whatever was not
 * compiled (a template planned differently, a worker failure) is compiled on
 * the main thread. The bytes are the same whichever thread compiled them.
 */
import { Worker } from 'node:worker_threads';
import { templateKey } from '../check/index.js';
import type { TaskTemplate } from '../load/index.js';
import { planTemplateAlone, type TemplatePlan } from '../plan/index.js';
import type { PreparedSchema } from '../plan/schema-types.js';
import { planSchemas, type ReusableOutputs } from './contracts-reuse.js';
import { compileJobs, hasDeclarations, provideDeclarations, schemaDeclarations, type CompileJob } from './schema-to-ts.js';

/** Schemas per message: about 20 ms of compiling. */
const CHUNK = 40;
/**
 * Chunks the worker holds at once. While the main thread loads, checks and
 * plans it lets the worker's replies in only now and then (checking is one
 * long stretch): a second of work, so the worker does not starve. Once the
 * main thread lets replies in often (writing files), a few: what is still
 * queued can then be shared at the end, and the two threads finish together.
 */
const AHEAD_WHILE_BUSY = 48;
const AHEAD_WHILE_YIELDING = 4;
const AHEAD_WHILE_SHARING = 2;

/** Lets the worker's replies (macrotasks) in between two chunks of main-thread work. */
function yieldToWorker(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Identifies a prepared schema across threads and plans. */
function schemaKey(plan: TemplatePlan, prepared: PreparedSchema): string {
  return `${templateKey(plan.template)}\n${prepared.name}`;
}

export class ContractsPool {
  private readonly jobs: CompileJob[] = [];
  private next = 0;
  private outstanding = 0;
  private ahead = AHEAD_WHILE_BUSY;
  private readonly texts = new Map<string, string>();
  /** Started with the first schema queued: a project whose contracts are all up to date never needs it. */
  private worker: Worker | undefined;
  private failed = false;
  private closed = false;
  private idle: (() => void) | undefined;

  constructor(
    /** Contracts already up to date are not compiled. */
    private readonly reusable: ReusableOutputs,
    private readonly onWorkerError?: (error: unknown) => void,
  ) {}

  private start(): Worker {
    const worker = new Worker(new URL('./contracts-worker.js', import.meta.url));
    worker.on('message', (texts: Array<[string, string]>) => {
      for (const [key, text] of texts) this.texts.set(key, text);
      this.outstanding--;
      this.feed();
    });
    worker.once('error', (error) => this.fail(error));
    // Any exit before `close` (a crash, or terminated by someone else) means no more answers.
    worker.once('exit', (code) => {
      if (!this.closed) this.fail(new Error(`contracts worker stopped (exit code ${code})`));
    });
    return worker;
  }

  /** Queues the schemas of templates just loaded (a template that cannot be planned alone is left to later). */
  add(templates: readonly TaskTemplate[]): void {
    for (const template of templates) {
      let plan: TemplatePlan;
      try {
        plan = planTemplateAlone(template);
      } catch {
        continue; // an invalid template: check reports it, and it is not generated
      }
      if (this.reusable.contracts(plan) !== undefined) continue;
      const group = templateKey(plan.template);
      for (const prepared of planSchemas(plan)) {
        this.jobs.push({ key: schemaKey(plan, prepared), group, schema: prepared.schema, name: prepared.name, names: prepared.names.map((n) => n.name) });
      }
    }
    this.feed();
  }

  /** The main thread now lets the worker's replies in often: the worker need not hold much any more. */
  yieldingOften(): void {
    this.ahead = Math.min(this.ahead, AHEAD_WHILE_YIELDING);
  }

  /**
   * Makes the declarations of every schema of `plans` available to
   * `schemaDeclarations`: compiles what is still queued (sharing it with the
   * worker), waits for the worker, then compiles whatever is missing.
   */
  async complete(plans: readonly TemplatePlan[]): Promise<void> {
    const needed = new Set(plans.flatMap((plan) => planSchemas(plan).map((prepared) => schemaKey(plan, prepared))));
    this.ahead = AHEAD_WHILE_SHARING;
    for (let chunk = this.take(); chunk.length > 0; chunk = this.take()) {
      // A failure is left out here and compiled again below, where it is reported as it always is.
      for (const [key, text] of await compileJobs(chunk.filter((job) => needed.has(job.key)))) this.texts.set(key, text);
      await yieldToWorker();
    }
    if (this.outstanding > 0 && !this.failed) await new Promise<void>((resolve) => (this.idle = resolve));
    for (const plan of plans) {
      for (const prepared of planSchemas(plan)) {
        if (hasDeclarations(prepared)) continue;
        const text = this.texts.get(schemaKey(plan, prepared));
        if (text !== undefined) provideDeclarations(prepared, text);
        else await schemaDeclarations(prepared);
      }
    }
  }

  close(): void {
    this.closed = true;
    void this.worker?.terminate();
  }

  private take(): CompileJob[] {
    const chunk = this.jobs.slice(this.next, this.next + CHUNK);
    this.next += chunk.length;
    return chunk;
  }

  private feed(): void {
    while (!this.failed && this.outstanding < this.ahead && this.next < this.jobs.length) {
      this.worker ??= this.start();
      this.outstanding++;
      this.worker.postMessage(this.take());
    }
    if (this.outstanding === 0) this.release();
  }

  private fail(error: unknown): void {
    if (this.failed) return;
    this.failed = true;
    this.onWorkerError?.(error);
    this.release();
  }

  private release(): void {
    const idle = this.idle;
    this.idle = undefined;
    idle?.();
  }
}
