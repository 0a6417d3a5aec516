/**
 * The contracts pool (schemas compiled on a worker thread while templates
 * load) gives the same declarations as compiling on the main thread, skips
 * contracts that are up to date, and survives a worker that dies. Uses dist/:
 * the worker runs compiled JavaScript.
 */
import { describe, expect, it, vi } from 'vitest';
import { ContractsPool } from '../../dist/emit/contracts-pool.js';
import { WorkerQueue } from '../../dist/shared/worker-queue.js';
import { inputsHash, INPUTS_LINE, planSchemas, ReusableOutputs } from '../../dist/emit/contracts-reuse.js';
import { schemaDeclarations } from '../../dist/emit/schema-to-ts.js';
import { validateTemplates } from '../../dist/validate.js';
import { planProject } from '../../dist/plan/index.js';
import { templateKey } from '../../dist/check/index.js';
import { bannerFor, withChecksum } from '../../dist/write/index.js';
import { CORPUS_DIR, REPO_ROOT, tempProject } from '../helpers.js';

function loadPlan() {
  const validation = validateTemplates([CORPUS_DIR, `${REPO_ROOT}/fixtures/templates/clean`], { cwd: REPO_ROOT });
  return { templates: validation.templates, plan: planProject(validation.templates) };
}

async function declarations(plan: ReturnType<typeof planProject>): Promise<string[]> {
  const out: string[] = [];
  for (const template of plan.templates) for (const prepared of planSchemas(template)) out.push(await schemaDeclarations(prepared));
  return out;
}

/** The pool's queue, to see what it decided to compile. */
/** The keys of the jobs `add` queued, seen on the work queue it feeds. */
function queued(add: () => void): string[] {
  const push = vi.spyOn(WorkerQueue.prototype, 'push');
  try {
    add();
    return push.mock.calls.map(([job]) => (job as { key: string }).key);
  } finally {
    push.mockRestore();
  }
}
/** The pool's worker thread, if one is running. */
const workerOf = (pool: ContractsPool) => (pool as unknown as { queue: { worker?: { terminate(): Promise<number> } } }).queue.worker;

describe('ContractsPool', () => {
  it('compiles on a worker thread, with the same output as the main thread', async () => {
    const pooled = loadPlan();
    const errors: unknown[] = [];
    const pool = new ContractsPool(new ReusableOutputs('/nonexistent', 't'), (e: unknown) => errors.push(e));
    try {
      pool.add(pooled.templates);
      await pool.complete(pooled.plan.templates);
    } finally {
      pool.close();
    }
    expect(errors).toEqual([]);
    const reference = loadPlan(); // fresh objects: nothing cached
    const expected = await declarations(reference.plan);
    expect(expected.length).toBeGreaterThan(100);
    expect(await declarations(pooled.plan)).toEqual(expected);
  });

  it('does not queue templates whose contracts file is up to date', () => {
    const { templates, plan } = loadPlan();
    const first = plan.templates[0]!;
    const { dir, cleanup } = tempProject({
      [first.contractsPath]: withChecksum(`${bannerFor(first.template.source.file)}\n${INPUTS_LINE}${inputsHash(first, 't')}\n// body\n`),
    });
    const pool = new ContractsPool(new ReusableOutputs(dir, 't'));
    try {
      const keys = queued(() => pool.add(templates));
      expect(workerOf(pool)).toBeDefined();
      expect(keys.length).toBeGreaterThan(100);
      expect(keys.filter((key) => key.startsWith(`${templateKey(first.template)}\n`))).toEqual([]);
      const other = plan.templates.find((t) => t !== first && planSchemas(t).length > 0)!;
      expect(keys.filter((key) => key.startsWith(`${templateKey(other.template)}\n`)).length).toBe(planSchemas(other).length);
    } finally {
      pool.close();
      cleanup();
    }
  });

  it('starts no worker when every contracts file is up to date', () => {
    const { templates, plan } = loadPlan();
    const upToDate = Object.fromEntries(
      plan.templates.map((t) => [t.contractsPath, withChecksum(`${bannerFor(t.template.source.file)}\n${INPUTS_LINE}${inputsHash(t, 't')}\n// body\n`)]),
    );
    const { dir, cleanup } = tempProject(upToDate);
    const pool = new ContractsPool(new ReusableOutputs(dir, 't'));
    try {
      expect(queued(() => pool.add(templates))).toEqual([]);
      expect(workerOf(pool)).toBeUndefined();
    } finally {
      pool.close();
      cleanup();
    }
  });

  it('falls back to the main thread when the worker dies', async () => {
    const { templates, plan } = loadPlan();
    const errors: unknown[] = [];
    const pool = new ContractsPool(new ReusableOutputs('/nonexistent', 't'), (e: unknown) => errors.push(e));
    pool.add(templates.slice(0, 1)); // starts the worker
    await workerOf(pool)!.terminate();
    pool.add(templates.slice(1));
    await pool.complete(plan.templates);
    pool.close();
    expect(errors.length).toBe(1);
    const reference = loadPlan();
    expect(await declarations(plan)).toEqual(await declarations(reference.plan));
  });
});
