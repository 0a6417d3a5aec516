/**
 * Project configuration: the `[codegen]` table of Tasker's own
 * `.config/tasker.toml` (beside its `[cli]` table, which is left alone).
 * Every command reads it; command-line flags override it. See docs/config.md.
 *
 *   [codegen]
 *   templates = ["config/tasks"]
 *   handlers = ["src/handlers"]          # folders, files or a tsconfig.json
 *   out = "src/tasker"
 *   runtime = "tasker-ctl/runtime"
 *   plugin_paths = ["tools/tasker-plugins"] # template commands
 *   [codegen.severities]
 *   "missing-result-schema" = "off"
 *   [[codegen.overrides]]
 *   paths = ["config/tasks/legacy/**"]
 *   severities = { "unknown-key" = "off" }
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { parse, TomlError } from 'smol-toml';
import { CODES, isCode } from '../diagnostics/codes.js';
import { UsageError } from '../model/errors.js';
import { closestNames } from '../model/suggest.js';
import { displayPath } from '../shared/display-path.js';
import { locateKey, type TomlPosition } from './locate.js';

/** Where the configuration lives, relative to the project root. */
export const CONFIG_FILE = path.join('.config', 'tasker.toml');
/** The table tasker-ctl owns in that file. */
export const CONFIG_TABLE = 'codegen';

export type { CliSettings, Located, ProjectConfig, RemoteConfig, SeverityOrOff, SeverityOverride } from './types.js';

import type { CliSettings, Located, ProjectConfig, RemoteConfig, SeverityOrOff } from './types.js';
export const SEVERITY_VALUES: readonly SeverityOrOff[] = ['error', 'warning', 'info', 'off'];

/** A malformed configuration: printed as `file:line:col: message`, exit code 2. */
export class ConfigError extends UsageError {
  override name = 'ConfigError';
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly detail: string,
  ) {
    super(`${file}:${line}:${column}: ${detail}`);
  }
}

const CODEGEN_KEYS = ['templates', 'handlers', 'out', 'runtime', 'plugin_paths', 'severities', 'overrides'] as const;
const OVERRIDE_KEYS = ['paths', 'severities'] as const;

/**
 * Searches `.config/tasker.toml` from `cwd` upward, stopping at the
 * repository root (the first folder holding `.git`) or the file-system root.
 */
export function findConfigFile(cwd: string = process.cwd()): string | undefined {
  let dir = path.resolve(cwd);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE);
    if (isFile(candidate)) return candidate;
    if (existsSync(path.join(dir, '.git'))) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * The project configuration seen from `cwd`: the nearest `.config/tasker.toml`
 * (defaults when there is none). Throws ConfigError for a malformed file.
 */
export function loadProjectConfig(cwd: string = process.cwd()): ProjectConfig {
  const file = findConfigFile(cwd);
  if (!file) return { root: path.resolve(cwd), hasCodegenTable: false, severities: {}, overrides: [] };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(
      displayPath(file, cwd),
      1,
      1,
      `cannot read the configuration: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  return parseProjectConfig(text, file, cwd);
}

/** Parses a configuration text; `file` is its absolute path (its grandparent is the project root). */
export function parseProjectConfig(text: string, file: string, cwd: string = process.cwd()): ProjectConfig {
  const shown = displayPath(file, cwd);
  const root = path.dirname(path.dirname(file));
  let document: Record<string, unknown>;
  try {
    document = parse(text) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof TomlError) {
      const message = error.message.split('\n')[0]!.replace(/^Invalid TOML document:\s*/i, '');
      throw new ConfigError(shown, error.line || 1, error.column || 1, `not valid TOML: ${message}`);
    }
    throw error;
  }
  const fail = (at: Array<string | number>, detail: string): never => {
    const position: TomlPosition = locateKey(text, at);
    throw new ConfigError(shown, position.line, position.column, detail);
  };
  const located = <T>(at: Array<string | number>, value: T): Located<T> => ({ value, ...locateKey(text, at) });

  const config: ProjectConfig = { file, root, hasCodegenTable: false, severities: {}, overrides: [] };
  if (document.cli !== undefined) config.cli = readCliTable(document.cli, root, fail);
  const codegen = document[CONFIG_TABLE];
  if (codegen === undefined) return config;
  if (!isTable(codegen)) return fail([CONFIG_TABLE], `\`${CONFIG_TABLE}\` must be a table ([${CONFIG_TABLE}]), found ${describe(codegen)}`);
  config.hasCodegenTable = true;

  for (const key of Object.keys(codegen)) {
    if ((CODEGEN_KEYS as readonly string[]).includes(key)) continue;
    const close = suggestKey(key, CODEGEN_KEYS);
    fail(
      [CONFIG_TABLE, key],
      `unknown key \`${CONFIG_TABLE}.${key}\`${close ? `; did you mean \`${close}\`?` : ''} (known: ${CODEGEN_KEYS.join(', ')})`,
    );
  }

  const pathList = (key: 'templates' | 'handlers' | 'plugin_paths'): Located<string[]> | undefined => {
    const value = codegen[key];
    if (value === undefined) return undefined;
    const list = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(list) || list.length === 0 || list.some((p) => typeof p !== 'string' || p === '')) {
      return fail([CONFIG_TABLE, key], `\`${CONFIG_TABLE}.${key}\` must be a path or a non-empty array of paths, found ${describe(value)}`);
    }
    return located(
      [CONFIG_TABLE, key],
      (list as string[]).map((p) => resolvePath(root, p)),
    );
  };
  const text1 = (key: 'out' | 'runtime'): Located<string> | undefined => {
    const value = codegen[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value === '')
      return fail([CONFIG_TABLE, key], `\`${CONFIG_TABLE}.${key}\` must be a non-empty string, found ${describe(value)}`);
    return located([CONFIG_TABLE, key], value);
  };

  const templates = pathList('templates');
  if (templates) config.templates = templates;
  const handlers = pathList('handlers');
  if (handlers) config.handlers = handlers;
  const pluginPaths = pathList('plugin_paths');
  if (pluginPaths) config.pluginPaths = pluginPaths;
  const out = text1('out');
  if (out) config.out = { ...out, value: resolvePath(root, out.value) };
  const runtime = text1('runtime');
  if (runtime) config.runtime = runtime;

  if (codegen.severities !== undefined) config.severities = readSeverities(codegen.severities, [CONFIG_TABLE, 'severities'], fail);

  const overrides = codegen.overrides;
  if (overrides !== undefined) {
    if (!Array.isArray(overrides))
      fail(
        [CONFIG_TABLE, 'overrides'],
        `\`${CONFIG_TABLE}.overrides\` must be an array of tables ([[${CONFIG_TABLE}.overrides]]), found ${describe(overrides)}`,
      );
    for (const [index, entry] of (overrides as unknown[]).entries()) {
      const at = [CONFIG_TABLE, 'overrides', index];
      if (!isTable(entry)) return fail(at, `each [[${CONFIG_TABLE}.overrides]] entry must be a table, found ${describe(entry)}`);
      for (const key of Object.keys(entry)) {
        if ((OVERRIDE_KEYS as readonly string[]).includes(key)) continue;
        const close = suggestKey(key, OVERRIDE_KEYS);
        fail(
          [...at, key],
          `unknown key \`${key}\` in [[${CONFIG_TABLE}.overrides]]${close ? `; did you mean \`${close}\`?` : ''} (known: ${OVERRIDE_KEYS.join(', ')})`,
        );
      }
      const paths = typeof entry.paths === 'string' ? [entry.paths] : entry.paths;
      if (!Array.isArray(paths) || paths.length === 0 || paths.some((p) => typeof p !== 'string' || p === '')) {
        fail(
          [...at, 'paths'],
          `[[${CONFIG_TABLE}.overrides]] needs \`paths\`: a glob or a non-empty array of globs, relative to ${displayPath(root, cwd) || '.'}`,
        );
      }
      if (entry.severities === undefined)
        fail(at, `[[${CONFIG_TABLE}.overrides]] needs \`severities\`: a table of rule code = "error" | "warning" | "info" | "off"`);
      const position = locateKey(text, at);
      config.overrides.push({
        paths: paths as string[],
        severities: readSeverities(entry.severities, [...at, 'severities'], fail),
        line: position.line,
        column: position.column,
      });
    }
  }
  return config;
}

/**
 * `[cli]`, with the Rust tool's kebab-case keys. The table is Tasker's: keys
 * tasker-ctl does not use are left alone, known ones are type-checked.
 */
function readCliTable(value: unknown, root: string, fail: (at: Array<string | number>, detail: string) => never): CliSettings {
  if (!isTable(value)) return fail(['cli'], `\`cli\` must be a table ([cli]), found ${describe(value)}`);
  const text = (key: string, table: Record<string, unknown>, at: Array<string | number>): string | undefined => {
    const v = table[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v === '')
      return fail([...at, key], `\`${[...at, key].join('.')}\` must be a non-empty string, found ${describe(v)}`);
    return v;
  };
  const pluginPaths = value['plugin-paths'] ?? [];
  if (!Array.isArray(pluginPaths) || pluginPaths.some((p) => typeof p !== 'string' || p === '')) {
    return fail(['cli', 'plugin-paths'], `\`cli.plugin-paths\` must be an array of paths, found ${describe(pluginPaths)}`);
  }
  const maxAge = value['cache-max-age-hours'] ?? 24;
  if (typeof maxAge !== 'number' || !Number.isInteger(maxAge) || maxAge < 0) {
    return fail(['cli', 'cache-max-age-hours'], `\`cli.cache-max-age-hours\` must be a whole number of hours, found ${describe(maxAge)}`);
  }
  const remotes = value.remotes ?? [];
  if (!Array.isArray(remotes))
    return fail(['cli', 'remotes'], `\`cli.remotes\` must be an array of tables ([[cli.remotes]]), found ${describe(remotes)}`);
  const settings: CliSettings = {
    pluginPaths: (pluginPaths as string[]).map((p) => resolvePath(root, p)),
    remotes: remotes.map((entry: unknown, index): RemoteConfig => {
      const at = ['cli', 'remotes', index];
      if (!isTable(entry)) return fail(at, `each [[cli.remotes]] entry must be a table, found ${describe(entry)}`);
      const name = text('name', entry, at) ?? fail(at, '[[cli.remotes]] needs `name`');
      const url = text('url', entry, at) ?? fail(at, `[[cli.remotes]] ${JSON.stringify(name)} needs \`url\``);
      if (!/^[A-Za-z0-9][\w.-]*$/.test(name))
        return fail(
          [...at, 'name'],
          `remote name ${JSON.stringify(name)} must be letters, digits, \`.\`, \`_\` or \`-\` (it names a cache folder)`,
        );
      const pluginPath = text('plugin-path', entry, at);
      return { name, url, gitRef: text('git-ref', entry, at) ?? 'main', ...(pluginPath ? { pluginPath } : {}) };
    }),
    cacheMaxAgeHours: maxAge,
  };
  const language = text('default-language', value, ['cli']);
  if (language) settings.defaultLanguage = language;
  const output = text('default-output-dir', value, ['cli']);
  if (output) settings.defaultOutputDir = resolvePath(root, output);
  return settings;
}

function readSeverities(
  value: unknown,
  at: Array<string | number>,
  fail: (at: Array<string | number>, detail: string) => never,
): Record<string, SeverityOrOff> {
  if (!isTable(value))
    return fail(
      at,
      `\`${at.filter((s) => typeof s === 'string').join('.')}\` must be a table of rule code = "error" | "warning" | "info" | "off", found ${describe(value)}`,
    );
  const out: Record<string, SeverityOrOff> = {};
  for (const [code, severity] of Object.entries(value)) {
    if (!isCode(code)) {
      const close = closestNames(code, Object.keys(CODES), 1);
      fail([...at, code], `unknown rule code \`${code}\`${close[0] ? `; did you mean \`${close[0]}\`?` : ''} (codes: docs/diagnostics.md)`);
    }
    if (typeof severity !== 'string' || !(SEVERITY_VALUES as readonly string[]).includes(severity)) {
      fail([...at, code], `severity of \`${code}\` must be "error", "warning", "info" or "off", found ${describe(severity)}`);
    }
    out[code] = severity as SeverityOrOff;
  }
  return out;
}

/** A configured path: `~/` is the home folder, other relative paths are relative to the project root. */
function resolvePath(root: string, given: string): string {
  if (given === '~' || given.startsWith('~/')) return path.join(homedir(), given.slice(1));
  return path.resolve(root, given);
}

/** A close known key: small edit distance, or a shared start of 5+ characters (`severity` → `severities`). */
function suggestKey(key: string, known: readonly string[]): string | undefined {
  const [close] = closestNames(key, known, 1);
  if (close) return close;
  const lower = key.toLowerCase();
  return known.find((k) => {
    let shared = 0;
    while (shared < k.length && shared < lower.length && k[shared] === lower[shared]) shared++;
    return shared >= Math.min(5, k.length);
  });
}

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : `an array (${JSON.stringify(value).slice(0, 60)})`;
  if (value === null) return 'null';
  if (value instanceof Date) return 'a date';
  if (typeof value === 'object') return 'a table';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return `${typeof value} ${String(value)}`;
}

export { globToRegExp, matchesAny } from '../shared/glob.js';
export { type CliInputs, type CommandInputs, resolveCommandInputs } from './inputs.js';
export { severityPolicy } from './severities.js';
export { CODEGEN_SECTION_MARKER, type StarterValues, starterConfig } from './starter.js';
