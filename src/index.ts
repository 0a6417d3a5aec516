/**
 * Programmatic API of tasker-ctl. The CLI is a thin layer over these functions.
 */
import { applySeverities, checkTemplates, type SeverityOverrides } from './check/index.js';
import { compareDiagnostics, summarize, type Diagnostic, type DiagnosticSummary } from './diagnostics/diagnostic.js';
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

export { loadTemplates, loadTemplateText, UsageError } from './load/index.js';
export type * from './load/model.js';
export type { LoadOptions, LoadResult, SourceFile } from './load/index.js';
export { checkTemplates, TEMPLATE_RULES } from './check/index.js';
export type { SeverityOverrides, CheckOptions, Rule } from './check/index.js';
export { CODES } from './diagnostics/codes.js';
export type { Diagnostic, DiagnosticSummary, Severity } from './diagnostics/diagnostic.js';
export { summarize, compareDiagnostics };
