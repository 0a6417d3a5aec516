/**
 * Adopting an existing app: `generate --handlers` makes no stubs for handlers
 * the app has, and `adopt` moves the handlers' DSL imports to the typed layer,
 * after which tsc reports exactly the places where the code disagrees with
 * the templates (marked `// Disagrees with the template` in fixtures/sdk-app).
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Project, SyntaxKind } from 'ts-morph';
import { afterAll, describe, expect, it } from 'vitest';
import { CONSUMER_TSCONFIG, formatDiagnostics, runTsc, type TscDiagnostic } from '../generate/consumer.js';
import { describeWithShared, REPO_ROOT, runCli, SDK_REFERENCE_DIR, tempProject } from '../helpers.js';

const APP = path.join(REPO_ROOT, 'fixtures/sdk-app');
const MARKER = '// Disagrees with the template';

/** The app in a temp folder, with node_modules linking tasker-ctl and (for the SDK) the reference declarations. */
function appCopy(runtime: 'sdk' | 'tasker-ctl'): { dir: string; cleanup: () => void } {
  const { dir, cleanup } = tempProject({ 'tsconfig.json': JSON.stringify(CONSUMER_TSCONFIG, null, 2) });
  cpSync(APP, dir, { recursive: true });
  mkdirSync(path.join(dir, 'node_modules/@tasker-systems'), { recursive: true });
  symlinkSync(REPO_ROOT, path.join(dir, 'node_modules/tasker-ctl'), 'dir');
  if (runtime === 'sdk') symlinkSync(SDK_REFERENCE_DIR, path.join(dir, 'node_modules/@tasker-systems/tasker'), 'dir');
  else {
    // The same app written for tasker-ctl/runtime (which follows the SDK's API).
    for (const file of sourceFiles(dir))
      writeFileSync(file, readFileSync(file, 'utf8').replaceAll("'@tasker-systems/tasker'", "'tasker-ctl/runtime'"));
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'refunds-worker', private: true, type: 'module' }));
  }
  return { dir, cleanup };
}

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(dir, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((rel) => rel.endsWith('.ts'))
    .map((rel) => path.join(dir, 'src', rel))
    .sort();
}

/** `file:line` of every line below a marker (the line tsc reports); `all` includes those found only once casts go. */
function expectedErrors(dir: string, all: boolean): string[] {
  const expected: string[] = [];
  for (const file of sourceFiles(dir)) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        if (line.trim().startsWith(MARKER) && (all || !line.includes('once the cast goes')))
          expected.push(`${path.relative(dir, file).split(path.sep).join('/')}:${index + 2}`);
      });
  }
  return expected.sort();
}

const at = (diagnostics: readonly TscDiagnostic[]) => [...new Set(diagnostics.map((d) => `${d.file}:${d.line}`))].sort();

/** Removes every cast of an identifier (`order as Order` → `order`): what adopting makes possible. */
function removeCasts(dir: string): number {
  const project = new Project({ skipAddingFilesFromTsConfig: true });
  let removed = 0;
  for (const file of sourceFiles(dir).filter((f) => f.includes(`${path.sep}handlers${path.sep}`))) {
    const source = project.addSourceFileAtPath(file);
    for (const cast of source.getDescendantsOfKind(SyntaxKind.AsExpression).reverse()) {
      if (cast.getExpression().getKind() !== SyntaxKind.Identifier) continue;
      cast.replaceWithText(cast.getExpression().getText());
      removed++;
    }
    source.saveSync();
  }
  return removed;
}

function adoptScenario(runtime: 'sdk' | 'tasker-ctl'): void {
  const { dir, cleanup } = appCopy(runtime);
  afterAll(cleanup);
  const module = runtime === 'sdk' ? '@tasker-systems/tasker' : 'tasker-ctl/runtime';

  it('compiles as it is, casts and all', () => {
    const tsc = runTsc(dir);
    expect(tsc.diagnostics, formatDiagnostics(tsc.diagnostics)).toEqual([]);
  });

  it('generate with the configured handlers makes no stubs and the index imports the existing handlers', () => {
    const run = runCli(['generate'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`runtime ${module}`);
    expect(readdirSync(path.join(dir, 'src/tasker')).sort()).toEqual(['contracts', 'index.ts', 'tasker.ts']);
    const index = readFileSync(path.join(dir, 'src/tasker/index.ts'), 'utf8');
    expect(index).toContain("import { LoadOrderHandler as PaymentsLoadOrderHandler } from '../handlers/orders.js';");
    expect(index).toContain("import { RouteRefundHandler as PaymentsRouteRefundHandler } from '../handlers/refunds.js';");
    // Until adopted, the handlers are untyped; the app still compiles.
    const tsc = runTsc(dir);
    expect(tsc.diagnostics, formatDiagnostics(tsc.diagnostics)).toEqual([]);
  });

  it('adopt --dry-run prints the diff and writes nothing', () => {
    const before = sourceFiles(dir).map((f) => readFileSync(f, 'utf8'));
    const run = runCli(['adopt', '--dry-run'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('--- a/src/handlers/refunds.ts');
    expect(run.stdout).toContain(`-import { Decision, defineDecisionHandler, defineHandler, type StepContext } from '${module}';`);
    expect(run.stdout).toContain(
      "+import { Decision, defineDecisionHandler, defineHandler, type StepContext } from '../tasker/tasker.js';",
    );
    expect(run.stderr).toContain('2 files would change, 1 unchanged');
    expect(sourceFiles(dir).map((f) => readFileSync(f, 'utf8'))).toEqual(before);
  });

  it('adopt rewrites the imports only; tsc then reports every disagreement with the templates, and nothing else', () => {
    const before = new Map(sourceFiles(dir).map((f) => [f, readFileSync(f, 'utf8')]));
    const run = runCli(['adopt'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('rewrote src/handlers/orders.ts: PermanentError, defineHandler from ../tasker/tasker.js');
    for (const [file, text] of before) {
      const after = readFileSync(file, 'utf8');
      const changed = text.split('\n').filter((line, i) => line !== after.split('\n')[i]);
      expect(
        changed.every((line) => line.startsWith('import ')),
        `${file}: ${changed.join('\n')}`,
      ).toBe(true);
    }
    // The worker's own imports (HandlerRegistry) stay on the runtime.
    expect(readFileSync(path.join(dir, 'src/worker.ts'), 'utf8')).toContain(`import { HandlerRegistry } from '${module}';`);
    const tsc = runTsc(dir);
    expect(at(tsc.diagnostics), formatDiagnostics(tsc.diagnostics)).toEqual(expectedErrors(dir, false));
    expect(formatDiagnostics(tsc.diagnostics)).toMatch(/"auto_refunds".*is not one of/);
    // Run again: nothing left to move.
    const again = runCli(['adopt'], { cwd: dir });
    expect(again.stderr).toContain('0 files changed, 3 unchanged');
  });

  it('the casts the app needed can go: without them tsc reports the same places, plus what the casts hid', () => {
    expect(removeCasts(dir)).toBeGreaterThan(8);
    const tsc = runTsc(dir);
    expect(at(tsc.diagnostics), formatDiagnostics(tsc.diagnostics)).toEqual(expectedErrors(dir, true));
    expect(formatDiagnostics(tsc.diagnostics)).toMatch(/TS2367.*"lost"/);
  });
}

describe('adopting an app on tasker-ctl/runtime (fixtures/sdk-app, imports switched)', () => adoptScenario('tasker-ctl'));

describeWithShared('sdk', 'adopting fixtures/sdk-app on the SDK (../shared/reference)', () => adoptScenario('sdk'));

describe('adopt: import forms', () => {
  const { dir, cleanup } = tempProject({
    'package.json': JSON.stringify({ name: 'forms', private: true, type: 'module' }),
    'tpl/one.yaml': 'name: one\nnamespace_name: forms\nversion: 1.0.0\nsteps:\n  - name: only\n    handler:\n      callable: Forms.Only\n',
    'src/handlers/aliased.ts': [
      'import { defineHandler as define, HandlerRegistry } from "tasker-ctl/runtime";',
      'import type { StepContext, BatchConfig } from "tasker-ctl/runtime";',
      'export const Only = define("Forms.Only", {}, async () => ({}));',
      'export const registry = new HandlerRegistry();',
      'export type Used = [StepContext, BatchConfig];',
      '',
    ].join('\n'),
    'src/handlers/namespace.ts':
      "import * as tasker from 'tasker-ctl/runtime';\nexport const Other = tasker.defineHandler('Forms.Other', {}, async () => ({}));\n",
    'src/handlers/merged.ts':
      "import { Decision } from './tasker-layer';\nimport { defineHandler } from 'tasker-ctl/runtime';\nexport const handlers = [Decision, defineHandler];\n",
  });
  afterAll(cleanup);

  it('keeps aliases, type-only imports and the file’s quotes; leaves namespace imports alone with a note', () => {
    expect(runCli(['generate', 'tpl', '--out', 'src/tasker', '--handlers', 'src/handlers'], { cwd: dir }).code).toBe(0);
    const run = runCli(['adopt', 'src/handlers', '--out', 'src/tasker'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'src/handlers/aliased.ts'), 'utf8').split('\n').slice(0, 4)).toEqual([
      'import { HandlerRegistry } from "tasker-ctl/runtime";',
      'import { defineHandler as define } from "../tasker/tasker.js";',
      'import type { StepContext, BatchConfig } from "../tasker/tasker.js";',
      'export const Only = define("Forms.Only", {}, async () => ({}));',
    ]);
    expect(run.stderr).toMatch(/src\/handlers\/namespace\.ts:1: `import \* as tasker` from tasker-ctl\/runtime left alone/);
    // Relative imports without extensions (Bundler resolution): the layer is imported the same way.
    expect(readFileSync(path.join(dir, 'src/handlers/merged.ts'), 'utf8')).toContain("import { defineHandler } from '../tasker/tasker';");
  });

  it('without a typed layer in --out it is a usage error that says to generate first', () => {
    const run = runCli(['adopt', 'src/handlers', '--out', 'src/nowhere'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'no typed layer in src/nowhere (tasker.ts): run `tasker-ctl generate <templates> --out src/nowhere` first',
    );
  });
});

describe('generate --handlers', () => {
  const { dir, cleanup } = tempProject({
    'package.json': JSON.stringify({ name: 'hidden', private: true, type: 'module' }),
    'tpl/two.yaml':
      'name: two\nnamespace_name: forms\nversion: 1.0.0\nsteps:\n  - name: first\n    handler:\n      callable: Forms.Hidden\n  - name: second\n    handler:\n      callable: Forms.New\n',
    'src/handlers/hidden.ts':
      "import { defineHandler } from 'tasker-ctl/runtime';\nconst Hidden = defineHandler('Forms.Hidden', {}, async () => ({}));\nvoid Hidden;\n",
  });
  afterAll(cleanup);

  it('makes stubs only for callables no handler implements, and warns at a handler the index cannot import', () => {
    const run = runCli(['generate', 'tpl', '--out', 'src/tasker', '--handlers', 'src/handlers'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout + run.stderr).toMatch(/src\/handlers\/hidden\.ts:2:\d+.*warning.*the handler for `Forms.Hidden` is not exported/);
    expect(readdirSync(path.join(dir, 'src/tasker/handlers/forms'))).toEqual(['new.ts']);
    const index = readFileSync(path.join(dir, 'src/tasker/index.ts'), 'utf8');
    expect(index).not.toContain('Hidden');
    expect(index).toContain("'Forms.New'");
  });

  it('a handler path that does not exist is a usage error', () => {
    const run = runCli(['generate', 'tpl', '--out', 'src/tasker', '--handlers', 'src/nope'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('handler path does not exist: src/nope');
  });
});
