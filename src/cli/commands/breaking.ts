import { checkBreaking } from '../../app/breaking.js';
import { loadProjectConfig, resolveCommandInputs } from '../../config/index.js';
import type { Severity } from '../../diagnostics/diagnostic.js';
import type { OutputFormat } from '../../diagnostics/render/index.js';
import { UsageError } from '../../model/errors.js';

import { reportDiagnostics } from '../report.js';

export interface BreakingCommandOptions {
  against: string;
  format: OutputFormat;
  failOn: Severity;
  quiet: boolean;
  verbose?: boolean;
}

export function breakingCommand(paths: string[], options: BreakingCommandOptions): number {
  const inputs = resolveCommandInputs({ templates: paths }, loadProjectConfig());
  if (inputs.templates.length === 0) {
    throw new UsageError(
      'no template paths given: pass files or directories, e.g. `tasker-ctl breaking config/tasks --against origin/main`, or set `templates` in .config/tasker.toml',
    );
  }
  const result = checkBreaking(inputs.templates, { against: options.against, severity: inputs.severity });
  if (options.format === 'text' && !options.quiet) {
    process.stderr.write(
      `tasker-ctl: compared with ${result.against.label} (${result.against.kind === 'git' ? 'git revision' : 'folder'}, ${result.against.files} file${result.against.files === 1 ? '' : 's'})\n`,
    );
  }
  return reportDiagnostics(result.diagnostics, {
    ...options,
    files: result.summary.files,
    sourceText: (file) => result.sources.get(file)?.text,
  });
}
