/** `validate templates` as an API: load, then every check rule. Light: no generator modules. */
import { applySeverities, checkTemplates, type SeverityOverrides } from './check/index.js';
import { compareDiagnostics, summarize, type DiagnosticSummary } from './diagnostics/diagnostic.js';
import { loadFilesYielding, loadTemplates, type FoundFile, type LoadOptions, type LoadResult, type TaskTemplate } from './load/index.js';

export interface ValidateOptions extends LoadOptions {
  severities?: SeverityOverrides;
}

export interface ValidationResult extends LoadResult {
  summary: DiagnosticSummary;
}

/** Loads templates and runs every check rule: the model and all diagnostics, as data. */
export function validateTemplates(paths: readonly string[], options: ValidateOptions = {}): ValidationResult {
  return checkLoaded(loadTemplates(paths, options), options);
}

/** `validateTemplates` over files already found, handing templates over as they load and lets a worker thread's replies in (see `loadFilesYielding`). */
export async function validateFilesYielding(
  files: readonly FoundFile[],
  options: ValidateOptions = {},
  onTemplates?: (templates: readonly TaskTemplate[]) => void,
): Promise<ValidationResult> {
  return checkLoaded(await loadFilesYielding(files, options, { onTemplates }), options);
}

function checkLoaded(loaded: LoadResult, options: ValidateOptions): ValidationResult {
  const diagnostics = [
    ...applySeverities(loaded.diagnostics, options.severities),
    ...checkTemplates(loaded.templates, { severities: options.severities }),
  ].sort(compareDiagnostics);
  return { ...loaded, diagnostics, summary: summarize(diagnostics, loaded.files.length) };
}

