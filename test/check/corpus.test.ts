/**
 * The real-world corpus (129 templates from the Tasker repository's test
 * fixtures) must load and validate without a single error.
 */
import { beforeAll, expect, it } from 'vitest';
import { validateTemplates } from '../../src/index.js';
import { CORPUS_DIR, describeWithShared } from '../helpers.js';

describeWithShared('corpus', 'real-world corpus', () => {
  // Loaded in beforeAll: a skipped describe still runs its body to collect the tests.
  let result: ReturnType<typeof validateTemplates>;
  beforeAll(() => {
    result = validateTemplates([CORPUS_DIR], { cwd: CORPUS_DIR });
  });

  it('reads all 129 files', () => {
    expect(result.files).toHaveLength(129);
  });

  it('loads one template per file', () => {
    expect(result.templates).toHaveLength(129);
  });

  it('reports no errors', () => {
    const errors = result.diagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`);
    expect(errors, `errors in the corpus:\n${errors.join('\n')}`).toEqual([]);
    expect(result.summary.errors).toBe(0);
  });
});
