import { readFileSync } from 'node:fs';
import { validateTemplates, validateTemplateText } from '../../app/validate.js';
import { loadProjectConfig, resolveCommandInputs } from '../../config/index.js';
import type { Severity } from '../../diagnostics/diagnostic.js';
import type { OutputFormat } from '../../diagnostics/render/index.js';
import { UsageError } from '../../model/errors.js';

import { reportDiagnostics } from '../report.js';

export interface ValidateTemplatesOptions {
  format: OutputFormat;
  failOn: Severity;
  quiet: boolean;
  verbose?: boolean;
}

/** The name a template read from stdin has in diagnostics. */
export const STDIN_NAME = '<stdin>';

export async function validateTemplatesCommand(paths: string[], options: ValidateTemplatesOptions): Promise<number> {
  const config = loadProjectConfig();
  const result = paths.includes('-') ? validateStdin(paths, config) : validatePaths(paths, config);
  return reportDiagnostics(result.diagnostics, {
    ...options,
    files: result.files.length,
    sourceText: (file) => result.sources.get(file)?.text,
  });
}

function validatePaths(paths: string[], config: ReturnType<typeof loadProjectConfig>): ReturnType<typeof validateTemplates> {
  const inputs = resolveCommandInputs({ templates: paths }, config);
  if (inputs.templates.length === 0)
    throw new UsageError(
      'no template paths given: pass files or directories, e.g. `tasker-ctl validate templates config/tasks`, or set `templates` in the [codegen] table of .config/tasker.toml',
    );
  return validateTemplates(inputs.templates, { severity: inputs.severity });
}

/** `-`: one template text from stdin, as from an editor or a pipe. */
function validateStdin(paths: string[], config: ReturnType<typeof loadProjectConfig>): ReturnType<typeof validateTemplates> {
  if (paths.length > 1) throw new UsageError('`-` (a template on stdin) cannot be combined with other paths');
  // On a terminal there is nothing piped in: waiting for input would look like a hang.
  if (process.stdin.isTTY)
    throw new UsageError('`-` reads a template from stdin; pipe one in, e.g. `cat order.yaml | tasker-ctl validate templates -`');
  const text = readFileSync(process.stdin.fd, 'utf8');
  const inputs = resolveCommandInputs({ templates: [] }, config);
  return validateTemplateText(text, STDIN_NAME, { severity: inputs.severity });
}
