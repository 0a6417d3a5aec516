/** `template generate`: no clobbering, output confinement, dry run, rendering errors, exit codes and messages. */
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../helpers.js';
import { simpleTemplate, write, writePlugin } from './plugin-fixtures.js';
import { generateTemplate, OutputPathErrorLike, ScaffoldError } from './scaffold-api.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempProject()));
afterEach(() => cleanup());

const read = (rel: string): string => readFileSync(path.join(dir, rel), 'utf8');
const cli = (...args: string[]) => runCli(['template', 'generate', ...args], { cwd: dir });
const NO_STACK = /\n\s+at /;

function plugin(files: Record<string, string>, name = 't'): void {
  writePlugin(dir, 'plugin', { name: 'local', templates: { [name]: files } });
}

function refused(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error instanceof ScaffoldError || error instanceof OutputPathErrorLike, String(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

describe('writing', () => {
  it('creates the files, reports them and the notes, and is deterministic', () => {
    const run = cli('step_handler', '--param', 'name=ProcessPayment', '--output', 'src/handlers');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      'created src/handlers/process_payment_handler.test.ts\ncreated src/handlers/process_payment_handler.ts\n\n' +
        'The handler registers the callable ProcessPaymentHandler. Name it in the step of your task template YAML:\n\n  handler:\n    callable: ProcessPaymentHandler\n',
    );
    const first = read('src/handlers/process_payment_handler.ts');
    expect(first).not.toMatch(/\r|\t/);
    const again = cli('step_handler', '--param', 'name=ProcessPayment', '--output', 'src/handlers');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(
      /^unchanged src\/handlers\/process_payment_handler\.test\.ts\nunchanged src\/handlers\/process_payment_handler\.ts\n/,
    );
    expect(read('src/handlers/process_payment_handler.ts')).toBe(first);
  });

  it('writes into the current folder by default', () => {
    expect(cli('step_handler', '--param', 'name=A').code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['a_handler.test.ts', 'a_handler.ts']);
  });

  it('--dry-run writes nothing and says what it would do', () => {
    const run = cli('task_template', '--param', 'name=orders', '--output', 'out', '--dry-run');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^would create out\/handlers\/orders\.test\.ts\nwould create out\/handlers\/orders\.ts\nwould create out\/templates\/orders\.yaml\nDry run: nothing was written\.\n/,
    );
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });
});

describe('never overwrites without --force', () => {
  beforeEach(() => {
    write(path.join(dir, 'src/a_handler.ts'), '// my edits\n');
  });

  it('refuses, names the files, and writes nothing at all (not even the new ones)', () => {
    const run = cli('step_handler', '--param', 'name=A', '--output', 'src');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'tasker-ctl: refusing to overwrite an existing file: src/a_handler.ts; nothing was written (pass --force to overwrite, or choose another --output)\n',
    );
    expect(read('src/a_handler.ts')).toBe('// my edits\n');
    expect(existsSync(path.join(dir, 'src/a_handler.test.ts'))).toBe(false);
  });

  it('--dry-run shows the conflict and exits 1', () => {
    const run = cli('step_handler', '--param', 'name=A', '--output', 'src', '--dry-run');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^would create src\/a_handler\.test\.ts\nexists {7}src\/a_handler\.ts\n/);
    expect(read('src/a_handler.ts')).toBe('// my edits\n');
  });

  it('--force overwrites', () => {
    const run = cli('step_handler', '--param', 'name=A', '--output', 'src', '--force');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^created {3}src\/a_handler\.test\.ts\noverwrote src\/a_handler\.ts\n/);
    expect(read('src/a_handler.ts')).toContain("defineHandler(\n  'AHandler',");
  });

  it('a symbolic link at an output path is a conflict; --force replaces the link, not its target', () => {
    write(path.join(dir, 'outside.txt'), 'keep me\n');
    symlinkSync(path.join(dir, 'outside.txt'), path.join(dir, 'src/a_handler.test.ts'));
    expect(cli('step_handler', '--param', 'name=A', '--output', 'src').stderr).toContain('src/a_handler.test.ts');
    expect(cli('step_handler', '--param', 'name=A', '--output', 'src', '--force').code).toBe(0);
    expect(lstatSync(path.join(dir, 'src/a_handler.test.ts')).isSymbolicLink()).toBe(false);
    expect(read('outside.txt')).toBe('keep me\n');
  });

  it('a folder at an output path is an error even with --force', () => {
    mkdirSync(path.join(dir, 'src/a_handler.test.ts'));
    const run = cli('step_handler', '--param', 'name=A', '--output', 'src', '--force');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('tasker-ctl: cannot write "a_handler.test.ts": it exists and is a folder\n');
  });
});

describe('every output stays inside --output', () => {
  const generate = (files: Record<string, string>, params: Record<string, string>, outDir = 'out') => {
    plugin(files);
    return generateTemplate('t', { pluginPaths: ['plugin'], builtins: false, params, outDir, cwd: dir });
  };

  it('parameter values cannot climb out through a filename pattern', () => {
    for (const name of ['../../evil', '/etc/passwd', 'a/../../b', '../', 'C:evil', 'a\\..\\b']) {
      const message = refused(() => generate(simpleTemplate('t', { filename: '{{ name }}.txt' }), { name }));
      expect(message, name).toMatch(
        /^template "t": the output of "out\.txt\.ejs" would be written to ".*" (has a '\.\.' segment|is absolute|contains ':'|contains a backslash|starts with a drive letter).*; every output must stay inside the output folder$/,
      );
    }
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
    expect(existsSync(path.join(dir, 'evil.txt'))).toBe(false);
  });

  it('nor through a subdir pattern, a literal ../ or an absolute filename in the manifest', () => {
    expect(refused(() => generate(simpleTemplate('t', { subdir: '../{{ name }}' }), { name: 'x' }))).toMatch(/has a '\.\.' segment/);
    expect(refused(() => generate(simpleTemplate('t', { filename: '/tmp/x.txt' }), { name: 'x' }))).toMatch(/is absolute/);
    expect(refused(() => generate(simpleTemplate('t', { filename: '{{ name }}/' }), { name: 'x' }))).toMatch(/has an empty segment/);
  });

  it('a value may create sub-folders inside the output folder', () => {
    const result = generate(simpleTemplate('t', { filename: '{{ name }}.txt', subdir: 'deep/' }), { name: 'a/b' });
    expect(result.plan.files.map((f) => f.path)).toEqual(['deep/a/b.txt']);
    expect(read('out/deep/a/b.txt')).toBe('hello a/b\n');
  });

  it('nor through a symbolic link inside the output folder', () => {
    mkdirSync(path.join(dir, 'elsewhere'));
    mkdirSync(path.join(dir, 'out'));
    symlinkSync(path.join(dir, 'elsewhere'), path.join(dir, 'out/deep'));
    expect(refused(() => generate(simpleTemplate('t', { subdir: 'deep' }), { name: 'x' }))).toBe(
      'cannot write "deep/x.txt": "deep" is a symbolic link leading outside the output folder',
    );
    expect(readdirSync(path.join(dir, 'elsewhere'))).toEqual([]);
  });

  it('two outputs may not write one path (also differing only in case)', () => {
    const files = {
      'template.toml':
        'name = "t"\n[[parameters]]\nname = "name"\n[[outputs]]\ntemplate = "a.ejs"\nfilename = "{{ name }}.txt"\n[[outputs]]\ntemplate = "b.ejs"\nfilename = "{{ name | upper }}.txt"\n',
      'a.ejs': 'a',
      'b.ejs': 'b',
    };
    expect(refused(() => generate(files, { name: 'X' }))).toBe('template "t": "a.ejs" and "b.ejs" would both write "X.txt"');
    cleanup();
    ({ dir, cleanup } = tempProject());
    expect(refused(() => generate(files, { name: 'x' }))).toBe(
      'template "t": "a.ejs" and "b.ejs" would both write "X.txt" (as "x.txt"; names differing only in case collide on macOS and Windows)',
    );
  });

  it('rejects an output folder that is a file', () => {
    write(path.join(dir, 'file'), '');
    const run = cli('step_handler', '--param', 'name=A', '--output', 'file');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('tasker-ctl: the output folder "file" exists and is not a folder\n');
  });
});

describe('rendering', () => {
  const render = (body: string, extra: Record<string, string> = {}) => {
    plugin({ ...simpleTemplate('t', { body }), ...extra });
    return generateTemplate('t', {
      pluginPaths: ['plugin'],
      builtins: false,
      params: { name: 'Process Payment' },
      outDir: 'out',
      cwd: dir,
      dryRun: true,
    });
  };

  it('gives templates the parameters and the helpers; <%= %> does not HTML-escape', () => {
    const body =
      '<%= snake(name) %>|<%= pascal(name) %>|<%= camel(name) %>|<%= kebab(name) %>|<%= snake_case(name) %>|' +
      '<%= str("it\'s") %>|<%= yamlStr("a: \\"b\\"") %>|<%= jsdoc("*/") %>|<%= identifier("class") %>|<%= key("a-b") %>|' +
      '<%= params.name %>|<%= template.name %>/<%= template.plugin %>|<%= "<&>" %>\n';
    expect(render(body).plan.files[0]!.content).toBe(
      "process_payment|ProcessPayment|processPayment|process-payment|process_payment|'it\\'s'|\"a: \\\"b\\\"\"|*\\/|classValue|'a-b'|Process Payment|t/local|<&>\n",
    );
  });

  it('an error in a template is one line with the file and line', () => {
    expect(refused(() => render('line one\n<%= nope %>\n'))).toBe('template "t": plugin/templates/t/out.txt.ejs:2: nope is not defined');
    expect(refused(() => render('<% if ( { %>'))).toMatch(/^template "t": plugin\/templates\/t\/out\.txt\.ejs: Unexpected token/);
    expect(refused(() => render("<%= importOf('missing.ejs') %>"))).toBe(
      'template "t": plugin/templates/t/out.txt.ejs:1: no output is rendered from "missing.ejs"; outputs: out.txt.ejs',
    );
  });

  it('includes work inside the plugin and are refused outside it', () => {
    expect(render("<%- include('part') %>!", { 'part.ejs': 'from part <%= name %>' }).plan.files[0]!.content).toBe(
      'from part Process Payment!',
    );
    write(path.join(dir, 'secret.ejs'), 'secret');
    expect(refused(() => render("<%- include('../../../secret') %>"))).toMatch(
      /^template "t": .*include "\.\.\/\.\.\/\.\.\/secret" leaves the plugin folder$/,
    );
  });

  it('normalises line endings to LF', () => {
    expect(render('a\r\nb\r\n').plan.files[0]!.content).toBe('a\nb\n');
  });
});

describe('command line errors: one line, exit 2, no stack trace', () => {
  const cases: Array<[string, string[], RegExp]> = [
    [
      'missing required parameter',
      ['step_handler'],
      /^tasker-ctl: template "step_handler": missing required parameter "name" \(Handler name without a Handler suffix, e\.g\. ProcessPayment or process_payment\); valid parameters: name \(required\), callable/,
    ],
    [
      'unknown parameter',
      ['step_handler', '--param', 'name=A', '--param', 'colable=x'],
      /unknown parameter "colable" \(did you mean "callable"\?\); valid parameters:/,
    ],
    ['bad value', ['step_handler', '--param', 'name=../x'], /parameter "name" is "\.\.\/x", which does not match/],
    ['not key=value', ['step_handler', '--param', 'name'], /^tasker-ctl: --param "name" is not of the form key=value/],
    [
      'unknown template',
      ['step_handlr'],
      /^tasker-ctl: unknown template "step_handlr" \(did you mean "step_handler"\?\); templates: step_handler, /,
    ],
    [
      'unknown language',
      ['step_handler', '--language', 'ruby', '--param', 'name=A'],
      /^tasker-ctl: template "step_handler" has no ruby version; it exists for typescript\n$/,
    ],
    [
      'missing plugin path',
      ['step_handler', '--plugin-path', 'nope', '--param', 'name=A'],
      /^tasker-ctl: plugin path "nope" does not exist\n$/,
    ],
  ];
  for (const [name, args, message] of cases) {
    it(name, () => {
      const run = cli(...args);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.split('\n')).toHaveLength(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(NO_STACK);
      expect(readdirSync(dir)).toEqual([]);
    });
  }
});

describe('link-based exclusive create', () => {
  it('leaves no temporary files behind', () => {
    expect(cli('step_handler_api', '--param', 'name=A', '--output', 'o').code).toBe(0);
    expect(readdirSync(path.join(dir, 'o')).sort()).toEqual(['a_handler.test.ts', 'a_handler.ts']);
    writeFileSync(path.join(dir, 'o/a_handler.ts'), 'changed');
    expect(cli('step_handler_api', '--param', 'name=A', '--output', 'o', '--force').code).toBe(0);
    expect(readdirSync(path.join(dir, 'o')).sort()).toEqual(['a_handler.test.ts', 'a_handler.ts']);
    expect(() => readlinkSync(path.join(dir, 'o/a_handler.ts'))).toThrow();
  });
});

describe('project configuration (.config/tasker.toml)', () => {
  it('[codegen] runtime is the default of a template runtime parameter; --param wins', () => {
    write(path.join(dir, '.config/tasker.toml'), '[codegen]\nruntime = "@tasker-systems/tasker"\n');
    expect(cli('step_handler', '--param', 'name=A', '--output', 'a').code).toBe(0);
    expect(read('a/a_handler.ts')).toMatch(/^import \{ defineHandler \} from '@tasker-systems\/tasker';\n/);
    expect(cli('step_handler', '--param', 'name=A', '--param', 'runtime=tasker-ctl/runtime', '--output', 'b').code).toBe(0);
    expect(read('b/a_handler.ts')).toMatch(/^import \{ defineHandler \} from 'tasker-ctl\/runtime';\n/);
  });

  it('a malformed configuration is a one-line usage error', () => {
    write(path.join(dir, '.config/tasker.toml'), '[codegen]\nruntim = "x"\n');
    const run = runCli(['template', 'list'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^tasker-ctl: \.config\/tasker\.toml:2:1: unknown key `codegen\.runtim`; did you mean `runtime`\?/);
  });
});

describe('determinism', () => {
  it('the same template and parameters give the same bytes, wherever they are generated', () => {
    for (const out of ['one', 'nested/two']) {
      expect(cli('task_template', '--param', 'name=orders', '--param', 'namespace=shop', '--output', out).code).toBe(0);
    }
    for (const file of ['templates/orders.yaml', 'handlers/orders.ts', 'handlers/orders.test.ts']) {
      expect(read(`nested/two/${file}`)).toBe(read(`one/${file}`));
      expect(read(`one/${file}`)).not.toContain(dir);
    }
  });
});

describe('file-system errors are usage errors, not crashes', () => {
  it('an unwritable output folder', () => {
    if (process.getuid?.() === 0) return; // root ignores permission bits (the next test covers write errors as root)
    mkdirSync(path.join(dir, 'locked'), { mode: 0o555 });
    const run = cli('step_handler', '--param', 'name=A', '--output', 'locked');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('tasker-ctl: cannot write "a_handler.test.ts" in "locked": EACCES\n');
  });

  it('a file name too long for the file system', () => {
    const run = cli('step_handler', '--param', `name=${'a'.repeat(300)}`, '--output', 'out');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^tasker-ctl: cannot (write|check the output path) "a{300}_handler\.test\.ts"( in "out")?: ENAMETOOLONG\n$/);
    expect(existsSync(path.join(dir, 'out/a_handler.ts'))).toBe(false);
  });
});
