/**
 * Tasker's plugin format unchanged: Tera templates (fixtures/plugins/tera-demo),
 * remotes from a local git repository (no network), `plugin list` and
 * `plugin validate` (fixtures/plugins/broken: one template per problem).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli, tempProject } from '../helpers.js';

const DEMO = path.join(REPO_ROOT, 'fixtures/plugins/tera-demo');
const _BROKEN = path.join(REPO_ROOT, 'fixtures/plugins/broken');

describe('Tera templates', () => {
  const project = tempProject();
  afterAll(project.cleanup);
  const generate = (out: string, ...params: string[]) =>
    runCli(
      [
        'template',
        'generate',
        'step_handler',
        '--plugin-path',
        DEMO,
        '--plugin',
        'tera-demo',
        '-o',
        out,
        ...params.flatMap((p) => ['--param', p]),
      ],
      { cwd: project.dir },
    );
  const read = (rel: string) => readFileSync(path.join(project.dir, rel), 'utf8');

  it('renders filters, set, if/else, for with loop variables, comments and whitespace control; filename and subdir patterns', () => {
    const run = generate('a', 'name=ProcessOrder', 'depends=validate_cart, chargeCard');
    expect(run.code, run.stderr).toBe(0);
    expect(read('a/handlers/process_order_handler.py')).toBe(
      [
        '"""ProcessOrder step handler (processOrder, process-order)."""',
        '',
        'def process_order(context):',
        '    """Reads 2 dependencies."""',
        '',
        '    # depends on 1: validate_cart',
        '    # depends on 2: charge_card (last)',
        '    return {"handler": "process_order"}',
        '',
      ].join('\n'),
    );
    expect(read('a/tests/handlers/test_process_order_handler.py')).toBe(
      'from handlers.process_order_handler import process_order\n# PROCESSINVOICE / no default needed\n',
    );
  });

  it('takes the other branch, and applies case filters to patterns (subdir from a parameter)', () => {
    expect(generate('b', 'name=HTTPServer2Go', 'style=class', 'module_name=MyHandlers').code).toBe(0);
    expect(read('b/my_handlers/http_server2_go_handler.py')).toContain('class HttpServer2GoHandler:\n    handler_name = "http_server2_go"');
    expect(read('b/tests/my-handlers/test_http_server2_go_handler.py')).toBe(
      'from my_handlers.http_server2_go_handler import HttpServer2GoHandler\n# HTTPSERVER2GO / no default needed\n',
    );
  });

  it('keeps the safety of ejs plugins: no overwrite without --force, parameters checked with "did you mean"', () => {
    const again = generate('a', 'name=ProcessOrder');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('refusing to overwrite');
    const typo = generate('c', 'nme=ProcessOrder');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('unknown parameter "nme"');
  });
});

describe('Tera in template.toml patterns', () => {
  it('a filename with Tera tags renders as Tera; its output is still checked to stay inside --output', () => {
    const project = tempProject({
      'p/tasker-plugin.toml': '[plugin]\nname = "p"\nlanguage = "python"\n[[templates]]\nname = "t"\npath = "t"\n',
      'p/t/template.toml':
        'name = "t"\n[[parameters]]\nname = "name"\nrequired = true\n[[parameters]]\nname = "style"\ndefault = "plain"\n' +
        '[[outputs]]\ntemplate = "out.py.tera"\nfilename = "{% if style == \'class\' %}{{ name | snake_case }}_class{% else %}{{ name }}{% endif %}.py"\n',
      'p/t/out.py.tera': '# {{ name }}\n',
    });
    try {
      const generate = (...params: string[]) =>
        runCli(['template', 'generate', 't', '--plugin-path', 'p', '-o', 'out', ...params.flatMap((x) => ['--param', x])], {
          cwd: project.dir,
        });
      expect(generate('name=ProcessOrder').code).toBe(0);
      expect(existsSync(path.join(project.dir, 'out/ProcessOrder.py'))).toBe(true);
      expect(generate('name=ProcessOrder', 'style=class').code).toBe(0);
      expect(existsSync(path.join(project.dir, 'out/process_order_class.py'))).toBe(true);
      const escaping = generate('name=../x');
      expect(escaping.code).toBe(2);
      expect(escaping.stderr).toContain('every output must stay inside the output folder');
    } finally {
      project.cleanup();
    }
  });
});

describe('tasker-ctl plugin validate', () => {
  it('reports each kind of problem of a broken plugin, positioned, and exits 1', () => {
    const run = runCli(['plugin', 'validate', 'fixtures/plugins/broken', '--format', 'json']);
    expect(run.code).toBe(1);
    const { diagnostics } = JSON.parse(run.stdout) as {
      diagnostics: Array<{ code: string; file: string; line: number; column: number; message: string }>;
    };
    expect(diagnostics.map((d) => `${d.code} ${d.file}:${d.line}:${d.column}`)).toEqual([
      'plugin-manifest fixtures/plugins/broken/templates/bad_toml/template.toml:2:22',
      'plugin-unreadable-file fixtures/plugins/broken/templates/missing_file/template.toml:10:1',
      'plugin-undefined-variable fixtures/plugins/broken/templates/undefined_variable/out.py.tera:3:6',
      'plugin-unknown-filter fixtures/plugins/broken/templates/unknown_filter/out.py.tera:2:16',
      'plugin-unsafe-output-path fixtures/plugins/broken/templates/unsafe_path/template.toml:11:1',
    ]);
    expect(diagnostics.find((d) => d.code === 'plugin-undefined-variable')!.message).toBe(
      '`handler_callable` is not defined (pass it as a parameter, or give it a default)',
    );
    expect(diagnostics.find((d) => d.code === 'plugin-unknown-filter')!.message).toBe('unknown filter `shouty_case`');
  });

  it('passes a sound plugin, rendering every template with sample values', () => {
    const run = runCli(['plugin', 'validate', path.relative(REPO_ROOT, DEMO)]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('1 template rendered with sample values');
  });

  it('a path without a plugin is reported, not thrown', () => {
    const run = runCli(['plugin', 'validate', 'fixtures/templates']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('plugin-unreadable-file');
  });
});

describe('remotes from a local git repository', () => {
  const project = tempProject();
  const repo = path.join(project.dir, 'contrib-repo');
  const cache = path.join(project.dir, 'cache');
  const work = path.join(project.dir, 'app');
  const env = {
    XDG_CACHE_HOME: cache,
    GIT_AUTHOR_NAME: 't',
    GIT_AUTHOR_EMAIL: 't@example.com',
    GIT_COMMITTER_NAME: 't',
    GIT_COMMITTER_EMAIL: 't@example.com',
  };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, env: { ...process.env, ...env }, encoding: 'utf8' });
  const handlerTemplate = path.join(repo, 'python/tasker-cli-plugin/templates/step_handler/handler.py.tera');
  const configure = (cli: string) => writeFileSync(path.join(work, '.config/tasker.toml'), `[cli]\n${cli}\n`);
  const run = (...args: string[]) => runCli(args, { cwd: work, env });
  const remote = (url: string, name = 'contrib') => `[[cli.remotes]]\nname = "${name}"\nurl = "${url}"\n`;
  const url = () => `file://${repo}`;

  beforeAll(() => {
    mkdirSync(path.join(repo, 'python'), { recursive: true });
    cpSync(DEMO, path.join(repo, 'python/tasker-cli-plugin'), { recursive: true });
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-qm', 'plugins');
    mkdirSync(path.join(work, '.config'), { recursive: true });
  });
  afterAll(project.cleanup);

  it("clones a configured remote on first use and renders Tasker's guide command from it", () => {
    configure(remote(url()));
    const first = run('template', 'generate', 'step_handler', '--language', 'python', '--param', 'name=ProcessOrder');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain(`fetched ${url()} into the cache`);
    expect(readFileSync(path.join(work, 'handlers/process_order_handler.py'), 'utf8')).toContain('def process_order(context):');
    expect(existsSync(path.join(work, 'tests/handlers/test_process_order_handler.py'))).toBe(true);
    expect(existsSync(path.join(cache, 'tasker-ctl/remotes/contrib/.tasker-last-fetch'))).toBe(true);
  });

  it('uses the cached copy while it is fresh, and fetches again with --refresh', () => {
    writeFileSync(handlerTemplate, `${readFileSync(handlerTemplate, 'utf8')}# revision 2\n`);
    git('commit', '-qam', 'revision 2');
    const cached = run('template', 'generate', 'step_handler', '--language', 'python', '--param', 'name=Cached', '-o', 'cached');
    expect(cached.code, cached.stderr).toBe(0);
    expect(cached.stderr).not.toContain('fetched');
    expect(readFileSync(path.join(work, 'cached/handlers/cached_handler.py'), 'utf8')).not.toContain('# revision 2');
    const refreshed = run(
      'template',
      'generate',
      'step_handler',
      '--language',
      'python',
      '--param',
      'name=Refreshed',
      '-o',
      'refreshed',
      '--refresh',
    );
    expect(refreshed.code, refreshed.stderr).toBe(0);
    expect(readFileSync(path.join(work, 'refreshed/handlers/refreshed_handler.py'), 'utf8')).toContain('# revision 2');
  });

  it('refreshes a copy older than cache-max-age-hours by itself', () => {
    writeFileSync(handlerTemplate, `${readFileSync(handlerTemplate, 'utf8')}# revision 3\n`);
    git('commit', '-qam', 'revision 3');
    configure(`cache-max-age-hours = 0\n${remote(url())}`);
    expect(run('template', 'generate', 'step_handler', '--language', 'python', '--param', 'name=Stale', '-o', 'stale').code).toBe(0);
    expect(readFileSync(path.join(work, 'stale/handlers/stale_handler.py'), 'utf8')).toContain('# revision 3');
  });

  it('offline with a cache: uses it and says so; offline without one: a clear error naming the URL', () => {
    const gone = `file://${path.join(project.dir, 'no-such-repo')}`;
    configure(`cache-max-age-hours = 0\n${remote(gone)}${remote(gone, 'never-fetched')}`);
    const offline = run('template', 'generate', 'step_handler', '--remote', 'contrib', '--param', 'name=Offline', '-o', 'offline');
    expect(offline.code, offline.stderr).toBe(0);
    expect(offline.stderr).toMatch(
      /remote "contrib": could not refresh from file:\/\/.*no-such-repo .*; using the copy cached at \d{4}-\d\d-\d\d \d\d:\d\d UTC/,
    );
    const none = run('template', 'list', '--remote', 'never-fetched');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(`cannot fetch remote "never-fetched" from ${gone}`);
    expect(none.stderr).toContain('there is no cached copy to use offline');
    const unknown = run('template', 'list', '--remote', 'contrb');
    expect(unknown).toMatchObject({ code: 2 });
    expect(unknown.stderr).toContain('unknown remote "contrb" (did you mean "contrib"?)');
  });

  it('--url reads an unconfigured repository; default-language and default-output-dir apply', () => {
    configure(`default-language = "python"\ndefault-output-dir = "generated"\n${remote(url())}`);
    const list = JSON.parse(run('template', 'list', '--url', url(), '--json').stdout) as Array<{
      name: string;
      plugin: string;
      source: string;
    }>;
    expect(list).toEqual([expect.objectContaining({ name: 'step_handler', plugin: 'tera-demo', source: url() })]);
    // step_handler exists built in (typescript) and in the remote (python): the default language picks.
    const run1 = run('template', 'generate', 'step_handler', '--param', 'name=Defaults');
    expect(run1.code, run1.stderr).toBe(0);
    expect(existsSync(path.join(work, 'generated/handlers/defaults_handler.py'))).toBe(true);
  });

  it('plugin list shows every plugin with its language, source and templates', () => {
    const rows = JSON.parse(run('plugin', 'list', '--json').stdout) as Array<{
      name: string;
      language: string;
      source: string;
      templates: string[];
    }>;
    expect(rows.map((r) => [r.name, r.language, r.source])).toEqual([
      ['builtin', 'typescript', 'built in'],
      ['tera-demo', 'python', 'remote contrib'],
    ]);
    expect(rows[1]!.templates).toEqual(['step_handler']);
  });
});

describe('tasker-ctl init and the tasker-contrib remote', () => {
  it('offers it by default, and leaves it out with --no-contrib', () => {
    const project = tempProject({ 'config/tasks/a.yaml': 'name: a\n' });
    try {
      expect(runCli(['init'], { cwd: project.dir }).code).toBe(0);
      expect(readFileSync(path.join(project.dir, '.config/tasker.toml'), 'utf8')).toContain(
        '[[cli.remotes]]\nname = "tasker-contrib"\nurl = "https://github.com/tasker-systems/tasker-contrib.git"\n',
      );
      expect(runCli(['init', '--no-contrib', '--stdout'], { cwd: project.dir }).stdout).not.toContain('[cli]');
    } finally {
      project.cleanup();
    }
  });
});
