/**
 * `init`: writes a commented starter configuration into `.config/tasker.toml`.
 * Refuses to replace an existing `[codegen]` table; when the file exists
 * without one (Tasker's own configuration), the table is appended to it.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'smol-toml';
import { CONFIG_FILE, findConfigFile, parseProjectConfig, type StarterValues, starterConfig } from '../../config/index.js';
import { UsageError } from '../../model/errors.js';
import { displayPath } from '../../shared/display-path.js';
import { ExitCode } from '../errors.js';

export interface InitOptions {
  templates?: string[];
  handlers?: string[];
  out?: string;
  runtime?: string;
  /** Print the configuration instead of writing it. */
  stdout?: boolean;
  /** Also point VS Code's YAML extension at the template schema (.vscode/settings.json). */
  vscode?: boolean;
  /** False with --no-contrib: no [cli] remote for Tasker's published plugins. */
  contrib?: boolean;
}

/** Tasker's published plugins, as the Rust tool's `init` offers them. */
const CONTRIB_REMOTE = `
# Plugin repositories for \`tasker-ctl template\` (read by the Rust tasker-ctl too).
[cli]
# default-language = "python"
# default-output-dir = "."
# cache-max-age-hours = 24

[[cli.remotes]]
name = "tasker-contrib"
url = "https://github.com/tasker-systems/tasker-contrib.git"
`;

/** Where the schema is, seen from the project root, once tasker-ctl is installed there. */
const SCHEMA_PATH = './node_modules/tasker-ctl/schema/task-template.json';

/** Folders a starter config points at when they exist and no flag says otherwise. */
const GUESSES = {
  templates: ['config/tasks', 'config/tasker/templates', 'config/templates', 'templates', 'tasks'],
  handlers: ['src/handlers', 'app/handlers', 'handlers', 'src'],
};

/**
 * Where Tasker apps keep the worker configuration whose
 * `[common.task_templates] search_paths` lists their templates; the file
 * named by TASKER_CONFIG_PATH (what the worker itself reads) comes first.
 */
const WORKER_CONFIGS = [
  'config/tasker/worker.toml',
  'config/tasker/base/common.toml',
  'config/tasker/base/worker.toml',
  'config/worker.toml',
  'worker.toml',
];

/** The template search paths of the app's worker configuration, and the file they came from. */
export function workerTemplatePaths(cwd: string, env: NodeJS.ProcessEnv = process.env): { paths: string[]; file: string } | undefined {
  const candidates = [
    ...(env.TASKER_CONFIG_PATH ? [path.resolve(cwd, env.TASKER_CONFIG_PATH)] : []),
    ...WORKER_CONFIGS.map((file) => path.join(cwd, file)),
  ];
  for (const file of candidates) {
    let document: unknown;
    try {
      document = parse(readFileSync(file, 'utf8'));
    } catch {
      continue; // missing, unreadable or not TOML: the worker's problem, not init's
    }
    const searchPaths = property(property(property(document, 'common'), 'task_templates'), 'search_paths');
    if (Array.isArray(searchPaths) && searchPaths.length > 0 && searchPaths.every((p) => typeof p === 'string' && p !== '')) {
      return { paths: searchPaths as string[], file };
    }
  }
  return undefined;
}

function property(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

export function initCommand(options: InitOptions, cwd: string = process.cwd()): number {
  const values: StarterValues = {};
  const worker = options.templates?.length ? undefined : workerTemplatePaths(cwd);
  const templates = options.templates?.length ? options.templates : (worker?.paths ?? guess(GUESSES.templates, cwd));
  const handlers = options.handlers?.length ? options.handlers : guess(GUESSES.handlers, cwd);
  if (templates) values.templates = templates.map(posix);
  if (handlers) values.handlers = handlers.map(posix);
  if (options.out) values.out = posix(options.out);
  if (options.runtime) values.runtime = options.runtime;
  let section = starterConfig(values);

  if (options.stdout) {
    process.stdout.write(options.contrib === false ? section : `${section}${CONTRIB_REMOTE}`);
    return ExitCode.ok;
  }
  if (options.vscode) addVscodeSchema(cwd, values.templates ?? ['.']);

  const target = path.join(cwd, CONFIG_FILE);
  const shown = displayPath(target, cwd);
  let existing: string | undefined;
  if (existsSync(target)) existing = readFileSync(target, 'utf8');
  if (existing !== undefined) {
    // Throws a positioned ConfigError when the file is not valid TOML: better not to append to it.
    const config = parseProjectConfig(existing, target, cwd);
    if (options.contrib !== false && !config.cli) section += CONTRIB_REMOTE;
    if (config.hasCodegenTable) {
      if (options.vscode) return ExitCode.ok; // the schema entry was what was asked for
      throw new UsageError(
        `${shown} already has a [codegen] table; init does not overwrite it (edit it, or remove the table to start over)`,
      );
    }
    const separator = existing === '' || existing.endsWith('\n\n') ? '' : existing.endsWith('\n') ? '\n' : '\n\n';
    writeFileSync(target, `${existing}${separator}${section}`);
    process.stderr.write(`tasker-ctl: added a [codegen] table to ${shown} (its other tables are unchanged)\n`);
  } else {
    if (options.contrib !== false) section += CONTRIB_REMOTE;
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, section, { flag: 'wx' });
    process.stderr.write(`tasker-ctl: wrote ${shown}\n`);
  }
  const outer = findConfigFile(path.dirname(path.resolve(cwd)));
  if (outer && path.resolve(outer) !== path.resolve(target)) {
    process.stderr.write(
      `tasker-ctl: note: ${displayPath(outer, cwd)} is further up; commands run below ${displayPath(cwd, cwd) || '.'} now read ${shown} instead\n`,
    );
  }
  if (worker)
    process.stderr.write(
      `tasker-ctl: templates = ${JSON.stringify(worker.paths)}, from [common.task_templates] search_paths in ${displayPath(worker.file, cwd)}\n`,
    );
  if (!values.templates) process.stderr.write('tasker-ctl: set `templates` in it (no template folder was found to fill it in)\n');
  if (!options.vscode)
    process.stderr.write(
      "tasker-ctl: tip: `tasker-ctl init --vscode` points VS Code's YAML extension at the template schema (completion and checks while you type)\n",
    );
  return ExitCode.ok;
}

/**
 * Adds `"yaml.schemas": { "<schema>": [<template globs>] }` to .vscode/settings.json, keeping
 * everything else in it. A settings file with comments (JSONC) is not rewritten: the entry is
 * printed to add by hand.
 */
function addVscodeSchema(cwd: string, templates: readonly string[]): void {
  const target = path.join(cwd, '.vscode', 'settings.json');
  const globs = templates.map((t) => (/\.ya?ml$|[*?[{]/.test(t) ? t : `${t.replace(/\/+$/, '')}/**/*.{yaml,yml}`));
  const entry = { [SCHEMA_PATH]: globs };
  let settings: Record<string, unknown> = {};
  if (existsSync(target)) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(target, 'utf8'));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      settings = parsed as Record<string, unknown>;
    } catch {
      process.stderr.write(
        `tasker-ctl: ${displayPath(target, cwd)} is not plain JSON (comments?); add this to it:\n${JSON.stringify({ 'yaml.schemas': entry }, null, 2)}\n`,
      );
      return;
    }
  }
  const schemas = property(settings, 'yaml.schemas');
  settings['yaml.schemas'] = { ...(typeof schemas === 'object' && schemas !== null ? schemas : {}), ...entry };
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, `${JSON.stringify(settings, null, 2)}\n`);
  process.stderr.write(`tasker-ctl: ${displayPath(target, cwd)}: yaml.schemas maps ${globs.join(', ')} to the task template schema\n`);
}

function guess(candidates: readonly string[], cwd: string): string[] | undefined {
  const found = candidates.find((candidate) => existsSync(path.join(cwd, candidate)));
  return found ? [found] : undefined;
}

function posix(p: string): string {
  return p.split(path.sep).join('/');
}
