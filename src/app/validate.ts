/** `validate templates` as an API: load, then every check rule. Light: no generator modules. */
import { checkTemplates } from '../check/index.js';
import { applySeverityPolicy, compareDiagnostics, severityPolicyOf, summarize, type DiagnosticSummary, type SeverityOverrides, type SeverityPolicy } from '../diagnostics/diagnostic.js';
import { loadTemplates, type LoadOptions, type LoadResult } from '../load/index.js';

export interface ValidateOptions extends LoadOptions {
  /** Severity of each diagnostic (the configuration's global and per-path severities), applied once here. */
  severity?: SeverityPolicy;
  /** A per-code table, for API callers; used when `severity` is not given. */
  severities?: SeverityOverrides;
}

export interface ValidationResult extends LoadResult {
  summary: DiagnosticSummary;
}

/** Loads templates and runs every check rule: the model and all diagnostics, as data. */
export function validateTemplates(paths: readonly string[], options: ValidateOptions = {}): ValidationResult {
  return checkLoaded(loadTemplates(paths, options), options);
}

/** Runs every check rule over loaded templates and applies the severity policy. */
export function checkLoaded(loaded: LoadResult, options: ValidateOptions = {}): ValidationResult {
  const diagnostics = applySeverityPolicy([...loaded.diagnostics, ...checkTemplates(loaded.templates)], severityPolicyOf(options)).sort(compareDiagnostics);
  return { ...loaded, diagnostics, summary: summarize(diagnostics, loaded.files.length) };
}
