/** `validate templates` as an API: load, then every check rule. Light: no generator modules. */
import { checkTemplates } from '../check/index.js';
import {
  applySeverityPolicy,
  compareDiagnostics,
  type DiagnosticSummary,
  type SeverityOverrides,
  type SeverityPolicy,
  severityPolicyOf,
  summarize,
} from '../diagnostics/diagnostic.js';
import { type LoadOptions, type LoadResult, loadTemplates, loadTemplateText } from '../load/index.js';

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
  const diagnostics = applySeverityPolicy([...loaded.diagnostics, ...checkTemplates(loaded.templates)], severityPolicyOf(options)).sort(
    compareDiagnostics,
  );
  return { ...loaded, diagnostics, summary: summarize(diagnostics, loaded.files.length) };
}

/** One template text (stdin, an editor buffer) under a display name, validated like a file. */
export function validateTemplateText(text: string, name: string, options: ValidateOptions = {}): ValidationResult {
  return checkLoaded(loadTemplateText(text, name, options), options);
}
