import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'smol-toml';
import { afterEach, describe, expect, it } from 'vitest';
import { loadProjectConfig, parseProjectConfig, starterConfig } from '../../src/config/index.js';
import { REPO_ROOT, runCli, tempProject } from '../helpers.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
function project(files: Record<string, string> = {}): string {
  const p = tempProject({ '.git/HEAD': '', ...files });
  cleanups.push(p.cleanup);
  return p.dir;
}
const configOf = (dir: string): string => readFileSync(path.join(dir, '.config/tasker.toml'), 'utf8');

describe('starterConfig', () => {
  it('is valid TOML and a valid configuration, with examples commented out', () => {
    const text = starterConfig();
    expect(parse(text)).toEqual({ codegen: { severities: {} } });
    const config = parseProjectConfig(text, '/p/.config/tasker.toml', '/p');
    expect(config).toMatchObject({ hasCodegenTable: true, severities: {}, overrides: [] });
    expect(text).toContain('# templates = ["config/tasks"]');
    expect(text).toContain('# [[codegen.overrides]]');
  });

  it('writes given values as settings', () => {
    const text = starterConfig({ templates: ['a', 'b "c"'], handlers: ['tsconfig.json'], out: 'gen', runtime: '@acme/rt' });
    expect(parse(text)).toEqual({
      codegen: { templates: ['a', 'b "c"'], handlers: ['tsconfig.json'], out: 'gen', runtime: '@acme/rt', severities: {} },
    });
  });
});

describe('tasker-ctl init', () => {
  it('writes .config/tasker.toml, filling in folders that exist', () => {
    const dir = project({ 'config/tasks/a.yaml': '', 'src/handlers/a.ts': '' });
    const run = runCli(['init'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('wrote .config/tasker.toml');
    const config = loadProjectConfig(dir);
    expect(config.templates?.value).toEqual([path.join(dir, 'config/tasks')]);
    expect(config.handlers?.value).toEqual([path.join(dir, 'src/handlers')]);
    expect(config.out).toBeUndefined();
  });

  it("takes templates from the worker configuration's [common.task_templates] search_paths, which then validate", () => {
    const template = readFileSync(path.join(REPO_ROOT, 'fixtures/templates/clean/ecommerce-order-processing.yaml'), 'utf8');
    const dir = project({
      'config/tasker/base/common.toml':
        '[common.database]\nurl = "x"\n\n[common.task_templates]\nsearch_paths = ["config/task_templates/**/*.{yml,yaml}"]\n',
      'config/task_templates/orders/order.yaml': template,
      'config/task_templates/orders/notes.txt': 'not a template',
      // A folder init would otherwise guess: the worker configuration wins.
      'config/tasks/other.yaml': 'not: [a template',
    });
    const run = runCli(['init'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      'tasker-ctl: templates = ["config/task_templates/**/*.{yml,yaml}"], from [common.task_templates] search_paths in config/tasker/base/common.toml',
    );
    expect(parse(configOf(dir))).toMatchObject({ codegen: { templates: ['config/task_templates/**/*.{yml,yaml}'] } });
    const validate = runCli(['validate', 'templates'], { cwd: path.join(dir, 'config') });
    expect(validate.code, validate.stderr).toBe(0);
    expect(validate.stderr).toContain('✔ 1 file checked');
  });

  it('reads the worker configuration TASKER_CONFIG_PATH names first', () => {
    const dir = project({
      'deploy/worker.toml': '[common.task_templates]\nsearch_paths = ["workflows/*.yaml"]\n',
      'worker.toml': '[common.task_templates]\nsearch_paths = ["elsewhere/*.yaml"]\n',
    });
    const run = runCli(['init', '--stdout'], { cwd: dir, env: { TASKER_CONFIG_PATH: 'deploy/worker.toml' } });
    expect(run.code).toBe(0);
    expect(parse(run.stdout)).toMatchObject({ codegen: { templates: ['workflows/*.yaml'] } });
  });

  it('records flags', () => {
    const dir = project();
    const run = runCli(
      ['init', '--templates', 'tasks', 'more', '--handlers', 'tsconfig.json', '--out', 'src/gen', '--runtime', '@acme/rt'],
      { cwd: dir },
    );
    expect(run.code).toBe(0);
    expect(parse(configOf(dir))).toMatchObject({
      codegen: { templates: ['tasks', 'more'], handlers: ['tsconfig.json'], out: 'src/gen', runtime: '@acme/rt' },
    });
  });

  it('says so when no template folder was found', () => {
    const dir = project();
    const run = runCli(['init'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('set `templates`');
    expect(configOf(dir)).toContain('# templates = ["config/tasks"]');
  });

  it('refuses to overwrite an existing [codegen] table (exit 2) and leaves the file alone', () => {
    const dir = project({ '.config/tasker.toml': '[codegen]\nout = "mine"\n' });
    const run = runCli(['init'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/\.config\/tasker\.toml already has a \[codegen\] table; init does not overwrite it/);
    expect(configOf(dir)).toBe('[codegen]\nout = "mine"\n');
  });

  it("appends the table to Tasker's own file, keeping its tables", () => {
    const original = '# Tasker configuration\n[cli]\nprofile = "dev"\n';
    const dir = project({ '.config/tasker.toml': original });
    const run = runCli(['init', '--templates', 'config/tasks'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('added a [codegen] table to .config/tasker.toml');
    const text = configOf(dir);
    expect(text.startsWith(`${original}\n`)).toBe(true);
    expect(parse(text)).toMatchObject({ cli: { profile: 'dev' }, codegen: { templates: ['config/tasks'] } });
    expect(runCli(['init'], { cwd: dir }).code).toBe(2);
  });

  it('refuses a malformed existing file with its position', () => {
    const dir = project({ '.config/tasker.toml': '[cli]\nprofile = \n' });
    const run = runCli(['init'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^tasker-ctl: \.config\/tasker\.toml:2:\d+: not valid TOML/);
  });

  it('--stdout prints the configuration and writes nothing', () => {
    const dir = project();
    const run = runCli(['init', '--stdout', '--out', 'gen'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('[codegen]');
    expect(run.stdout).toContain('out = "gen"');
    expect(existsSync(path.join(dir, '.config'))).toBe(false);
  });

  it('notes a configuration further up that the new one shadows', () => {
    const dir = project({ '.config/tasker.toml': '[codegen]\nout = "x"\n', 'packages/app/.keep': '' });
    const run = runCli(['init'], { cwd: path.join(dir, 'packages/app') });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/note: \.\.\/\.\.\/\.config\/tasker\.toml is further up/);
  });
});

describe('every command reads the configuration', () => {
  it('validate templates takes its paths and severities from it', () => {
    const dir = project({
      '.config/tasker.toml':
        '[codegen]\ntemplates = ["tasks"]\n[codegen.severities]\n"orphan-step" = "error"\n[[codegen.overrides]]\npaths = ["tasks/legacy/**"]\nseverities = { "orphan-step" = "off" }\n',
      'tasks/a.yaml':
        'name: a\nnamespace_name: n\nversion: 1.0.0\nsteps:\n  - name: one\n    handler: { callable: A.One }\n    result_schema: { type: object }\n  - name: two\n    handler: { callable: A.Two }\n    result_schema: { type: object }\n',
      'tasks/legacy/b.yaml':
        'name: b\nnamespace_name: n\nversion: 1.0.0\nsteps:\n  - name: one\n    handler: { callable: B.One }\n    result_schema: { type: object }\n  - name: two\n    handler: { callable: B.Two }\n    result_schema: { type: object }\n',
    });
    const run = runCli(['validate', 'templates', '--format', 'json'], { cwd: path.join(dir, 'tasks') });
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout) as { diagnostics: Array<{ code: string; severity: string; file: string }> };
    expect(json.diagnostics.map((d) => [d.code, d.severity, d.file])).toEqual([
      ['orphan-step', 'error', 'a.yaml'],
      ['orphan-step', 'error', 'a.yaml'],
    ]);
  });

  it('a malformed configuration stops any command with exit 2 and file:line:col', () => {
    const dir = project({ '.config/tasker.toml': '[codegen]\ntemplates = 3\n' });
    for (const args of [['validate', 'templates'], ['validate', 'registry'], ['validate']]) {
      const run = runCli(args, { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        'tasker-ctl: .config/tasker.toml:2:1: `codegen.templates` must be a path or a non-empty array of paths, found number 3\n',
      );
    }
  });

  it('flags override the configuration', () => {
    const dir = project({
      '.config/tasker.toml': '[codegen]\ntemplates = ["missing"]\n',
      'ok.yaml':
        'name: a\nnamespace_name: n\nversion: 1.0.0\nsteps:\n  - name: one\n    handler: { callable: A.One }\n    result_schema: { type: object }\n',
    });
    expect(runCli(['validate', 'templates', 'ok.yaml'], { cwd: dir }).code).toBe(0);
    const run = runCli(['validate', 'templates'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('path does not exist: missing');
  });
});
