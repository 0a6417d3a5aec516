import { readFileSync } from 'node:fs';
import type { Severity } from '../../diagnostics/diagnostic.js';
import type { OutputFormat } from '../../diagnostics/render/index.js';
import { table, validatePlugins } from '../../scaffold/index.js';
import { ExitCode } from '../errors.js';
import { reportDiagnostics } from '../report.js';
import { templateCatalog } from './template.js';

export interface PluginListOptions {
  pluginPath?: string[];
  refresh?: boolean;
  json?: boolean;
}

export function pluginListCommand(options: PluginListOptions): number {
  const { plugins, templates } = templateCatalog(options);
  const rows = plugins.map((plugin) => ({
    name: plugin.name,
    language: plugin.language,
    version: plugin.version,
    source: plugin.source ?? '',
    templates: templates.filter((t) => t.plugin === plugin).map((t) => t.name),
  }));
  if (options.json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return ExitCode.ok;
  }
  const header = ['PLUGIN', 'LANGUAGE', 'VERSION', 'SOURCE', 'TEMPLATES'];
  const lines = table([header, ...rows.map((r) => [r.name, r.language, r.version, r.source, r.templates.join(', ')])], '');
  process.stdout.write(`${lines.join('\n')}\n`);
  return ExitCode.ok;
}

export interface PluginValidateOptions {
  format: OutputFormat;
  failOn: Severity;
  quiet: boolean;
  verbose?: boolean;
}

export function pluginValidateCommand(given: string, options: PluginValidateOptions): number {
  const result = validatePlugins(given);
  if (options.format === 'text' && !options.quiet && result.diagnostics.length === 0) {
    process.stderr.write(`tasker-ctl: ${result.rendered} template${result.rendered === 1 ? '' : 's'} rendered with sample values\n`);
  }
  const sourceText = (file: string): string | undefined => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  };
  return reportDiagnostics(result.diagnostics, { ...options, files: result.files.length, sourceText });
}
