/** `tasker-ctl validate registry` and bare `tasker-ctl validate`, through the built CLI. */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, REPO_ROOT, runCli, tempProject } from '../helpers.js';

const FORMS = path.join(REPO_ROOT, 'fixtures/registry/forms');
const FINDINGS = path.join(REPO_ROOT, 'fixtures/registry/findings');

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
function project(files: Record<string, string>): string {
  const p = tempProject({ '.git/HEAD': '', ...files });
  cleanups.push(p.cleanup);
  return p.dir;
}

const TEMPLATE = `name: orders
namespace_name: shop
version: 1.0.0
input_schema:
  type: object
  properties: { order_id: { type: string } }
steps:
  - name: validate
    handler: { callable: Shop.Validate }
    result_schema: { type: object, properties: { ok: { type: boolean } } }
  - name: charge
    handler: { callable: Shop.Charge }
    dependencies: [validate]
    result_schema: { type: object, properties: { id: { type: string } } }
`;
const handler = (callable: string, options = '{}') =>
  `import { defineHandler } from 'tasker-ctl/runtime';\nexport const H = defineHandler('${callable}', ${options}, async () => ({}));\n`;

describe('tasker-ctl validate registry', () => {
  it('exits 0 on a clean project', () => {
    const run = runCli(['validate', 'registry', '--templates', 'templates', '--handlers', 'src'], { cwd: FORMS });
    expect(run).toMatchObject({ code: 0, stdout: '' });
    expect(run.stderr).toContain('18 files checked, no problems');
  });

  it('exits 1 on errors, with code frames on both sides and notes for the other side', () => {
    const run = runCli(['validate', 'registry', '--templates', 'templates', '--handlers', 'handlers'], { cwd: FINDINGS });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('templates/orders.yaml:19:26 error missing-handler no handler for callable "Orders.Ship"');
    expect(run.stderr).toContain('> 19 |     handler: { callable: Orders.Ship }');
    expect(run.stderr).toContain('note: handlers/shipping.ts:3:42 handler "Orders.Shipp" is defined here');
    expect(run.stderr).toContain("> 3 | export const ShipHandler = defineHandler('Orders.Shipp', {}, async () => ({}));");
    expect(run.stderr).toContain('✖ 4 errors, 6 warnings, 1 info in 12 files');
  });

  it('prints JSON (version 1) with related locations on stdout', () => {
    const run = runCli(['validate', 'registry', '--templates', 'templates', '--handlers', 'handlers', '--format', 'json'], {
      cwd: FINDINGS,
    });
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout) as { version: number; summary: unknown; diagnostics: Array<{ code: string; related?: unknown[] }> };
    expect(json.version).toBe(1);
    expect(json.summary).toEqual({ files: 12, errors: 4, warnings: 6, infos: 1 });
    expect(json.diagnostics.find((d) => d.code === 'duplicate-handler')?.related).toEqual([
      { message: 'first handler of "Orders.Validate" (defineHandler ValidateHandler)', file: 'handlers/validate.ts', line: 4, column: 3 },
    ]);
  });

  it('prints GitHub annotations and SARIF', () => {
    const github = runCli(['validate', 'registry', '--templates', 'templates', '--handlers', 'handlers', '--format', 'github'], {
      cwd: FINDINGS,
    });
    expect(github.stdout).toContain(
      '::error file=templates/orders.yaml,line=19,col=26,endLine=19,endColumn=37,title=missing-handler::no handler for callable "Orders.Ship"',
    );
    expect(github.stdout).toContain('::notice file=handlers/audit.ts,line=5,col=33');
    const sarif = JSON.parse(
      runCli(['validate', 'registry', '--templates', 'templates', '--handlers', 'handlers', '--format', 'sarif'], { cwd: FINDINGS }).stdout,
    );
    const rules = sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id);
    expect(rules).toEqual(expect.arrayContaining(['missing-handler', 'duplicate-handler', 'unused-handler', 'shared-callable']));
    expect(sarif.runs[0].results).toHaveLength(11);
  });

  it('--fail-on warning fails on warnings; --quiet shows errors only', () => {
    const dir = project({
      'tasks/orders.yaml': TEMPLATE,
      'src/a.ts': handler('Shop.Validate'),
      'src/b.ts': handler('Shop.Charge'),
      'src/c.ts': handler('Shop.Unused'),
    });
    expect(runCli(['validate', 'registry', '--templates', 'tasks', '--handlers', 'src'], { cwd: dir }).code).toBe(0);
    expect(runCli(['validate', 'registry', '--templates', 'tasks', '--handlers', 'src', '--fail-on', 'warning'], { cwd: dir }).code).toBe(
      1,
    );
    const quiet = runCli(['validate', 'registry', '--templates', 'tasks', '--handlers', 'src', '-q'], { cwd: dir });
    expect(quiet.stderr).not.toContain('unused-handler');
  });

  it('takes paths, the runtime and severities from .config/tasker.toml', () => {
    const dir = project({
      '.config/tasker.toml': `[codegen]\ntemplates = "tasks"\nhandlers = ["src"]\nruntime = "@acme/runtime"\n[codegen.severities]\n"unused-handler" = "error"\n[[codegen.overrides]]\npaths = ["src/legacy/**"]\nseverities = { "unused-handler" = "off" }\n`,
      'tasks/orders.yaml': TEMPLATE,
      'src/a.ts': handler('Shop.Validate').replace('tasker-ctl/runtime', '@acme/runtime'),
      'src/b.ts': handler('Shop.Charge'),
      'src/c.ts': handler('Shop.Unused'),
      'src/legacy/d.ts': handler('Shop.Old'),
    });
    const run = runCli(['validate', 'registry', '--format', 'json'], { cwd: path.join(dir, 'src') });
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout) as { diagnostics: Array<{ code: string; severity: string; file: string }> };
    expect(json.diagnostics.map((d) => [d.code, d.severity, d.file])).toEqual([['unused-handler', 'error', 'c.ts']]);
    // Flags override the configuration.
    expect(runCli(['validate', 'registry', '--handlers', 'a.ts', 'b.ts'], { cwd: path.join(dir, 'src') }).code).toBe(0);
  });

  it('is a usage error (exit 2) without handler paths, or with one that does not exist', () => {
    const dir = project({ 'tasks/orders.yaml': TEMPLATE });
    const none = runCli(['validate', 'registry', '--templates', 'tasks'], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^tasker-ctl: no handler paths: pass --handlers <paths\.\.\.>/);
    const missing = runCli(['validate', 'registry', '--templates', 'tasks', '--handlers', 'nope'], { cwd: dir });
    expect(missing).toMatchObject({ code: 2, stderr: 'tasker-ctl: handler path does not exist: nope\n' });
    expect(runCli(['validate', 'registry', '--handlers', 'src'], { cwd: dir }).stderr).toMatch(/^tasker-ctl: no template paths/);
  });
});

describe('tasker-ctl validate (no sub-command)', () => {
  it('runs templates, registry and generated-file checks from the configuration', () => {
    const dir = project({
      '.config/tasker.toml': `[codegen]\ntemplates = ["tasks"]\nhandlers = ["gen/handlers", "gen/tasker.ts"]\nout = "gen"\n`,
      'tasks/orders.yaml': TEMPLATE,
    });
    expect(runCli(['generate', 'tasks', '--out', 'gen'], { cwd: dir }).code).toBe(0);
    const clean = runCli(['validate'], { cwd: dir });
    expect(clean.stderr).toMatch(/no problems/);
    expect(clean.code).toBe(0);

    // A stale generated file, a handler removed: one report, exit 1.
    const tasker = path.join(dir, 'gen/tasker.ts');
    writeFileSync(tasker, readFileSync(tasker, 'utf8').replace('export type Callable', '// edited\nexport type Callable'));
    const stubs = readdirSync(path.join(dir, 'gen/handlers'), { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.ts'));
    const charge = stubs.find((f) => readFileSync(path.join(dir, 'gen/handlers', f), 'utf8').includes("'Shop.Charge'"));
    expect(charge).toBe(path.join('shop', 'charge.ts'));
    rmSync(path.join(dir, 'gen/handlers', charge!));
    const chargeFile = `gen/handlers/${charge!.split(path.sep).join('/')}`;
    const run = runCli(['validate', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout) as { diagnostics: Array<{ code: string; file: string; message: string }> };
    expect(json.diagnostics.map((d) => `${d.code} ${d.file}`).sort()).toEqual([
      'missing-handler tasks/orders.yaml',
      `stale-generated-file ${chargeFile}`,
      'stale-generated-file gen/tasker.ts',
    ]);
    expect(json.diagnostics.find((d) => d.file === 'gen/tasker.ts')?.message).toMatch(/is out of date|edited/);
  });

  it('reports a template finding once, though the generated-file check validates the same templates', () => {
    const dir = project({ 'tasks/orders.yaml': TEMPLATE.replace('version: 1.0.0', 'version: "1.0"') });
    const run = runCli(['validate', '--templates', 'tasks', '--out', 'gen', '--format', 'json'], { cwd: dir });
    const codes = (JSON.parse(run.stdout) as { diagnostics: Array<{ code: string }> }).diagnostics.map((d) => d.code);
    expect(codes.filter((code) => code === 'non-semver-version')).toHaveLength(1);
    expect(codes).toContain('stale-generated-file');
  });

  it('checks templates only when no handlers and no output folder are configured', () => {
    const dir = project({ 'tasks/orders.yaml': TEMPLATE.replace('dependencies: [validate]', 'dependencies: [validat]') });
    const run = runCli(['validate', '--templates', 'tasks'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('unknown-dependency');
    expect(run.stderr).toContain(
      'tasker-ctl: note: not checked: the registry check (no handler paths: --handlers or [codegen] handlers); generated files (no output folder: --out or [codegen] out)',
    );
    expect(runCli(['validate', '--templates', 'tasks', '--format', 'json'], { cwd: dir }).stderr).toBe('');
  });

  it('rejects an unknown sub-command with a suggestion', () => {
    const run = runCli(['validate', 'registy']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "tasker-ctl: unknown command 'validate registy' (did you mean 'validate registry'?); sub-commands: templates, registry\n",
    );
  });
});

describe('lazy loading', () => {
  const probe = path.join(REPO_ROOT, 'bench/lib/module-probe.mjs');
  function loadsTsMorph(args: string[], cwd: string): boolean {
    const log = path.join(tmpdir(), `tasker-ctl-modules-${process.pid}-${Math.random().toString(36).slice(2)}.log`);
    cleanups.push(() => rmSync(log, { force: true }));
    const result = spawnSync(process.execPath, ['--import', probe, BIN, ...args], {
      cwd,
      env: { ...process.env, TASKER_BENCH_MODULE_LOG: log, NO_COLOR: '1' },
      encoding: 'utf8',
    });
    expect(result.status).not.toBe(3);
    const lines = readFileSync(log, 'utf8');
    expect(lines.length).toBeGreaterThan(0);
    return /[\\/]node_modules[\\/](ts-morph|typescript)[\\/]/.test(lines);
  }

  it('validate templates, --help and init --stdout never load ts-morph', () => {
    expect(loadsTsMorph(['validate', 'templates', 'templates'], FORMS)).toBe(false);
    expect(loadsTsMorph(['--help'], FORMS)).toBe(false);
    expect(loadsTsMorph(['validate', '--help'], FORMS)).toBe(false);
    expect(loadsTsMorph(['init', '--stdout'], FORMS)).toBe(false);
  });

  it('validate registry loads ts-morph, for the scan of the sources (the probe sees it)', () => {
    expect(loadsTsMorph(['validate', 'registry', '--templates', 'templates', '--handlers', 'src'], FORMS)).toBe(true);
  });
});
