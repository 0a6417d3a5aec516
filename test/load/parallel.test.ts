/**
 * Loading on two threads gives exactly what one thread gives: same templates
 * in the same order, same diagnostics, same positions (also inside schemas,
 * whose ranges are filled on demand after the transfer). Uses dist/: the
 * worker runs compiled JavaScript.
 */
import { describe, expect, it } from 'vitest';
import { loadTemplates } from '../../dist/load/index.js';
import { loadTemplatesParallel } from '../../dist/load/parallel.js';
import { CORPUS_DIR, REPO_ROOT } from '../helpers.js';

describe('loadTemplatesParallel', () => {
  it('matches the sequential loader on the corpus and the fixtures', async () => {
    const paths = [CORPUS_DIR, `${REPO_ROOT}/fixtures/templates`];
    const errors: unknown[] = [];
    const parallel = await loadTemplatesParallel(paths, { cwd: REPO_ROOT, workerThreshold: 0, onWorkerError: (e: unknown) => errors.push(e) });
    const sequential = loadTemplates(paths, { cwd: REPO_ROOT });
    expect(errors).toEqual([]);
    expect(parallel.files).toEqual(sequential.files);
    expect(parallel.diagnostics).toEqual(sequential.diagnostics);
    expect([...parallel.sources.keys()]).toEqual([...sequential.sources.keys()]);
    const shape = (r: typeof sequential) => r.templates.map((t) => ({ file: t.source.file, doc: t.source.documentIndex, name: t.name, steps: t.steps.map((s) => s.name), raw: t.raw }));
    expect(shape(parallel)).toEqual(shape(sequential));
    // Positions, including one inside a schema (filled on demand on either side).
    const withSchema = sequential.templates.findIndex((t) => t.inputSchema);
    const pointer = `${sequential.templates[withSchema]!.inputSchema!.pointer}/type`;
    expect(parallel.templates[withSchema]!.source.position(pointer)).toEqual(sequential.templates[withSchema]!.source.position(pointer));
    expect(parallel.templates[withSchema]!.source.position('/steps/0/name')).toEqual(sequential.templates[withSchema]!.source.position('/steps/0/name'));
  });
});
