/**
 * Generated code that compiles must also run. A consumer generated with
 * --with-tests from the project's fixtures and (when ../shared is there) the
 * whole corpus runs its own vitest: one hand-written test imports the
 * generated index (which imports every handler module, so a stub that throws
 * when defined fails here) and checks the registration against the
 * templates; every generated test must pass as generated. On both runtimes:
 * tasker-ctl/runtime always, the real SDK when a build of it is given
 * (TASKER_SDK_IMPL; see scripts/build-sdk-impl.sh).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTemplates } from '../../src/load/index.js';
import { type CliRun, CORPUS_PATHS, HAS_CORPUS, HAS_SDK_IMPL, HAS_SDK_REFERENCE, REPO_ROOT, SDK_IMPL } from '../helpers.js';
import { type Consumer, createConsumer, listFiles, type RuntimeName, runVitest, type VitestRun } from './consumer.js';

const TEMPLATES = ['fixtures/generate', 'fixtures/templates/clean', ...CORPUS_PATHS.map((p) => path.relative(REPO_ROOT, p))];

// One worker thread, modules shared between files: hundreds of small test files run in seconds.
const VITEST_CONFIG = `// Keeps vitest from picking up a config file of an enclosing folder.
export default { test: { include: ['src/**/*.test.ts'], testTimeout: 30000, pool: 'threads', isolate: false } };
`;

/** A test written by hand next to the generated ones: the index loads, and registers exactly the templates' callables. */
function registryTest(runtime: RuntimeName, templatePaths: string[]): string {
  return `import { describe, expect, it } from 'vitest';
import { HandlerRegistry } from '${runtime}';
import { loadTemplates, verifyCallables } from 'tasker-ctl/runtime';
import { handlers, registerAll } from '../index.js';

const { templates, diagnostics } = await loadTemplates(${JSON.stringify(templatePaths)});

describe('the generated registration index', () => {
  it('loads the templates', () => {
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(templates.length).toBeGreaterThan(0);
  });

  it('maps every callable to its handler class, named exactly as in the YAML', () => {
    const callables = [...new Set(templates.flatMap((t) => t.steps.map((s) => s.handler.callable)))].sort();
    expect(Object.keys(handlers).sort()).toEqual(callables);
    expect(Object.entries(handlers).filter(([callable, handler]) => handler.handlerName !== callable)).toEqual([]);
  });

  it("registers them in the runtime's own registry; the start-up check finds nothing missing or unused", () => {
    const report = verifyCallables(registerAll(new HandlerRegistry()), templates);
    expect(report.mismatches).toEqual([]);
    expect(report.ok).toBe(true);
  });
});
`;
}

interface VitestJson {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  testResults: Array<{
    name: string;
    status: string;
    message?: string;
    assertionResults: Array<{ fullName: string; status: string; failureMessages: string[] }>;
  }>;
}

const RUNTIMES: Array<{ runtime: RuntimeName; skip?: string }> = [
  { runtime: 'tasker-ctl/runtime' },
  {
    runtime: '@tasker-systems/tasker',
    skip: !HAS_SDK_REFERENCE
      ? '../shared/reference is not beside this clone'
      : !HAS_SDK_IMPL
        ? 'set TASKER_SDK_IMPL to a build of the SDK (scripts/build-sdk-impl.sh)'
        : undefined,
  },
];

for (const { runtime, skip } of RUNTIMES) {
  const scope = `${TEMPLATES.length - (HAS_CORPUS ? 1 : 0)} fixture folders${HAS_CORPUS ? ' and the corpus' : ' (corpus skipped: ../shared/corpus is not beside this clone)'}`;
  describe.skipIf(skip !== undefined)(`generated code runs on ${runtime}: ${scope}${skip ? ` [skipped: ${skip}]` : ''}`, () => {
    let consumer: Consumer;
    let generation: CliRun;
    let vitest: VitestRun;
    let report: VitestJson;
    let generatedTests: string[];

    beforeAll(() => {
      consumer = createConsumer({ runtime, ...(SDK_IMPL ? { sdkImpl: SDK_IMPL } : {}) });
      generation = consumer.generate(TEMPLATES, ['--with-tests', '--quiet']);
      generatedTests = listFiles(consumer.src).filter((f) => f.endsWith('.test.ts'));
      consumer.write('vitest.config.mjs', VITEST_CONFIG);
      consumer.write(
        'src/registry/registry.test.ts',
        registryTest(
          runtime,
          TEMPLATES.map((t) => path.join(REPO_ROOT, t)),
        ),
      );
      vitest = runVitest(consumer.dir);
      console.log(`[generated-tests] ${runtime}: vitest over ${generatedTests.length + 1} files: ${vitest.ms} ms`);
      report = JSON.parse(readFileSync(path.join(consumer.dir, 'vitest-report.json'), 'utf8')) as VitestJson;
    }, 600_000);

    afterAll(() => consumer?.cleanup());

    it('generation exits 0, targets the runtime, and creates a test beside every stub', () => {
      expect(generation.code, generation.stderr).toBe(0);
      expect(consumer.read('src/tasker.ts')).toContain(`from '${runtime}';`);
      const stubs = listFiles(path.join(consumer.src, 'handlers')).filter((f) => !f.endsWith('.test.ts'));
      const callables = new Set(
        loadTemplates(TEMPLATES, { cwd: REPO_ROOT }).templates.flatMap((t) => t.steps.map((s) => s.handler.callable)),
      );
      expect(stubs).toHaveLength(callables.size);
      expect(generatedTests).toHaveLength(callables.size);
    });

    it('vitest exits 0: the index imports every handler, and every generated test passes as generated', () => {
      const failures = report.testResults.flatMap((file) => [
        ...(file.status !== 'passed' && file.assertionResults.length === 0
          ? [`${path.relative(consumer.dir, file.name)}: ${file.message ?? file.status}`]
          : []),
        ...file.assertionResults
          .filter((a) => a.status !== 'passed')
          .map((a) => `${path.relative(consumer.dir, file.name)} > ${a.fullName}: ${a.failureMessages.join('\n')}`),
      ]);
      expect(failures.join('\n\n')).toBe('');
      expect(report.numFailedTests).toBe(0);
      expect(report.numTotalTests).toBe(generatedTests.length + 3);
      expect(report.numPassedTests).toBe(report.numTotalTests);
      expect(report.testResults).toHaveLength(generatedTests.length + 1);
      expect(vitest.status, vitest.output.slice(-3000)).toBe(0);
    });
  });
}
