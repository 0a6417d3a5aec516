/**
 * The handlers tasker-ctl generates pass the registry check with zero errors:
 * the generator and the checker agree on callables, `depends` (ancestors only)
 * and `inputs`. Run on the project's own fixtures, and on the real-world
 * corpus (../shared/corpus) when it is there.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateProject } from '../../src/app/generate.js';
import { checkRegistry, type RegistryCheckResult } from '../../src/app/registry.js';
import { loadTemplates } from '../../src/load/index.js';
import { CORPUS_DIR, describeWithShared, REPO_ROOT, tempProject } from '../helpers.js';

const FIXTURES = ['fixtures/templates/clean', 'fixtures/generate'].map((p) => path.join(REPO_ROOT, p));

function registryCheckOfGeneratedHandlers(templates: string[]): void {
  let project: ReturnType<typeof tempProject>;
  let result: RegistryCheckResult;
  beforeAll(async () => {
    project = tempProject();
    const generated = await generateProject(templates, { cwd: project.dir, outDir: 'gen', mode: 'write' });
    expect(generated.summary.errors).toBe(0);
    result = await checkRegistry({ templates, handlers: ['gen/handlers', 'gen/tasker.ts'], cwd: project.dir });
  }, 120_000);
  afterAll(() => project.cleanup());

  it('reports zero errors and zero warnings', () => {
    const problems = result.diagnostics.filter((d) => d.severity !== 'info');
    expect(problems.map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual([]);
    expect(result.summary.errors).toBe(0);
  });

  it('finds one handler for every callable, through the generated tasker.ts', () => {
    const loaded = loadTemplates(templates);
    const callables = new Set(loaded.templates.flatMap((t) => t.steps.map((s) => s.handler.callable)).filter(Boolean));
    const bound = new Set(result.scan.bindings.map((b) => b.callable));
    expect(bound).toEqual(callables);
    expect(result.scan.bindings).toHaveLength(callables.size);
    expect(result.scan.dynamic).toEqual([]);
    expect(result.scan.files).toContain('gen/tasker.ts');
  });

  it('only shared callables remain, as infos', () => {
    const infos = result.diagnostics.filter((d) => d.severity === 'info');
    expect(new Set(infos.map((d) => d.code))).toEqual(new Set(infos.length > 0 ? ['shared-callable'] : []));
    expect(infos.every((d) => d.file.startsWith('gen/handlers/'))).toBe(true);
  });
}

describe('registry check on the handlers generated for the fixtures', () => registryCheckOfGeneratedHandlers(FIXTURES));
describeWithShared('corpus', 'registry check on the handlers generated for the real-world corpus', () =>
  registryCheckOfGeneratedHandlers([CORPUS_DIR]),
);
