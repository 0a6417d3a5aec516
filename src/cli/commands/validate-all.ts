/**
 * Bare `validate`: templates, then the registry check when handler paths are
 * configured, then the freshness of generated files (generate in check mode)
 * when an output folder is configured. One report, one exit code.
 */
import path from 'node:path';
import { UsageError } from '../../model/errors.js';
import type { Diagnostic, Severity } from '../../diagnostics/diagnostic.js';
import { compareDiagnostics } from '../../diagnostics/diagnostic.js';
import type { OutputFormat } from '../../diagnostics/render/index.js';
import { loadProjectConfig, resolveCommandInputs } from '../../config/index.js';
import { validateTemplates } from '../../app/validate.js';
import type { FileChange } from '../../write/types.js';
import { PROJECT_CODES } from '../../write/codes.js';
import { fileDiagnostic } from '../../load/index.js';

import { reportDiagnostics } from '../report.js';
import { NO_TEMPLATES } from './validate-registry.js';
import { closestNames } from '../../model/suggest.js';

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

  const validation = validateTemplates(inputs.templates, { cwd, severity: inputs.severity });
  const diagnostics: Diagnostic[] = [...validation.diagnostics];
  const files = [...validation.files];
  const sources = new Map<string, { text: string }>(validation.sources);

  if (inputs.handlers.length > 0) {
    // One load serves both checks: the registry compares the templates validated above.
    const { checkRegistry } = await import('../../registry/index.js');
    const registry = await checkRegistry({ templates: validation, handlers: inputs.handlers, cwd, severity: inputs.severity, ...(inputs.runtime ? { runtimeModules: [inputs.runtime] } : {}) });
    diagnostics.push(...registry.diagnostics);
    files.push(...registry.scan.files);
    for (const [file, source] of registry.sources) if (!sources.has(file)) sources.set(file, source);
  }

  if (inputs.out !== undefined) {
    const { generateValidated } = await import('../../app/generate.js');
    const generated = await generateValidated(validation, {
      cwd,
      outDir: inputs.out,
      mode: 'check',
      ...(inputs.runtime ? { runtimeModule: inputs.runtime } : {}),
      severity: inputs.severity,
    });
    // Template diagnostics are already in; only the generation's own findings (plan) and the file report are new.
    const seen = new Set(diagnostics.map(key));
    diagnostics.push(...generated.diagnostics.filter((d) => !seen.has(key(d))));
    for (const change of generated.report?.changes ?? []) {
      const stale = staleDiagnostic(change, inputs.out, cwd);
      if (stale) diagnostics.push(stale);
    }
  }

  const skipped = [
    inputs.handlers.length === 0 ? 'the registry check (no handler paths: --handlers or [codegen] handlers)' : '',
    inputs.out === undefined ? 'generated files (no output folder: --out or [codegen] out)' : '',
  ].filter(Boolean);
  if (skipped.length > 0 && options.format === 'text' && !options.quiet) process.stderr.write(`tasker-ctl: note: not checked: ${skipped.join('; ')}\n`);
  return reportDiagnostics(diagnostics.sort(compareDiagnostics), {
    format: options.format,
    failOn: options.failOn,
    quiet: options.quiet,
    verbose: options.verbose,
    files: files.length,
    sourceText: (file) => sources.get(file)?.text,
  });
}

function key(d: Diagnostic): string {
  return `${d.code}\0${d.file}\0${d.line}\0${d.column}\0${d.message}`;
}

const STALE_MESSAGES: Partial<Record<FileChange['action'], string>> = {
  create: 'is missing: `tasker-ctl generate` would create it',
  update: 'is out of date: `tasker-ctl generate` would rewrite it',
  remove: 'is stale: no template generates it any more, `tasker-ctl generate` would remove it',
  'refuse-not-generated': 'is in the way: it was not written by tasker-ctl, so `tasker-ctl generate` refuses to replace it',
};

function staleDiagnostic(change: FileChange, outDir: string, cwd: string): Diagnostic | undefined {
  const message = STALE_MESSAGES[change.action];
  if (!message) return undefined;
  const file = path.relative(cwd, path.resolve(cwd, outDir, change.path)).split(path.sep).join('/');
  return fileDiagnostic(file, PROJECT_CODES['stale-generated-file'], {
    message: `${file} ${message}${change.reason ? ` (${change.reason})` : ''}`,
    hint: change.action === 'refuse-not-generated' ? 'Move the file away, or choose another output folder.' : `Run \`tasker-ctl generate\` (or \`tasker-ctl generate --check\` for the diff) and commit the result.`,
  });
}

/** `validate registy`: an unknown sub-command is a usage error, with a suggestion. */
export function unknownValidateCommand(given: string, known: readonly string[]): never {
  const suggestion = closestNames(given, known, 1)[0];
  throw new UsageError(`unknown command 'validate ${given}'${suggestion ? ` (did you mean 'validate ${suggestion}'?)` : ''}; sub-commands: ${known.join(', ')}`);
}
