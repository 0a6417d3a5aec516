/**
 * Our compile is json-schema-to-typescript's: its stages, called as its own
 * `compile` calls them, give that function's very text. And compiling a
 * template's schemas in one call gives, schema for schema, the text of one call
 * per schema: on the corpus, the fixtures with rich schemas (every keyword,
 * $ref, recursion), and a batch holding a broken schema.
 */
import { describe, expect, it, vi } from 'vitest';
import { planSchemas } from '../../src/emit/contracts-reuse.js';
import { compile } from 'json-schema-to-typescript';
import { COMPILE_OPTIONS, compileJobs, compileSchema, compileSchemaBatch, indent } from '../../src/emit/schema-to-ts.js';
import { planProject } from '../../src/plan/index.js';
import { prepareSchema } from '../../src/plan/schema-types.js';
import { validateTemplates } from '../../src/validate.js';
import { CORPUS_DIR, REPO_ROOT } from '../helpers.js';

const asBatch = (schemas: ReturnType<typeof planSchemas>) => schemas.map((p) => ({ schema: p.schema, name: p.name, names: p.names.map((n) => n.name) }));

const richTemplates = () => validateTemplates([CORPUS_DIR, `${REPO_ROOT}/fixtures/generate`, `${REPO_ROOT}/fixtures/templates/clean`], { cwd: REPO_ROOT }).templates;

describe('compileSchema', () => {
  it("gives json-schema-to-typescript's compile text, and leaves its input as it was", async () => {
    let compared = 0;
    let withRef = 0;
    for (const plan of planProject(richTemplates()).templates) {
      for (const prepared of planSchemas(plan)) {
        const before = JSON.stringify(prepared.schema);
        expect(await compileSchema(prepared.schema, prepared.name), `${plan.key} ${prepared.name}`).toBe(
          indent(await compile(structuredClone(prepared.schema) as never, prepared.name, COMPILE_OPTIONS as never)),
        );
        expect(JSON.stringify(prepared.schema)).toBe(before);
        compared++;
        if (before.includes('"$ref"')) withRef++;
      }
    }
    expect(compared).toBeGreaterThan(140);
    expect(withRef).toBeGreaterThan(3);
  });

  it.each([
    ['a nullable $ref', { type: 'object', properties: { a: { $ref: '#/definitions/A', nullable: true } }, definitions: { A: { type: 'object', properties: { x: { type: 'string' } } } } }],
    ['a root $ref, recursive', { $ref: '#/definitions/Node', definitions: { Node: { type: 'object', properties: { next: { $ref: '#/definitions/Node' } } } } }],
    ['nullable without $ref', { type: 'object', properties: { s: { type: 'string', nullable: true }, e: { enum: ['a', 'b'], nullable: true } } }],
  ])("gives json-schema-to-typescript's compile text for %s", async (_, schema) => {
    expect(await compileSchema(schema, 'Edge')).toBe(indent(await compile(structuredClone(schema) as never, 'Edge', COMPILE_OPTIONS as never)));
  });

  it('rejects what json-schema-to-typescript rejects', async () => {
    const bad = { type: 'array', items: { type: 'string' }, minItems: 3, maxItems: 1 };
    const error = vi.spyOn(console, 'error').mockImplementation(() => {}); // its compile logs what it rejects
    try {
      await expect(compile(bad as never, 'Bad', COMPILE_OPTIONS as never)).rejects.toThrow();
      await expect(compileSchema(bad, 'Bad')).rejects.toThrow(/Bad/);
    } finally {
      error.mockRestore();
    }
  });
});

describe('compileSchemaBatch', () => {
  it('gives each schema the text of its own compile, on the corpus and the rich fixtures', async () => {
    let compared = 0;
    let batched = 0;
    for (const plan of planProject(richTemplates()).templates) {
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
    await expect(compileSchemaBatch(jobs)).rejects.toThrow();
    const texts = new Map(await compileJobs(jobs));
    expect([...texts.keys()]).toEqual(['GoodResult', 'OtherResult']);
    expect(texts.get('GoodResult')).toBe(await compileSchema(good.schema, good.name));
  });
});
