import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../helpers.js';

const CLEAN = `name: order_flow
namespace_name: shop
version: 1.0.0
steps:
  - name: validate
    handler: { callable: Shop.Validate }
    result_schema: { type: object, properties: { ok: { type: boolean } } }
  - name: charge
    handler: { callable: Shop.Charge }
    dependencies: [validate]
    result_schema: { type: object, properties: { id: { type: string } } }
`;

const BROKEN = `name: order_flow
namespace_name: shop
version: 1.0.0
steps:
  - name: validate
    handler: { callable: Shop.Validate }
    result_schema: { type: object }
  - name: charge
    handler: { callable: Shop.Charge }
    dependencies: [validat]
    result_schema: { type: object }
  - name: ship
    handler: { callable: Shop.Ship }
    dependencies: [validate]
    result_schema: { type: object }
`;

const WARNING_ONLY = `name: order_flow
namespace_name: shop
version: 1.0.0
colour: blue
steps:
  - name: validate
    handler: { callable: Shop.Validate }
    result_schema: { type: object }
`;

let project: ReturnType<typeof tempProject>;
beforeAll(() => {
  project = tempProject({
    'clean.yaml': CLEAN,
    'broken.yaml': BROKEN,
    'warn.yaml': WARNING_ONLY,
    'nested/deep/more.yml': CLEAN,
    '.hidden/skip.yaml': BROKEN,
    'node_modules/x/skip.yaml': BROKEN,
  });
});
afterAll(() => project.cleanup());

describe('tasker-ctl validate templates', () => {
  it('exits 0 on clean templates and says so on stderr', () => {
    const run = runCli(['validate', 'templates', 'clean.yaml'], { cwd: project.dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('1 file checked, no problems');
  });

  it('exits 1 on errors with file:line:col, code, code frame and hint', () => {
    const run = runCli(['validate', 'templates', 'broken.yaml'], { cwd: project.dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('broken.yaml:10:20 error unknown-dependency');
    expect(run.stderr).toContain('> 10 |     dependencies: [validat]');
    expect(run.stderr).toContain('^^^^^^^');
    expect(run.stderr).toContain('hint: did you mean `validate`?');
    expect(run.stderr).not.toMatch(/\u001b\[/); // NO_COLOR is set by runCli
  });

  it('walks directories, skipping dot-folders and node_modules, in a stable order', () => {
    const run = runCli(['validate', 'templates', '.', '--format', 'json'], { cwd: project.dir });
    const report = JSON.parse(run.stdout);
    expect(report.summary.files).toBe(4);
    const files = [...new Set(report.diagnostics.map((d: { file: string }) => d.file))];
    expect(files).toEqual(['broken.yaml', 'warn.yaml']);
  });

  it('gives the same bytes whatever order paths are given in', () => {
    const a = runCli(['validate', 'templates', 'warn.yaml', 'broken.yaml', '--format', 'json'], { cwd: project.dir });
    const b = runCli(['validate', 'templates', 'broken.yaml', 'warn.yaml', 'broken.yaml', '--format', 'json'], { cwd: project.dir });
    expect(a.stdout).toBe(b.stdout);
  });

  it('prints the versioned JSON shape on stdout', () => {
    const run = runCli(['validate', 'templates', 'broken.yaml', '--format', 'json'], { cwd: project.dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout);
    expect(report.version).toBe(1);
    expect(report.summary).toEqual({ files: 1, errors: 1, warnings: 0, infos: 0 });
    expect(report.diagnostics[0]).toEqual({
      code: 'unknown-dependency',
      severity: 'error',
      message: 'step `charge` depends on `validat`, which is not a step of this template',
      hint: 'did you mean `validate`?',
      file: 'broken.yaml',
      line: 10,
      column: 20,
      endLine: 10,
      endColumn: 27,
      pointer: '/steps/1/dependencies/0',
    });
  });

  it('prints GitHub annotations', () => {
    const run = runCli(['validate', 'templates', 'broken.yaml', '--format', 'github'], { cwd: project.dir });
    expect(run.stdout).toBe(
      '::error file=broken.yaml,line=10,col=20,endLine=10,endColumn=27,title=unknown-dependency::step `charge` depends on `validat`, which is not a step of this template%0Adid you mean `validate`?\n',
    );
  });

  it('prints SARIF 2.1.0 with a rule per code', () => {
    const run = runCli(['validate', 'templates', 'broken.yaml', '--format', 'sarif'], { cwd: project.dir });
    const log = JSON.parse(run.stdout);
    expect(log.version).toBe('2.1.0');
    const { rules } = log.runs[0].tool.driver;
    expect(rules.map((r: { id: string }) => r.id)).toContain('dependency-cycle');
    const [result] = log.runs[0].results;
    expect(result.ruleId).toBe('unknown-dependency');
    expect(rules[result.ruleIndex].id).toBe('unknown-dependency');
    expect(result.level).toBe('error');
    expect(result.locations[0].physicalLocation.region).toEqual({ startLine: 10, startColumn: 20, endLine: 10, endColumn: 27 });
  });

  it('honours --fail-on and --quiet', () => {
    expect(runCli(['validate', 'templates', 'warn.yaml'], { cwd: project.dir }).code).toBe(0);
    expect(runCli(['validate', 'templates', 'warn.yaml', '--fail-on', 'warning'], { cwd: project.dir }).code).toBe(1);
    const quiet = runCli(['validate', 'templates', 'warn.yaml', '--quiet', '--format', 'json'], { cwd: project.dir });
    expect(JSON.parse(quiet.stdout).diagnostics).toEqual([]);
  });

  it('--quiet hides lines, never counts, and a failing run never shows ✔', () => {
    const run = runCli(['validate', 'templates', 'warn.yaml', '--fail-on', 'warning', '--quiet'], { cwd: project.dir });
    expect(run.code).toBe(1);
    expect(run.stderr).not.toContain('unknown-key');
    expect(run.stderr).not.toContain('✔');
    expect(run.stderr).toBe('✖ 0 errors, 1 warning, 0 infos in 1 file (1 not shown; run without --quiet to show it)\n');
  });

  it('counts infos without listing them unless --verbose, as eslint does', () => {
    const withInfo = tempProject({
      'info.yaml': CLEAN.replace('    result_schema: { type: object, properties: { id: { type: string } } }\n', ''),
    });
    try {
      const run = runCli(['validate', 'templates', 'info.yaml'], { cwd: withInfo.dir });
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('✔ 1 file checked, no errors or warnings, 1 info (1 not shown; --verbose to show it)\n');
      const verbose = runCli(['validate', 'templates', 'info.yaml', '--verbose'], { cwd: withInfo.dir });
      expect(verbose.stderr).toContain('info.yaml:8:11 info missing-result-schema');
      expect(verbose.stderr).toContain('✔ 1 file checked, no errors or warnings, 1 info\n');
      // Machine formats carry every finding.
      const json = runCli(['validate', 'templates', 'info.yaml', '--format', 'json'], { cwd: withInfo.dir });
      expect(JSON.parse(json.stdout).diagnostics.map((d: { code: string }) => d.code)).toEqual(['missing-result-schema']);
    } finally {
      withInfo.cleanup();
    }
  });

  it('finding no template is a usage error that names the paths; a FIFO is refused, not read', () => {
    const empty = tempProject({ 'empty/README.md': 'nothing here\n' });
    try {
      const run = runCli(['validate', 'templates', 'empty'], { cwd: empty.dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe('tasker-ctl: no template files (.yaml, .yml) found under empty\n');
      const generate = runCli(['generate', 'empty', '--out', 'gen'], { cwd: empty.dir });
      expect(generate.code).toBe(2);
      expect(existsSync(path.join(empty.dir, 'gen'))).toBe(false);
      if (process.platform !== 'win32') {
        execFileSync('mkfifo', [path.join(empty.dir, 'pipe.yaml')]);
        const fifo = runCli(['validate', 'templates', 'pipe.yaml'], { cwd: empty.dir });
        expect(fifo.code).toBe(2);
        expect(fifo.stderr).toBe('tasker-ctl: not a regular file or folder: pipe.yaml (a named pipe)\n');
      }
    } finally {
      empty.cleanup();
    }
  });

  it('`-` reads one template from stdin', () => {
    const clean = runCli(['validate', 'templates', '-'], { cwd: project.dir, input: CLEAN });
    expect(clean.code).toBe(0);
    expect(clean.stderr).toContain('✔ 1 file checked, no problems');
    const broken = runCli(['validate', 'templates', '-'], { cwd: project.dir, input: BROKEN });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('<stdin>:10:20 error unknown-dependency');
    const mixed = runCli(['validate', 'templates', '-', 'clean.yaml'], { cwd: project.dir, input: CLEAN });
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('cannot be combined with other paths');
  });

  it('exits 2 on usage errors, with one line and no stack trace', () => {
    const unknownFlag = runCli(['validate', 'templates', 'clean.yaml', '--bogus'], { cwd: project.dir });
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.stderr).toContain("unknown option '--bogus'");
    const missing = runCli(['validate', 'templates', 'nope.yaml'], { cwd: project.dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('tasker-ctl: path does not exist: nope.yaml\n');
    const badFormat = runCli(['validate', 'templates', 'clean.yaml', '--format', 'xml'], { cwd: project.dir });
    expect(badFormat.code).toBe(2);
    const noPaths = runCli(['validate', 'templates'], { cwd: project.dir });
    expect(noPaths.code).toBe(2);
  });

  it('colours output on a forced colour terminal only', () => {
    const coloured = runCli(['validate', 'templates', 'broken.yaml'], { cwd: project.dir, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(coloured.stderr).toMatch(/\u001b\[31m/);
    const plain = runCli(['validate', 'templates', 'broken.yaml'], { cwd: project.dir, env: { NO_COLOR: '1', FORCE_COLOR: '1' } });
    expect(plain.stderr).not.toMatch(/\u001b\[/);
  });

  it('prints the version and help without loading the generator stack', () => {
    const version = runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const help = runCli(['validate', 'templates', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--fail-on <severity>');
  });
});
