/**
 * Compiling the contracts of a large project on two threads, overlapped with
 * loading. As the main thread loads templates it plans each one on its own and
 * queues its schemas; a worker thread, started with the first one, compiles them
 * while the main thread goes on loading, checking, planning and writing the
 * handler stubs. Then the main thread takes what is left of the queue too.
 * Declarations are matched to the final plan's schemas by file, document and
 * type name; whatever was not compiled (a template planned differently, a
 * worker failure) is compiled on the main thread. The bytes are the same
 * whichever thread compiled them.
 */
import { templateKey } from '../check/index.js';
import type { TaskTemplate } from '../load/index.js';
import { planTemplateAlone, type TemplatePlan } from '../plan/index.js';
import type { PreparedSchema } from '../plan/schema-types.js';
import { nextTurn } from '../shared/next-turn.js';
import { WorkerQueue } from '../shared/worker-queue.js';
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

/** Identifies a prepared schema across threads and plans. */
function schemaKey(plan: TemplatePlan, prepared: PreparedSchema): string {
  return `${templateKey(plan.template)}\n${prepared.name}`;
}

export class ContractsPool {
  private readonly texts = new Map<string, string>();
  /** Its worker starts with the first schema queued: a project whose contracts are all up to date never needs it. */
  private readonly queue: WorkerQueue<CompileJob, Array<[string, string]>>;

  constructor(
    /** Contracts already up to date are not compiled. */
    private readonly reusable: ReusableOutputs,
    onWorkerError?: (error: unknown) => void,
  ) {
    this.queue = new WorkerQueue(new URL('./contracts-worker.js', import.meta.url), {
      batchSize: CHUNK,
      ahead: AHEAD_WHILE_BUSY,
      message: (jobs) => ({ value: jobs }),
      reply: (texts) => {
        for (const [key, text] of texts) this.texts.set(key, text);
      },
      // What the worker did not answer is compiled by the main thread in `complete`.
      crashed: (error) => onWorkerError?.(error),
    });
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
        this.queue.push({ key: schemaKey(plan, prepared), group, schema: prepared.schema, name: prepared.name, names: prepared.names.map((n) => n.name) });
      }
    }
    this.queue.flush();
  }

  /** The main thread now lets the worker's replies in often: the worker need not hold much any more. */
  yieldingOften(): void {
    this.queue.ahead(AHEAD_WHILE_YIELDING);
  }

  /**
   * Makes the declarations of every schema of `plans` available to
   * `schemaDeclarations`: compiles what is still queued (sharing it with the
   * worker), waits for the worker, then compiles whatever is missing.
   */
  async complete(plans: readonly TemplatePlan[]): Promise<void> {
    const needed = new Set(plans.flatMap((plan) => planSchemas(plan).map((prepared) => schemaKey(plan, prepared))));
    this.queue.ahead(AHEAD_WHILE_SHARING);
    for (let chunk = this.queue.take(); chunk; chunk = this.queue.take()) {
      // A failure is left out here and compiled again below, where it is reported as it always is.
      for (const [key, text] of await compileJobs(chunk.filter((job) => needed.has(job.key)))) this.texts.set(key, text);
      await nextTurn();
    }
    await this.queue.settled();
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
    void this.queue.close();
  }
}
