/**
 * Finding templates: the built-in plugin (`templates/` in the package) and
 * plugin folders given as search paths, scanned the way Tasker scans them:
 * the path itself, its immediate sub-folders, and `<sub>/tasker-cli-plugin`.
 *
 * Search order decides which of two same-named templates (same language) wins:
 * plugin paths in the order given, then the built-ins. Output is deterministic:
 * sub-folders are visited in code-unit order.
 */
import { existsSync, readdirSync, realpathSync, type Stats, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareStrings } from '../diagnostics/diagnostic.js';
import { closestNames } from '../model/suggest.js';
import { displayPath } from '../shared/display-path.js';
import { q, ScaffoldError } from './errors.js';
import { PLUGIN_MANIFEST, type PluginInfo, readPluginManifest, readTemplateManifest, type TemplateDef } from './manifest.js';

export const BUILTIN_PLUGIN = 'builtin';
const PLUGIN_SUBDIR = 'tasker-cli-plugin';

/** The package's own `templates/` folder (from dist/scaffold or src/scaffold alike). */
export function builtinTemplatesDir(): string {
  return fileURLToPath(new URL('../../templates/', import.meta.url));
}

export interface DiscoverOptions {
  /**
   * Plugin search paths, in priority order (from `--plugin-path`, then the project
   * configuration). `~/` is expanded; relative paths resolve against `cwd`.
   */
  pluginPaths?: readonly string[];
  /** Include the built-in templates (default true). */
  builtins?: boolean;
  /** Folder of the built-in plugin (default: the package's `templates/`). */
  builtinDir?: string;
  /** Local copies of remote repositories, searched after the built-ins (see remotes.ts). */
  remotes?: ReadonlyArray<{ dir: string; label: string }>;
  cwd?: string;
}

export interface TemplateCatalog {
  plugins: PluginInfo[];
  /** Every template, in search order. */
  templates: TemplateDef[];
}

/** Discovers plugins and loads every manifest. Throws ScaffoldError on a missing path or a broken manifest. */
export function discoverTemplates(options: DiscoverOptions = {}): TemplateCatalog {
  const cwd = options.cwd ?? process.cwd();
  const dirs: Array<{ dir: string; builtin: boolean; source: string }> = [];
  const seen = new Set<string>();
  const add = (dir: string, builtin: boolean, source: string): void => {
    const real = realpathSync(dir);
    if (seen.has(real)) return;
    seen.add(real);
    dirs.push({ dir, builtin, source });
  };
  for (const given of options.pluginPaths ?? []) {
    const found = findPluginDirs(resolveSearchPath(given, cwd), given);
    for (const dir of found) add(dir, false, displayPath(dir, cwd));
  }
  if (options.builtins ?? true) add(path.resolve(options.builtinDir ?? builtinTemplatesDir()), true, 'built in');
  for (const remote of options.remotes ?? []) {
    for (const dir of findPluginDirs(remote.dir, remote.label)) add(dir, false, remote.label);
  }

  const plugins: PluginInfo[] = [];
  const templates: TemplateDef[] = [];
  const byName = new Map<string, PluginInfo>();
  for (const { dir, builtin, source } of dirs) {
    const manifest = readPluginManifest(dir, { builtin, cwd });
    manifest.plugin.source = source;
    const name = manifest.plugin.name;
    const other = byName.get(name.toLowerCase());
    if (other) {
      throw new ScaffoldError(
        `two plugins are named ${q(name)}: ${q(displayPath(other.dir, cwd))} and ${q(displayPath(dir, cwd))}; plugin names must be unique`,
      );
    }
    if (!builtin && name.toLowerCase() === BUILTIN_PLUGIN) {
      throw new ScaffoldError(
        `${displayPath(path.join(dir, PLUGIN_MANIFEST), cwd)}: the plugin name ${q(BUILTIN_PLUGIN)} is reserved for tasker-ctl's own templates`,
      );
    }
    byName.set(name.toLowerCase(), manifest.plugin);
    plugins.push(manifest.plugin);
    for (const entry of manifest.templates) templates.push(readTemplateManifest(manifest.plugin, entry, { cwd }));
  }
  return { plugins, templates };
}

function resolveSearchPath(given: string, cwd: string): string {
  if (given === '~') return os.homedir();
  if (given.startsWith('~/')) return path.join(os.homedir(), given.slice(2));
  return path.resolve(cwd, given);
}

/** Tasker's 2-level scan: the path itself, else `<path>/*` and `<path>/*\/tasker-cli-plugin`. */
export function findPluginDirs(base: string, given: string): string[] {
  let stats: Stats;
  try {
    stats = statSync(base);
  } catch {
    throw new ScaffoldError(`plugin path ${q(given)} does not exist`);
  }
  if (!stats.isDirectory()) throw new ScaffoldError(`plugin path ${q(given)} is not a folder`);
  if (existsSync(path.join(base, PLUGIN_MANIFEST))) return [base];
  const found: string[] = [];
  const entries = readdirSync(base, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith('.') && entry.name !== 'node_modules')
    .map((entry) => entry.name)
    .sort(compareStrings);
  for (const name of entries) {
    const sub = path.join(base, name);
    if (!isDirectory(sub)) continue;
    if (existsSync(path.join(sub, PLUGIN_MANIFEST))) found.push(sub);
    else if (existsSync(path.join(sub, PLUGIN_SUBDIR, PLUGIN_MANIFEST))) found.push(path.join(sub, PLUGIN_SUBDIR));
  }
  if (found.length === 0) {
    throw new ScaffoldError(
      `no ${PLUGIN_MANIFEST} found under plugin path ${q(given)} (looked in the folder, its sub-folders and their ${PLUGIN_SUBDIR}/ folders)`,
    );
  }
  return found;
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Template names compare case-insensitively with `-` and `_` alike (`step-handler` finds `step_handler`). */
export function sameTemplateName(a: string, b: string): boolean {
  return normalizeName(a) === normalizeName(b);
}

function normalizeName(name: string): string {
  return name.toLowerCase().replace(/-/g, '_');
}

export interface ListedTemplate {
  template: TemplateDef;
  /** The plugin whose same-named template (same language) comes first in the search order. */
  shadowedBy?: PluginInfo;
}

export interface TemplateFilter {
  language?: string;
  plugin?: string;
}

/** Templates matching the filter, in search order, with shadowing marked. */
export function listTemplates(catalog: TemplateCatalog, filter: TemplateFilter = {}): ListedTemplate[] {
  const plugin = filter.plugin === undefined ? undefined : findPlugin(catalog, filter.plugin);
  const winners = new Map<string, PluginInfo>();
  const listed: ListedTemplate[] = [];
  for (const template of catalog.templates) {
    const key = `${template.language.toLowerCase()}\u0000${normalizeName(template.name)}`;
    const winner = winners.get(key);
    if (!winner) winners.set(key, template.plugin);
    if (plugin && template.plugin !== plugin) continue;
    if (filter.language !== undefined && template.language.toLowerCase() !== filter.language.toLowerCase()) continue;
    listed.push(winner ? { template, shadowedBy: winner } : { template });
  }
  return listed;
}

export function findPlugin(catalog: TemplateCatalog, name: string): PluginInfo {
  const plugin = catalog.plugins.find((p) => p.name.toLowerCase() === name.toLowerCase());
  if (plugin) return plugin;
  const names = catalog.plugins.map((p) => p.name);
  const close = closestNames(name, names, 1);
  throw new ScaffoldError(
    `unknown plugin ${q(name)}${close.length > 0 ? ` (did you mean ${q(close[0]!)}?)` : ''}; plugins: ${names.join(', ') || 'none'}`,
  );
}

/**
 * The template `name` picks: filtered by plugin and language, the first in search
 * order. Names found in several languages need `--language`.
 */
export function findTemplate(catalog: TemplateCatalog, name: string, filter: TemplateFilter = {}): TemplateDef {
  const plugin = filter.plugin === undefined ? undefined : findPlugin(catalog, filter.plugin);
  const named = catalog.templates.filter((t) => sameTemplateName(t.name, name) && (!plugin || t.plugin === plugin));
  const candidates =
    filter.language === undefined ? named : named.filter((t) => t.language.toLowerCase() === filter.language!.toLowerCase());
  if (candidates.length === 0) {
    if (named.length > 0) {
      const languages = [...new Set(named.map((t) => t.language))].sort(compareStrings);
      throw new ScaffoldError(`template ${q(name)} has no ${filter.language} version; it exists for ${languages.join(', ')}`);
    }
    const pool = catalog.templates.filter((t) => !plugin || t.plugin === plugin).map((t) => t.name);
    const close = closestNames(name, pool, 1);
    throw new ScaffoldError(
      `unknown template ${q(name)}${plugin ? ` in plugin ${q(plugin.name)}` : ''}${close.length > 0 ? ` (did you mean ${q(close[0]!)}?)` : ''}; ` +
        `templates: ${[...new Set(pool)].join(', ') || 'none'} (see tasker-ctl template list)`,
    );
  }
  const languages = [...new Set(candidates.map((t) => t.language.toLowerCase()))];
  if (languages.length > 1) {
    throw new ScaffoldError(
      `template ${q(name)} exists for several languages (${languages.sort(compareStrings).join(', ')}); pick one with --language`,
    );
  }
  return candidates[0]!;
}
