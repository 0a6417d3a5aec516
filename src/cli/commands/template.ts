/** `template list|info|generate|visualize`: argument handling and printing over src/scaffold. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  discoverTemplates,
  findTemplate,
  formatGenerateReport,
  formatTemplateInfo,
  formatTemplateList,
  generateTemplate,
  listTemplates,
  parseAnnotations,
  parseParamArgs,
  visualizeSource,
  type DiscoverOptions,
  type TemplateDef,
} from '../../scaffold/index.js';
import { loadProjectConfig } from '../../config/index.js';
import { atomicWriteFileSync } from '../../write/atomic.js';
import { CliUsageError, ExitCode } from '../errors.js';

interface PluginOptions {
  pluginPath?: string[];
}

interface Configured {
  /** Absolute plugin folders from `[codegen] plugin_paths` of .config/tasker.toml. */
  pluginPaths: string[];
  /** `[codegen] runtime`: the default of a template's `runtime` parameter. */
  runtime?: string;
}

function configured(): Configured {
  const config = loadProjectConfig();
  return {
    pluginPaths: config.pluginPaths?.value ?? [],
    ...(config.runtime ? { runtime: config.runtime.value } : {}),
  };
}

/** Search paths: --plugin-path entries first, then the configured ones. */
function discoverOptions(options: PluginOptions, config: Configured): DiscoverOptions {
  return { pluginPaths: [...(options.pluginPath ?? []), ...config.pluginPaths] };
}

export interface TemplateListOptions extends PluginOptions {
  language?: string;
  plugin?: string;
  json?: boolean;
}

export function templateListCommand(options: TemplateListOptions): number {
  const catalog = discoverTemplates(discoverOptions(options, configured()));
  const listed = listTemplates(catalog, { language: options.language, plugin: options.plugin });
  if (options.json) {
    const rows = listed.map(({ template, shadowedBy }) => ({
      name: template.name,
      language: template.language,
      plugin: template.plugin.name,
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
  const catalog = discoverTemplates(discoverOptions(options, configured()));
  const template = findTemplate(catalog, name, { language: options.language, plugin: options.plugin });
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
    outputs: template.outputs.map((o) => ({ template: o.template, filename: o.filename.source, ...(o.subdir ? { subdir: o.subdir.source } : {}) })),
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
  const catalog = discoverTemplates(discoverOptions(options, config));
  const filter = { language: options.language, plugin: options.plugin };
  const template = findTemplate(catalog, name, filter);
  // The configured runtime module is the default of a template's `runtime` parameter.
  if (config.runtime !== undefined && !Object.hasOwn(params, 'runtime') && template.parameters.some((p) => p.name === 'runtime')) {
    params.runtime = config.runtime;
  }
  const result = generateTemplate(name, {
    catalog,
    ...filter,
    params,
    outDir: options.output ?? '.',
    force: options.force,
    dryRun: options.dryRun,
  });
  const dryRun = options.dryRun ?? false;
  if (result.conflicts.length > 0 && !dryRun) {
    const shown = result.conflicts.map((c) => path.join(result.plan.outDir, ...c.path.split('/')).split(path.sep).join('/'));
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
  const annotations = options.annotations === undefined ? undefined : parseAnnotations(readText(options.annotations, 'annotations file'), options.annotations);
  const source = yaml === '-' ? { text: readStdin(), name: '<stdin>' } : { path: yaml };
  const text = visualizeSource(source, { annotations, graphOnly: options.graphOnly });
  if (options.output === undefined || options.output === '-') process.stdout.write(text);
  else {
    if (options.output.trim() === '') throw new CliUsageError('--output is empty');
    try {
      atomicWriteFileSync(path.resolve(options.output), text);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === undefined) throw error;
      throw new CliUsageError(`cannot write ${JSON.stringify(options.output)}: ${code}`);
    }
    process.stderr.write(`wrote ${options.output}\n`);
  }
  return ExitCode.ok;
}

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliUsageError(`cannot read ${what} ${JSON.stringify(file)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function readStdin(): string {
  try {
    return readFileSync(0, 'utf8');
  } catch (error) {
    throw new CliUsageError(`cannot read the template from stdin: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
