/**
 * Programmatic API of tasker-ctl. The CLI is a thin layer over these functions.
 */

export type { GenerateOptions, GenerateResult } from './app/generate.js';
export { generateProject } from './app/generate.js';
export type { RegistryCheckOptions, RegistryCheckResult } from './app/registry.js';
export { checkRegistry } from './app/registry.js';
export type { ValidateOptions, ValidationResult } from './app/validate.js';
export { validateTemplates } from './app/validate.js';
export type { Rule, SeverityOverrides } from './check/index.js';
export { checkTemplates, TEMPLATE_RULES } from './check/index.js';
export { loadProjectConfig, resolveCommandInputs } from './config/index.js';
export type { Code } from './diagnostics/codes.js';
export { CODE_LIST, CODES } from './diagnostics/codes.js';
export type { Diagnostic, DiagnosticSummary, Severity } from './diagnostics/diagnostic.js';
export { compareDiagnostics, summarize } from './diagnostics/diagnostic.js';
export type { LoadOptions, LoadResult, SourceFile } from './load/index.js';
export { loadTemplates, loadTemplateText, UsageError } from './load/index.js';
export type { Category, CodeMeta } from './model/codes.js';
export type * from './model/template.js';
