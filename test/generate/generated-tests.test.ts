/**
 * The vitest tests generated with --with-tests pass as generated: a consumer
 * generated from rich_schemas.yaml, the clean fixtures and hostile_names.yaml
 * runs its own vitest. One extra hand-written test there registers every
 * generated handler in the runtime registry and verifies it against the
 * templates (names are the YAML callables, byte for byte; depends are valid).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTemplates } from '../../src/load/index.js';
import { REPO_ROOT, type CliRun } from '../helpers.js';
import { createConsumer, listFiles, runVitest, type Consumer, type VitestRun } from './consumer.js';

const TEMPLATES = ['fixtures/generate', 'fixtures/templates/clean'];

const VITEST_CONFIG = `// Keeps vitest from picking up a config file of an enclosing folder.
export default { test: { include: ['src/**/*.test.ts'], testTimeout: 30000 } };
`;

/** A test written by hand next to the generated ones: the registry sees exactly the templates' callables. */
function registryTest(templatePaths: string[]): string {
  return `import { describe, expect, it } from 'vitest';
import { HandlerRegistry, loadTemplates } from 'tasker-ctl/runtime';
import { handlers, registerAll } from '../index.js';

const { templates, diagnostics } = await loadTemplates(${JSON.stringify(templatePaths)});

describe('the generated registration index', () => {
  it('loads the templates', () => {
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(templates.length).toBeGreaterThan(0);
  });

  it('registers one handler per callable, named exactly as in the YAML', () => {
    const callables = [...new Set(templates.flatMap((t) => t.steps.map((s) => s.handler.callable)))].sort();
    expect(Object.keys(handlers).sort()).toEqual(callables);
    expect(Object.values(handlers).map((h) => h.handlerName).sort()).toEqual(callables);
  });

  it('verifies against the templates: no missing, unused, duplicate handler or invalid depends', () => {
    const report = registerAll(new HandlerRegistry({ templates })).verify();
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
  numTotalTestSuites: number;
  success: boolean;
  testResults: Array<{ name: string; status: string; assertionResults: Array<{ fullName: string; status: string; failureMessages: string[] }> }>;
}

describe('generated handler tests pass as generated', () => {
  let consumer: Consumer;
  let generation: CliRun;
  let vitest: VitestRun;
  let report: VitestJson;
  let generatedTests: string[];

  beforeAll(() => {
    consumer = createConsumer();
    generation = consumer.generate(TEMPLATES, ['--with-tests', '--quiet']);
    generatedTests = listFiles(consumer.src).filter((f) => f.endsWith('.test.ts'));
    consumer.write('vitest.config.mjs', VITEST_CONFIG);
    consumer.write('src/registry/registry.test.ts', registryTest(TEMPLATES.map((t) => path.join(REPO_ROOT, t))));
    vitest = runVitest(consumer.dir);
    console.log(`[generated-tests] vitest over ${generatedTests.length + 1} files: ${vitest.ms} ms`);
    report = JSON.parse(readFileSync(path.join(consumer.dir, 'vitest-report.json'), 'utf8')) as VitestJson;
  }, 600_000);

  afterAll(() => consumer?.cleanup());

  it('generation exits 0 and creates a test beside every stub', () => {
    expect(generation.code, generation.stderr).toBe(0);
    const stubs = listFiles(path.join(consumer.src, 'handlers')).filter((f) => !f.endsWith('.test.ts'));
    const callables = new Set(loadTemplates(TEMPLATES, { cwd: REPO_ROOT }).templates.flatMap((t) => t.steps.map((s) => s.handler.callable)));
    expect(stubs).toHaveLength(callables.size);
    expect(stubs.length).toBeGreaterThan(30);
    expect(generatedTests).toHaveLength(callables.size);
  });

  it('vitest exits 0 with every test passed (generated + registry checks)', () => {
    const failures = report.testResults.flatMap((file) =>
      file.assertionResults.filter((a) => a.status !== 'passed').map((a) => `${path.relative(consumer.dir, file.name)} > ${a.fullName}: ${a.failureMessages.join('\n')}`),
    );
    expect(failures.join('\n\n')).toBe('');
    expect(report.numFailedTests).toBe(0);
    expect(report.numTotalTests).toBe(generatedTests.length + 3);
    expect(report.numPassedTests).toBe(report.numTotalTests);
    expect(report.testResults).toHaveLength(generatedTests.length + 1);
    expect(vitest.status, vitest.output).toBe(0);
  });
});
