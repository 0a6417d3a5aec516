/** `validate templates` as an API: load, then every check rule. Light: no generator modules. */
import { applySeverities, checkTemplates, type SeverityOverrides } from './check/index.js';
import { compareDiagnostics, summarize, type DiagnosticSummary } from './diagnostics/diagnostic.js';
import { loadTemplates, type LoadOptions, type LoadResult } from './load/index.js';

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

/** `validateTemplates` for large projects: files are loaded on two threads (same result). */
export async function validateTemplatesParallel(paths: readonly string[], options: ValidateOptions = {}): Promise<ValidationResult> {
  const { loadTemplatesParallel } = await import('./load/parallel.js');
  return checkLoaded(await loadTemplatesParallel(paths, options), options);
}

function checkLoaded(loaded: LoadResult, options: ValidateOptions): ValidationResult {
  const diagnostics = [
    ...applySeverities(loaded.diagnostics, options.severities),
    ...checkTemplates(loaded.templates, { severities: options.severities }),
  ].sort(compareDiagnostics);
  return { ...loaded, diagnostics, summary: summarize(diagnostics, loaded.files.length) };
}

