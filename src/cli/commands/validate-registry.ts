/** `validate registry`: handlers in code against callables in templates. ts-morph loads here only. */

import { loadProjectConfig, resolveCommandInputs } from '../../config/index.js';
import type { Severity } from '../../diagnostics/diagnostic.js';
import type { OutputFormat } from '../../diagnostics/render/index.js';
import { UsageError } from '../../model/errors.js';

import { reportDiagnostics } from '../report.js';

export interface ValidateRegistryOptions {
  templates?: string[];
  handlers?: string[];
  runtime?: string;
  format: OutputFormat;
  failOn: Severity;
  quiet: boolean;
  verbose?: boolean;
}

export const NO_TEMPLATES =
  'no template paths: pass --templates <paths...> or set `templates` in the [codegen] table of .config/tasker.toml (`tasker-ctl init` writes one)';
export const NO_HANDLERS =
  'no handler paths: pass --handlers <paths...> (folders, files or a tsconfig.json) or set `handlers` in the [codegen] table of .config/tasker.toml';

export async function validateRegistryCommand(options: ValidateRegistryOptions, cwd: string = process.cwd()): Promise<number> {
  const inputs = resolveCommandInputs(
    { templates: options.templates, handlers: options.handlers, runtime: options.runtime },
    loadProjectConfig(cwd),
    cwd,
  );
  if (inputs.templates.length === 0) throw new UsageError(NO_TEMPLATES);
  if (inputs.handlers.length === 0) throw new UsageError(NO_HANDLERS);
  const { checkRegistry } = await import('../../app/registry.js');
  const result = await checkRegistry({
    templates: inputs.templates,
    handlers: inputs.handlers,
    cwd,
    ...(inputs.runtime ? { runtimeModules: [inputs.runtime] } : {}),
    severity: inputs.severity,
  });
  return reportDiagnostics(result.diagnostics, {
    format: options.format,
    failOn: options.failOn,
    quiet: options.quiet,
    verbose: options.verbose,
    files: result.files.length,
    sourceText: (file) => result.sources.get(file)?.text,
  });
}
