/**
 * The handlers tasker-ctl generates for the whole real-world corpus
 * (../shared/corpus) pass the registry check with zero errors: the generator
 * and the checker agree on callables, `depends` (ancestors only) and `inputs`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateProject } from '../../src/app/generate.js';
import { loadTemplates } from '../../src/load/index.js';
import { checkRegistry, type RegistryCheckResult } from '../../src/registry/index.js';
import { CORPUS_DIR, tempProject } from '../helpers.js';

let project: ReturnType<typeof tempProject>;
let result: RegistryCheckResult;
beforeAll(async () => {
  project = tempProject();
  const generated = await generateProject([CORPUS_DIR], { cwd: project.dir, outDir: 'gen', mode: 'write' });
  expect(generated.summary.errors).toBe(0);
  result = await checkRegistry({ templates: [CORPUS_DIR], handlers: ['gen/handlers', 'gen/tasker.ts'], cwd: project.dir });
});
afterAll(() => project.cleanup());

describe('registry check on the generated corpus handlers', () => {
  it('reports zero errors and zero warnings', () => {
    const problems = result.diagnostics.filter((d) => d.severity !== 'info');
    expect(problems.map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual([]);
    expect(result.summary.errors).toBe(0);
  });

  it('finds one handler for every callable of the corpus, through the generated tasker.ts', () => {
    const corpus = loadTemplates([CORPUS_DIR]);
    const callables = new Set(corpus.templates.flatMap((t) => t.steps.map((s) => s.handler.callable)).filter(Boolean));
    const bound = new Set(result.scan.bindings.map((b) => b.callable));
    expect(bound).toEqual(callables);
    expect(result.scan.bindings).toHaveLength(callables.size);
    expect(result.scan.dynamic).toEqual([]);
    expect(result.scan.files).toContain('gen/tasker.ts');
  });

  it('only shared callables remain, as infos', () => {
    const infos = result.diagnostics.filter((d) => d.severity === 'info');
    expect(infos.length).toBeGreaterThan(0);
    expect(new Set(infos.map((d) => d.code))).toEqual(new Set(['shared-callable']));
    expect(infos.every((d) => d.file.startsWith('gen/handlers/'))).toBe(true);
  });
});
