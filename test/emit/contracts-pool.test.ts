/**
 * The contracts pool (schemas compiled on a worker thread while templates
 * load) gives the same declarations as compiling on the main thread, skips
 * contracts that are up to date, and survives a worker that dies. Uses dist/:
 * the worker runs compiled JavaScript.
 */
import { describe, expect, it } from 'vitest';
import { ContractsPool } from '../../dist/emit/contracts-pool.js';
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
const queued = (pool: ContractsPool) => (pool as unknown as { jobs: Array<{ key: string }> }).jobs.map((job) => job.key);

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
      pool.add(templates);
      const keys = queued(pool);
      expect((pool as unknown as { worker: unknown }).worker).toBeDefined();
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
      pool.add(templates);
      expect(queued(pool)).toEqual([]);
      expect((pool as unknown as { worker: unknown }).worker).toBeUndefined();
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
    await (pool as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    pool.add(templates.slice(1));
    await pool.complete(plan.templates);
    pool.close();
    expect(errors.length).toBe(1);
    const reference = loadPlan();
    expect(await declarations(plan)).toEqual(await declarations(reference.plan));
  });
});
