import { checkProject } from '../../app/check-project.js';
import { loadProjectConfig, resolveCommandInputs } from '../../config/index.js';
import type { Severity } from '../../diagnostics/diagnostic.js';
import type { OutputFormat } from '../../diagnostics/render/index.js';
import { UsageError } from '../../model/errors.js';
import { closestNames } from '../../model/suggest.js';
import { reportDiagnostics } from '../report.js';
import { NO_TEMPLATES } from './validate-registry.js';

export interface ValidateAllOptions {
  templates?: string[];
  handlers?: string[];
  out?: string;
  runtime?: string;
  format: OutputFormat;
  failOn: Severity;
  quiet: boolean;
  verbose?: boolean;
}

export async function validateAllCommand(options: ValidateAllOptions, cwd: string = process.cwd()): Promise<number> {
  const inputs = resolveCommandInputs(options, loadProjectConfig(cwd), cwd);
  if (inputs.templates.length === 0) throw new UsageError(NO_TEMPLATES);

  const result = await checkProject({
    templates: inputs.templates,
    handlers: inputs.handlers,
    ...(inputs.out === undefined ? {} : { out: inputs.out }),
    ...(inputs.runtime ? { runtime: inputs.runtime } : {}),
    severity: inputs.severity,
    cwd,
  });

  const skipped = [
    inputs.handlers.length === 0 ? 'the registry check (no handler paths: --handlers or [codegen] handlers)' : '',
    inputs.out === undefined ? 'generated files (no output folder: --out or [codegen] out)' : '',
  ].filter(Boolean);
  if (skipped.length > 0 && options.format === 'text' && !options.quiet)
    process.stderr.write(`tasker-ctl: note: not checked: ${skipped.join('; ')}\n`);
  return reportDiagnostics(result.diagnostics, {
    format: options.format,
    failOn: options.failOn,
    quiet: options.quiet,
    verbose: options.verbose,
    files: result.files.length,
    sourceText: (file) => result.sources.get(file)?.text,
  });
}

/** `validate registy`: an unknown sub-command is a usage error, with a suggestion. */
export function unknownValidateCommand(given: string, known: readonly string[]): never {
  const suggestion = closestNames(given, known, 1)[0];
  throw new UsageError(
    `unknown command 'validate ${given}'${suggestion ? ` (did you mean 'validate ${suggestion}'?)` : ''}; sub-commands: ${known.join(', ')}`,
  );
}
