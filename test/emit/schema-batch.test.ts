/**
 * Compiling a template's schemas in one call gives, schema for schema, the
 * very text of one call per schema: on the corpus, the fixtures with rich
 * schemas (every keyword, $ref, recursion), and a batch holding a broken schema.
 */
import { describe, expect, it, vi } from 'vitest';
import { planSchemas } from '../../src/emit/contracts-reuse.js';
import { compileJobs, compileSchema, compileSchemaBatch } from '../../src/emit/schema-to-ts.js';
import { planProject } from '../../src/plan/index.js';
import { prepareSchema } from '../../src/plan/schema-types.js';
import { validateTemplates } from '../../src/validate.js';
import { CORPUS_DIR, REPO_ROOT } from '../helpers.js';

const asBatch = (schemas: ReturnType<typeof planSchemas>) => schemas.map((p) => ({ schema: p.schema, name: p.name, names: p.names.map((n) => n.name) }));

describe('compileSchemaBatch', () => {
  it('gives each schema the text of its own compile, on the corpus and the rich fixtures', async () => {
    const { templates } = validateTemplates([CORPUS_DIR, `${REPO_ROOT}/fixtures/generate`, `${REPO_ROOT}/fixtures/templates/clean`], { cwd: REPO_ROOT });
    let compared = 0;
    let batched = 0;
    for (const plan of planProject(templates).templates) {
      const schemas = planSchemas(plan);
      if (schemas.length === 0) continue;
      const together = await compileSchemaBatch(asBatch(schemas));
      for (const [i, prepared] of schemas.entries()) {
        expect(together[i], `${plan.key} ${prepared.name}`).toBe(await compileSchema(prepared.schema, prepared.name));
        compared++;
      }
      if (schemas.length > 1 && !schemas.some((s) => JSON.stringify(s.schema).includes('"$ref"'))) batched++;
    }
    expect(compared).toBeGreaterThan(140);
    expect(batched).toBeGreaterThan(3);
  });

  it('compiles a batch holding an invalid schema one by one, so the valid ones still come out', async () => {
    const good = prepareSchema({ pointer: '/steps/0/result_schema', schema: { type: 'object', properties: { id: { type: 'string' } } } }, 'GoodResult');
    const other = prepareSchema({ pointer: '/steps/1/result_schema', schema: { type: 'object', properties: { n: { type: 'integer' } } } }, 'OtherResult');
    const bad = { schema: { type: 'array', items: { type: 'string' }, minItems: 3, maxItems: 1 }, name: 'BadResult', names: ['BadResult'] };
    const jobs = [...asBatch([good, other]), bad].map((job) => ({ ...job, key: job.name, group: 'one template' }));
    const error = vi.spyOn(console, 'error').mockImplementation(() => {}); // json-schema-to-typescript logs what it rejects
    try {
      await expect(compileSchemaBatch(jobs)).rejects.toThrow();
      const texts = new Map(await compileJobs(jobs));
      expect([...texts.keys()]).toEqual(['GoodResult', 'OtherResult']);
      expect(texts.get('GoodResult')).toBe(await compileSchema(good.schema, good.name));
    } finally {
      error.mockRestore();
    }
  });
});
