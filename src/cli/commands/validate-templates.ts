import { validateTemplates } from '../../index.js';
import type { Severity } from '../../diagnostics/diagnostic.js';
import type { OutputFormat } from '../../diagnostics/render/index.js';
import { CliUsageError } from '../errors.js';
import { reportDiagnostics } from '../report.js';

export interface ValidateTemplatesOptions {
  format: OutputFormat;
  failOn: Severity;
  quiet: boolean;
}

export function validateTemplatesCommand(paths: string[], options: ValidateTemplatesOptions): number {
  if (paths.length === 0) throw new CliUsageError('no template paths given: pass files or directories, e.g. `tasker-ctl validate templates config/tasks`');
  const result = validateTemplates(paths);
  return reportDiagnostics(result.diagnostics, {
    ...options,
    files: result.files.length,
    sourceText: (file) => result.sources.get(file)?.text,
  });
}
