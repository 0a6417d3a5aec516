import { validateTemplates } from '../../app/validate.js';
import { loadProjectConfig, resolveCommandInputs } from '../../config/index.js';
import type { Severity } from '../../diagnostics/diagnostic.js';
import type { OutputFormat } from '../../diagnostics/render/index.js';
import { CliUsageError } from '../errors.js';
import { reportDiagnostics } from '../report.js';

export interface ValidateTemplatesOptions {
  format: OutputFormat;
  failOn: Severity;
  quiet: boolean;
}

export async function validateTemplatesCommand(paths: string[], options: ValidateTemplatesOptions): Promise<number> {
  const inputs = resolveCommandInputs({ templates: paths }, loadProjectConfig());
  if (inputs.templates.length === 0) throw new CliUsageError('no template paths given: pass files or directories, e.g. `tasker-ctl validate templates config/tasks`, or set `templates` in the [codegen] table of .config/tasker.toml');
  const result = validateTemplates(inputs.templates, { severity: inputs.severity });
  return reportDiagnostics(result.diagnostics, {
    ...options,
    files: result.files.length,
    sourceText: (file) => result.sources.get(file)?.text,
  });
}
