/**
 * Programmatic API of tasker-ctl. The CLI is a thin layer over these functions.
 */
export { validateTemplates } from './app/validate.js';
export type { ValidateOptions, ValidationResult } from './app/validate.js';
export { loadTemplates, loadTemplateText, UsageError } from './load/index.js';
export type * from './model/template.js';
export type { LoadOptions, LoadResult, SourceFile } from './load/index.js';
export { checkTemplates, TEMPLATE_RULES } from './check/index.js';
export type { SeverityOverrides, Rule } from './check/index.js';
export { CODES, CODE_LIST } from './diagnostics/codes.js';
export type { Code } from './diagnostics/codes.js';
export type { CodeMeta, Category } from './model/codes.js';
export type { Diagnostic, DiagnosticSummary, Severity } from './diagnostics/diagnostic.js';
export { compareDiagnostics, summarize } from './diagnostics/diagnostic.js';
export { checkRegistry } from './registry/index.js';
export type { RegistryCheckOptions, RegistryCheckResult } from './registry/index.js';
export { generateProject } from './app/generate.js';
export type { GenerateOptions, GenerateResult } from './app/generate.js';
export { loadProjectConfig, resolveCommandInputs } from './config/index.js';
