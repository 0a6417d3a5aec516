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
  const loaded = loadTemplates(paths, options);
  const diagnostics = [
    ...applySeverities(loaded.diagnostics, options.severities),
    ...checkTemplates(loaded.templates, { severities: options.severities }),
  ].sort(compareDiagnostics);
  return { ...loaded, diagnostics, summary: summarize(diagnostics, loaded.files.length) };
}

