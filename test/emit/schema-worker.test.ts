/**
 * The worker-thread path of schema compilation gives the same declarations
 * as compiling in the main thread. Uses dist/ (the worker runs compiled JS).
 */
import { describe, expect, it } from 'vitest';
import { precompileSchemas, schemaDeclarations } from '../../dist/emit/schema-to-ts.js';
import { prepareSchema } from '../../dist/plan/schema-types.js';

const schemas = (prefix: string) =>
  Array.from({ length: 6 }, (_, i) =>
    prepareSchema(
      {
        pointer: `/steps/${i}/result_schema`,
        schema: { type: 'object', required: ['id'], properties: { id: { type: 'string' }, tags: { type: 'array', items: { type: 'object', properties: { n: { type: 'integer' } } } } } },
      },
      `${prefix}Step${i}Result`,
    ),
  );

describe('precompileSchemas', () => {
  it('compiles half of a batch in a worker thread, with the same output as the main thread', async () => {
    const viaWorker = schemas('A');
    const errors: unknown[] = [];
    await precompileSchemas(viaWorker, { workerThreshold: 2, onWorkerError: (e) => errors.push(e) });
    expect(errors).toEqual([]);
    const inMain = schemas('A').map((s) => ({ ...s })); // distinct objects: not cached
    const expected = [];
    for (const s of inMain) expected.push(await schemaDeclarations(s));
    const actual = [];
    for (const s of viaWorker) actual.push(await schemaDeclarations(s));
    expect(actual).toEqual(expected);
    expect(actual[0]).toContain('export interface AStep0Result {');
    expect(actual[0]).toContain('tags?: AStep0ResultTag[]');
  });
});
