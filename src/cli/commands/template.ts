/** `template list|info|generate|visualize`: argument handling and printing over src/scaffold. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAnnotations, visualizeSource } from '../../app/visualize.js';
import { type CliSettings, loadProjectConfig } from '../../config/index.js';
import { UsageError } from '../../model/errors.js';
import { closestNames } from '../../model/suggest.js';
import {
  type DiscoverOptions,
  discoverTemplates,
  findTemplate,
  formatGenerateReport,
  formatTemplateInfo,
  formatTemplateList,
  generateTemplate,
  listTemplates,
  parseParamArgs,
  type RemoteSource,
  resolveRemote,
  ScaffoldError,
  type TemplateCatalog,
  type TemplateDef,
  urlRemote,
  writeTextFile,
} from '../../scaffold/index.js';
import { ExitCode } from '../errors.js';

interface PluginOptions {
  pluginPath?: string[];
  /** Only the plugins of this configured remote. */
  remote?: string;
  /** Only the plugins of this git repository. */
  url?: string;
  /** Fetch remotes even when their cached copy is fresh. */
  refresh?: boolean;
}

interface Configured {
  /** Absolute plugin folders: `[codegen] plugin_paths`, then `[cli] plugin-paths` of .config/tasker.toml. */
  pluginPaths: string[];
  /** `[codegen] runtime`: the default of a template's `runtime` parameter. */
  runtime?: string;
  /** `[cli]`: remotes and the template defaults the Rust tool reads. */
  cli?: CliSettings;
}

function configured(): Configured {
  const config = loadProjectConfig();
  return {
    pluginPaths: [...(config.pluginPaths?.value ?? []), ...(config.cli?.pluginPaths ?? [])],
    ...(config.runtime ? { runtime: config.runtime.value } : {}),
    ...(config.cli ? { cli: config.cli } : {}),
  };
}

/** Search paths: --plugin-path entries first, then the configured ones. */
function discoverOptions(options: PluginOptions, config: Configured): DiscoverOptions {
  return { pluginPaths: [...(options.pluginPath ?? []), ...config.pluginPaths] };
}

/** The remotes a command reads: `--url`, or `--remote`, else every configured one. */
function selectedRemotes(options: PluginOptions, config: Configured): RemoteSource[] {
  if (options.url !== undefined) return [urlRemote(options.url)];
  const remotes = config.cli?.remotes ?? [];
  if (options.remote === undefined) return remotes;
  const found = remotes.find((r) => r.name === options.remote);
  if (found) return [found];
  const close = closestNames(
    options.remote,
    remotes.map((r) => r.name),
    1,
  );
  throw new UsageError(
    `unknown remote ${JSON.stringify(options.remote)}${close[0] ? ` (did you mean ${JSON.stringify(close[0])}?)` : ''}; configured remotes: ${remotes.map((r) => r.name).join(', ') || 'none ([[cli.remotes]] in .config/tasker.toml)'}`,
  );
}

/** Local copies of the remotes (cloned or refreshed as needed); one that cannot be had is an error only when it was asked for by name. */
function remoteDirs(options: PluginOptions, config: Configured): Array<{ dir: string; label: string }> {
  const explicit = options.url !== undefined || options.remote !== undefined;
  const dirs: Array<{ dir: string; label: string }> = [];
  for (const source of selectedRemotes(options, config)) {
    try {
      const resolved = resolveRemote(source, { maxAgeHours: config.cli?.cacheMaxAgeHours ?? 24, refresh: options.refresh ?? false });
      if (resolved.note) process.stderr.write(`tasker-ctl: ${resolved.note}\n`);
      if (resolved.status === 'cloned') process.stderr.write(`tasker-ctl: fetched ${source.url} into the cache\n`);
      dirs.push({ dir: resolved.dir, label: options.url !== undefined ? source.url : `remote ${source.name}` });
    } catch (error) {
      if (explicit || !(error instanceof ScaffoldError)) throw error;
      process.stderr.write(`tasker-ctl: warning: ${error.message}; its templates are left out\n`);
    }
  }
  return dirs;
}

/**
 * The catalog to search. With `--remote`/`--url`, that remote's plugins only;
 * otherwise local plugins and the built-ins, then (when `withRemotes`) every
 * configured remote, as the Rust tool searches them.
 */
function catalog(options: PluginOptions, config: Configured, withRemotes: boolean): TemplateCatalog {
  if (options.url !== undefined || options.remote !== undefined)
    return discoverTemplates({ builtins: false, remotes: remoteDirs(options, config) });
  return discoverTemplates({ ...discoverOptions(options, config), ...(withRemotes ? { remotes: remoteDirs(options, config) } : {}) });
}

/** A template found locally first; the configured remotes are fetched only when it is not there. */
function findWithRemotes(
  name: string,
  options: PluginOptions,
  config: Configured,
  filter: { language?: string; plugin?: string },
): { catalog: TemplateCatalog; template: TemplateDef } {
  const local = catalog(options, config, false);
  try {
    return { catalog: local, template: findTemplate(local, name, filter) };
  } catch (error) {
    if (
      !(error instanceof ScaffoldError) ||
      options.url !== undefined ||
      options.remote !== undefined ||
      (config.cli?.remotes ?? []).length === 0
    )
      throw error;
    const all = catalog(options, config, true);
    return { catalog: all, template: findTemplate(all, name, filter) };
  }
}

/** Every plugin a `template` command would see (local, built in, configured remotes): for `plugin list`. */
export function templateCatalog(options: PluginOptions): TemplateCatalog {
  return catalog(options, configured(), true);
}

export interface TemplateListOptions extends PluginOptions {
  language?: string;
  plugin?: string;
  json?: boolean;
}

export function templateListCommand(options: TemplateListOptions): number {
  const listed = listTemplates(catalog(options, configured(), true), { language: options.language, plugin: options.plugin });
  if (options.json) {
    const rows = listed.map(({ template, shadowedBy }) => ({
      name: template.name,
      language: template.language,
      plugin: template.plugin.name,
      source: template.plugin.source,
      description: template.description,
      ...(shadowedBy ? { shadowedBy: shadowedBy.name } : {}),
    }));
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  } else process.stdout.write(formatTemplateList(listed, options.language !== undefined || options.plugin !== undefined));
  return ExitCode.ok;
}

export interface TemplateInfoOptions extends PluginOptions {
  language?: string;
  plugin?: string;
  json?: boolean;
}

export function templateInfoCommand(name: string, options: TemplateInfoOptions): number {
  const config = configured();
  const { template } = findWithRemotes(name, options, config, {
    language: options.language ?? config.cli?.defaultLanguage,
    plugin: options.plugin,
  });
  process.stdout.write(options.json ? `${JSON.stringify(templateJson(template), null, 2)}\n` : formatTemplateInfo(template));
  return ExitCode.ok;
}

function templateJson(template: TemplateDef): unknown {
  return {
    name: template.name,
    description: template.description,
    language: template.language,
    plugin: { name: template.plugin.name, version: template.plugin.version, builtin: template.plugin.builtin },
    parameters: template.parameters.map((p) => ({
      name: p.name,
      description: p.description,
      required: p.required,
      ...(p.default ? { default: p.default.source } : {}),
      ...(p.pattern ? { pattern: p.pattern.source } : {}),
      ...(p.choices ? { choices: p.choices } : {}),
    })),
    outputs: template.outputs.map((o) => ({
      template: o.template,
      filename: o.filename.source,
      ...(o.subdir ? { subdir: o.subdir.source } : {}),
    })),
  };
}

export interface TemplateGenerateOptions extends PluginOptions {
  param?: string[];
  language?: string;
  plugin?: string;
  output?: string;
  force?: boolean;
  dryRun?: boolean;
}

export function templateGenerateCommand(name: string, options: TemplateGenerateOptions): number {
  const config = configured();
  const params = parseParamArgs(options.param ?? []);
  // `default-language` and `default-output-dir` of [cli] apply as in the Rust tool.
  const filter = { language: options.language ?? config.cli?.defaultLanguage, plugin: options.plugin };
  const { catalog, template } = findWithRemotes(name, options, config, filter);
  // The configured runtime module is the default of a template's `runtime` parameter.
  if (config.runtime !== undefined && !Object.hasOwn(params, 'runtime') && template.parameters.some((p) => p.name === 'runtime')) {
    params.runtime = config.runtime;
  }
  const result = generateTemplate(name, {
    catalog,
    ...filter,
    params,
    outDir: options.output ?? config.cli?.defaultOutputDir ?? '.',
    force: options.force,
    dryRun: options.dryRun,
  });
  const dryRun = options.dryRun ?? false;
  if (result.conflicts.length > 0 && !dryRun) {
    const shown = result.conflicts.map((c) =>
      path
        .join(result.plan.outDir, ...c.path.split('/'))
        .split(path.sep)
        .join('/'),
    );
    process.stderr.write(
      `tasker-ctl: refusing to overwrite ${shown.length === 1 ? 'an existing file' : `${shown.length} existing files`}: ${shown.join(', ')}; ` +
        'nothing was written (pass --force to overwrite, or choose another --output)\n',
    );
    return ExitCode.findings;
  }
  process.stdout.write(formatGenerateReport(result.plan, { dryRun, notes: result.notes }));
  return dryRun && result.conflicts.length > 0 ? ExitCode.findings : ExitCode.ok;
}

export interface TemplateVisualizeOptions {
  annotations?: string;
  output?: string;
  graphOnly?: boolean;
}

export function templateVisualizeCommand(yaml: string, options: TemplateVisualizeOptions): number {
  const annotations =
    options.annotations === undefined
      ? undefined
      : parseAnnotations(readText(options.annotations, 'annotations file'), options.annotations);
  const source = yaml === '-' ? { text: readStdin(), name: '<stdin>' } : { path: yaml };
  const text = visualizeSource(source, { annotations, graphOnly: options.graphOnly });
  if (options.output === undefined || options.output === '-') process.stdout.write(text);
  else {
    if (options.output.trim() === '') throw new UsageError('--output is empty');
    try {
      writeTextFile(options.output, text);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === undefined) throw error;
      throw new UsageError(`cannot write ${JSON.stringify(options.output)}: ${code}`);
    }
    process.stderr.write(`wrote ${options.output}\n`);
  }
  return ExitCode.ok;
}

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read ${what} ${JSON.stringify(file)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

function readStdin(): string {
  try {
    return readFileSync(0, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the template from stdin: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
