/**
 * `validate registry` as an API: do the handlers in TypeScript / JavaScript
 * code and the callables in task templates match? Found statically, before
 * deploy: load the templates (unless given), scan the handler sources, compare.
 * See docs/registry.md.
 *
 * Importing this module is cheap: ts-morph is loaded by `checkRegistry` only,
 * when it scans the sources.
 */
import {
  applySeverityPolicy,
  compareDiagnostics,
  type Diagnostic,
  type DiagnosticSummary,
  type SeverityOverrides,
  type SeverityPolicy,
  severityPolicyOf,
  summarize,
} from '../diagnostics/diagnostic.js';
import { type LoadResult, loadTemplates } from '../load/index.js';
import type { TaskTemplate } from '../model/template.js';
import { compareRegistry } from '../registry/compare.js';
import type { ScanOptions } from '../registry/scan.js';
import type { HandlerScan } from '../registry/types.js';

export interface RegistryCheckOptions {
  /** Template files or folders, or templates already loaded (their load diagnostics are then the caller's). */
  templates: readonly string[] | { templates: readonly TaskTemplate[]; files?: readonly string[]; sources?: LoadResult['sources'] };
  /** Handler source folders, files, or a tsconfig.json. */
  handlers: readonly string[];
  /** Base for relative paths (default: process.cwd()). */
  cwd?: string;
  /** Module specifiers that export the DSL besides `tasker-ctl/runtime` and `@tasker-systems/tasker` (e.g. the configured runtime). */
  runtimeModules?: readonly string[];
  /** Severity of each diagnostic, applied once here. */
  severity?: SeverityPolicy;
  /** A per-code table, used when `severity` is not given. */
  severities?: SeverityOverrides;
}

export interface RegistryCheckResult {
  diagnostics: Diagnostic[];
  summary: DiagnosticSummary;
  /** Template files, then handler files, as shown in diagnostics. */
  files: string[];
  /** Text by file (templates and sources), for code frames. */
  sources: Map<string, { text: string }>;
  templates: readonly TaskTemplate[];
  scan: HandlerScan;
}

export async function checkRegistry(options: RegistryCheckOptions): Promise<RegistryCheckResult> {
  const cwd = options.cwd ?? process.cwd();
  let templates: readonly TaskTemplate[];
  let templateFiles: readonly string[] = [];
  const sources = new Map<string, { text: string }>();
  let loadDiagnostics: Diagnostic[] = [];
  if (isPathList(options.templates)) {
    const loaded: LoadResult = loadTemplates(options.templates, { cwd });
    templates = loaded.templates;
    templateFiles = loaded.files;
    loadDiagnostics = loaded.diagnostics;
    for (const [file, source] of loaded.sources) sources.set(file, source);
  } else {
    templates = options.templates.templates;
    templateFiles = options.templates.files ?? [...new Set(templates.map((t) => t.source.file))];
    for (const [file, source] of options.templates.sources ?? []) sources.set(file, source);
  }

  const scan = await scanSources(options.handlers, { cwd, ...(options.runtimeModules ? { runtimeModules: options.runtimeModules } : {}) });
  for (const [file, text] of scan.sources) if (!sources.has(file)) sources.set(file, { text });

  const diagnostics = applySeverityPolicy([...loadDiagnostics, ...compareRegistry(templates, scan)], severityPolicyOf(options)).sort(
    compareDiagnostics,
  );
  const files = [...templateFiles, ...scan.files];
  return { diagnostics, summary: summarize(diagnostics, files.length), files, sources, templates, scan };
}

function isPathList(value: RegistryCheckOptions['templates']): value is readonly string[] {
  return Array.isArray(value);
}

/** Scans handler sources; ts-morph's TypeScript loads here, on first use. */
async function scanSources(paths: readonly string[], options: ScanOptions): Promise<HandlerScan> {
  const { scanHandlers } = await import('../registry/scan.js');
  return scanHandlers(paths, options);
}
