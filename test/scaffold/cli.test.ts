/** `template list` and `template info` through the CLI: output, JSON, filters, plugins and errors. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../helpers.js';
import { simpleTemplate, writePlugin } from './plugin-fixtures.js';

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = tempProject());
  writePlugin(dir, 'plugins/rails/tasker-cli-plugin', {
    name: 'rails',
    language: 'ruby',
    framework: 'rails',
    templates: { step_handler: simpleTemplate('step_handler') },
  });
  writePlugin(dir, 'plugins/mine', {
    name: 'mine',
    templates: { step_handler: simpleTemplate('step_handler'), report: simpleTemplate('report') },
  });
});
afterAll(() => cleanup());

const cli = (...args: string[]) => runCli(['template', ...args], { cwd: dir });

describe('template list', () => {
  it('lists the built-in templates', () => {
    const run = cli('list');
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const rows = run.stdout.split('\n');
    expect(rows[0]).toMatch(/^TEMPLATE\s+LANGUAGE\s+PLUGIN\s+DESCRIPTION$/);
    expect(rows.slice(1, 6).map((r) => r.split(/\s+/).slice(0, 3).join(' '))).toEqual([
      'step_handler typescript builtin',
      'step_handler_decision typescript builtin',
      'step_handler_batchable typescript builtin',
      'step_handler_api typescript builtin',
      'task_template typescript builtin',
    ]);
  });

  it('adds plugins found through --plugin-path, marks shadowed templates, filters by language and plugin', () => {
    const all = JSON.parse(cli('list', '--plugin-path', 'plugins', '--json').stdout) as Array<Record<string, string>>;
    expect(all.map((t) => `${t.plugin}/${t.name}/${t.language}${t.shadowedBy ? `<${t.shadowedBy}` : ''}`)).toEqual([
      'mine/step_handler/typescript',
      'mine/report/typescript',
      'rails/step_handler/ruby',
      'builtin/step_handler/typescript<mine',
      'builtin/step_handler_decision/typescript',
      'builtin/step_handler_batchable/typescript',
      'builtin/step_handler_api/typescript',
      'builtin/task_template/typescript',
    ]);
    expect(cli('list', '--plugin-path', 'plugins', '--language', 'ruby').stdout).toMatch(
      /^TEMPLATE\s+LANGUAGE\s+PLUGIN\s+DESCRIPTION\nstep_handler\s+ruby\s+rails\s+step_handler\n\nDetails/,
    );
    const builtins = JSON.parse(cli('list', '--plugin-path', 'plugins', '--plugin', 'builtin', '--json').stdout) as Array<
      Record<string, string>
    >;
    expect(new Set(builtins.map((t) => t.plugin))).toEqual(new Set(['builtin']));
    expect(builtins[0]).toMatchObject({ name: 'step_handler', shadowedBy: 'mine' });
    expect(cli('list', '--plugin-path', 'plugins').stdout).toContain('(shadowed by plugin mine)');
    expect(cli('list', '--language', 'cobol').stdout).toBe('No templates match; try without --language or --plugin.\n');
  });

  it('rejects an unknown plugin', () => {
    const run = cli('list', '--plugin', 'rail', '--plugin-path', 'plugins');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('tasker-ctl: unknown plugin "rail" (did you mean "rails"?); plugins: mine, rails, builtin\n');
  });
});

describe('template info', () => {
  it('shows parameters with required and default values, and outputs', () => {
    const run = cli('info', 'step_handler');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      '  name (required)\n      Handler name without a Handler suffix, e.g. ProcessPayment or process_payment\n      pattern: [A-Za-z][A-Za-z0-9_-]*\n',
    );
    expect(run.stdout).toContain('  callable (default: "{{ name | pascal_case }}Handler")\n');
    expect(run.stdout).toContain('  input (optional)\n');
    expect(run.stdout).toContain('Outputs:\n  {{ name | snake_case }}_handler.ts       from handler.ts.ejs\n');
    expect(run.stdout).toContain('tasker-ctl template generate step_handler --param name=<name> --output <dir>');
  });

  it('prints JSON', () => {
    const info = JSON.parse(cli('info', 'task_template', '--json').stdout) as {
      parameters: Array<{ name: string; required: boolean; default?: string }>;
      outputs: unknown[];
    };
    expect(info.parameters.map((p) => [p.name, p.required, p.default ?? null])).toEqual([
      ['name', true, null],
      ['namespace', true, 'default'],
      ['version', true, '1.0.0'],
      ['callable_prefix', true, '{{ namespace | pascal_case }}.{{ name | pascal_case }}'],
      ['runtime', true, 'tasker-ctl/runtime'],
    ]);
    expect(info.outputs).toHaveLength(3);
  });

  it('picks by plugin and language; explains ambiguity and unknown names in one line', () => {
    expect(cli('info', 'step_handler', '--plugin-path', 'plugins', '--language', 'ruby').stdout).toMatch(
      /^step_handler: step_handler\n\n {2}language {2}ruby\n {2}plugin {4}rails 0\.1\.0, framework rails\n/,
    );
    const ambiguous = cli('info', 'step_handler', '--plugin-path', 'plugins');
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toBe(
      'tasker-ctl: template "step_handler" exists for several languages (ruby, typescript); pick one with --language\n',
    );
    const unknown = cli('info', 'task-templat');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^tasker-ctl: unknown template "task-templat" \(did you mean "task_template"\?\); templates: /);
    expect(cli('info', 'task-template').code).toBe(0);
  });
});

describe('plugins from .config/tasker.toml', () => {
  it('[codegen] plugin_paths is searched after --plugin-path, relative to the project root', () => {
    const { dir: project, cleanup: done } = tempProject({ '.config/tasker.toml': '[codegen]\nplugin_paths = ["tools/plugins"]\n' });
    try {
      writePlugin(project, 'tools/plugins/team', {
        name: 'team',
        templates: { step_handler: simpleTemplate('step_handler'), report: simpleTemplate('report') },
      });
      writePlugin(project, 'cli-plugin', { name: 'cli', templates: { report: simpleTemplate('report') } });
      const rows = (args: string[]) =>
        (
          JSON.parse(runCli(['template', 'list', '--json', ...args], { cwd: `${project}/tools` }).stdout) as Array<Record<string, string>>
        ).map((t) => `${t.plugin}/${t.name}${t.shadowedBy ? `<${t.shadowedBy}` : ''}`);
      expect(rows([]).slice(0, 3)).toEqual(['team/step_handler', 'team/report', 'builtin/step_handler<team']);
      expect(rows(['--plugin-path', '../cli-plugin']).slice(0, 3)).toEqual(['cli/report', 'team/step_handler', 'team/report<cli']);
    } finally {
      done();
    }
  });
});
