import { mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, findConfigFile, loadProjectConfig, parseProjectConfig } from '../../src/config/index.js';
import { UsageError } from '../../src/load/files.js';
import { tempProject } from '../helpers.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
function project(files: Record<string, string>): string {
  const p = tempProject(files);
  cleanups.push(p.cleanup);
  return p.dir;
}

/** Parses `text` as <root>/.config/tasker.toml; returns the error thrown. */
function errorOf(text: string): ConfigError {
  try {
    parseProjectConfig(text, '/proj/.config/tasker.toml', '/proj');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('loadProjectConfig', () => {
  it('gives defaults when there is no configuration', () => {
    const dir = project({ '.git/HEAD': '' });
    expect(loadProjectConfig(dir)).toEqual({ root: dir, hasCodegenTable: false, severities: {}, overrides: [] });
  });

  it('reads [codegen] and resolves paths against the project root, not cwd', () => {
    const dir = project({
      '.git/HEAD': '',
      '.config/tasker.toml': `[cli]\nprofile = "dev"\n\n[codegen]\ntemplates = ["config/tasks", "more"]\nhandlers = "src/handlers"\nout = "src/tasker"\nruntime = "@acme/runtime"\n`,
      'app/nested/.keep': '',
    });
    const config = loadProjectConfig(path.join(dir, 'app/nested'));
    expect(config.file).toBe(path.join(dir, '.config/tasker.toml'));
    expect(config.root).toBe(dir);
    expect(config.hasCodegenTable).toBe(true);
    expect(config.templates).toEqual({ value: [path.join(dir, 'config/tasks'), path.join(dir, 'more')], line: 5, column: 1 });
    expect(config.handlers?.value).toEqual([path.join(dir, 'src/handlers')]);
    expect(config.out).toEqual({ value: path.join(dir, 'src/tasker'), line: 7, column: 1 });
    expect(config.runtime).toEqual({ value: '@acme/runtime', line: 8, column: 1 });
  });

  it('reads plugin_paths for the template commands, expanding ~/', () => {
    const config = parseProjectConfig('[codegen]\nplugin_paths = ["tools/plugins", "~/contrib"]\n', '/proj/.config/tasker.toml', '/proj');
    expect(config.pluginPaths).toEqual({
      value: [path.resolve('/proj/tools/plugins'), path.join(homedir(), 'contrib')],
      line: 2,
      column: 1,
    });
  });

  it('searches upward but stops at the repository root', () => {
    const dir = project({ '.config/tasker.toml': '[codegen]\nout = "x"\n', 'repo/.git/HEAD': '', 'repo/sub/.keep': '' });
    expect(findConfigFile(path.join(dir, 'repo/sub'))).toBeUndefined();
    expect(findConfigFile(dir)).toBe(path.join(dir, '.config/tasker.toml'));
    mkdirSync(path.join(dir, 'repo/.config'));
    writeFileSync(path.join(dir, 'repo/.config/tasker.toml'), '');
    expect(findConfigFile(path.join(dir, 'repo/sub'))).toBe(path.join(dir, 'repo/.config/tasker.toml'));
  });

  it("accepts Tasker's own file without a [codegen] table", () => {
    const dir = project({ '.git/HEAD': '', '.config/tasker.toml': '[cli]\nprofile = "dev"\n[database]\nurl = "postgres://x"\n' });
    const config = loadProjectConfig(dir);
    expect(config.hasCodegenTable).toBe(false);
    expect(config.templates).toBeUndefined();
  });

  it('reads severities and per-path overrides', () => {
    const config = parseProjectConfig(
      `[codegen.severities]\n"unknown-key" = "off"\nmissing-result-schema = "warning"\n\n[[codegen.overrides]]\npaths = "legacy/**"\nseverities = { "orphan-step" = "off" }\n\n[[codegen.overrides]]\npaths = ["a/**", "b"]\n[codegen.overrides.severities]\nunused-handler = "error"\n`,
      '/proj/.config/tasker.toml',
      '/proj',
    );
    expect(config.severities).toEqual({ 'unknown-key': 'off', 'missing-result-schema': 'warning' });
    expect(config.overrides).toEqual([
      { paths: ['legacy/**'], severities: { 'orphan-step': 'off' }, line: 5, column: 1 },
      { paths: ['a/**', 'b'], severities: { 'unused-handler': 'error' }, line: 9, column: 1 },
    ]);
  });

  it('is a UsageError (exit 2) whose message starts with file:line:col', () => {
    const error = errorOf('[codegen]\nout = 3\n');
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe('.config/tasker.toml:2:1: `codegen.out` must be a non-empty string, found number 3');
  });
});

describe('malformed configurations', () => {
  it.each([
    ['TOML syntax', '[codegen]\ntemplates = [\n', /^\.config\/tasker\.toml:3:1: not valid TOML: /],
    ['codegen not a table', 'codegen = 1\n', /^\.config\/tasker\.toml:1:1: `codegen` must be a table \(\[codegen\]\), found number 1$/],
    [
      'unknown key',
      '[codegen]\nout = "x"\ntemplate = ["a"]\n',
      /^\.config\/tasker\.toml:3:1: unknown key `codegen.template`; did you mean `templates`\?/,
    ],
    [
      'templates not paths',
      '[codegen]\n\ntemplates = [1, 2]\n',
      /^\.config\/tasker\.toml:3:1: `codegen.templates` must be a path or a non-empty array of paths, found an array/,
    ],
    [
      'empty handlers',
      '[codegen]\nhandlers = []\n',
      /:2:1: `codegen.handlers` must be a path or a non-empty array of paths, found an empty array$/,
    ],
    ['empty runtime', '[codegen]\nruntime = ""\n', /:2:1: `codegen.runtime` must be a non-empty string/],
    [
      'unknown rule code',
      '[codegen.severities]\n"orphan-step" = "off"\n"unknown-kee" = "off"\n',
      /^\.config\/tasker\.toml:3:1: unknown rule code `unknown-kee`; did you mean `unknown-key`\?/,
    ],
    [
      'bad severity',
      '[codegen.severities]\norphan-step = "fatal"\n',
      /:2:1: severity of `orphan-step` must be "error", "warning", "info" or "off", found the string "fatal"$/,
    ],
    ['severities not a table', '[codegen]\nseverities = "off"\n', /:2:1: `codegen.severities` must be a table/],
    ['override without paths', '[[codegen.overrides]]\nseverities = {}\n', /:1:1: \[\[codegen.overrides\]\] needs `paths`/],
    ['override without severities', '[[codegen.overrides]]\npaths = ["x"]\n', /:1:1: \[\[codegen.overrides\]\] needs `severities`/],
    [
      'override unknown key',
      '[[codegen.overrides]]\npaths = ["x"]\nseverity = {}\n',
      /:3:1: unknown key `severity` in \[\[codegen.overrides\]\]; did you mean `severities`\?/,
    ],
    [
      'override bad code inline',
      '[[codegen.overrides]]\npaths = ["x"]\nseverities = { "orphan-step" = "off", "nope-code" = "off" }\n',
      /:3:39: unknown rule code `nope-code`/,
    ],
    [
      'second override',
      '[[codegen.overrides]]\npaths = ["x"]\nseverities = {}\n\n[[codegen.overrides]]\npaths = []\nseverities = {}\n',
      /:6:1: \[\[codegen.overrides\]\] needs `paths`/,
    ],
    ['overrides not an array', '[codegen]\noverrides = 3\n', /:2:1: `codegen.overrides` must be an array of tables/],
  ])('%s', (_name, text, expected) => {
    expect(errorOf(text).message).toMatch(expected);
  });

  it('reports an unreadable file as a positioned error', () => {
    const dir = project({ '.git/HEAD': '' });
    mkdirSync(path.join(dir, '.config/tasker.toml'), { recursive: true }); // a folder: not a file, so not a config
    expect(loadProjectConfig(dir).file).toBeUndefined();
  });
});
