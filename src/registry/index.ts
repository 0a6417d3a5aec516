/**
 * `validate registry` as an API: do the handlers in TypeScript / JavaScript
 * code and the callables in task templates match? Found statically, before
 * deploy. See docs/registry.md.
 *
 * Importing this module is cheap: ts-morph is loaded by `checkRegistry` only,
 * in a worker thread that scans the sources while the templates load.
 */
import { applySeverityPolicy, compareDiagnostics, severityPolicyOf, summarize, type Diagnostic, type DiagnosticSummary, type SeverityOverrides, type SeverityPolicy } from '../diagnostics/diagnostic.js';
import { loadTemplates, type LoadResult } from '../load/index.js';
import type { TaskTemplate } from '../load/model.js';
import { startHandlerScan, type PendingScan } from './background.js';
import { compareRegistry } from './compare.js';
import type { HandlerScan } from './types.js';

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
  /** Scan sources in a worker thread while templates load (default: true). */
  parallel?: boolean;
  /** A scan already started with `startHandlerScan` (then `handlers` is not scanned again). */
  scan?: PendingScan;
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
  // Sources are scanned (in a worker) while the templates load on this thread.
  const scanning =
    options.scan ??
    startHandlerScan(options.handlers, {
      cwd,
      ...(options.runtimeModules ? { runtimeModules: options.runtimeModules } : {}),
      ...(options.parallel !== undefined ? { parallel: options.parallel } : {}),
    });
  // A failed scan is reported once awaited; until then, do not let it count as unhandled.
  scanning.catch(() => undefined);
  let templates: readonly TaskTemplate[];
  let templateFiles: readonly string[] = [];
  const sources = new Map<string, { text: string }>();
  let loadDiagnostics: Diagnostic[] = [];
  if (isPathList(options.templates)) {
    let loaded: LoadResult;
    try {
      loaded = loadTemplates(options.templates, { cwd });
    } catch (error) {
      scanning.cancel();
      throw error;
    }
    templates = loaded.templates;
    templateFiles = loaded.files;
    loadDiagnostics = loaded.diagnostics;
    for (const [file, source] of loaded.sources) sources.set(file, source);
  } else {
    templates = options.templates.templates;
    templateFiles = options.templates.files ?? [...new Set(templates.map((t) => t.source.file))];
    for (const [file, source] of options.templates.sources ?? []) sources.set(file, source);
  }

  const scan = await scanning;
  for (const [file, text] of scan.sources) if (!sources.has(file)) sources.set(file, { text });

  const diagnostics = applySeverityPolicy([...loadDiagnostics, ...compareRegistry(templates, scan)], severityPolicyOf(options)).sort(compareDiagnostics);
  const files = [...templateFiles, ...scan.files];
  return { diagnostics, summary: summarize(diagnostics, files.length), files, sources, templates, scan };
}

function isPathList(value: RegistryCheckOptions['templates']): value is readonly string[] {
  return Array.isArray(value);
}

export { compareRegistry, templateLabel } from './compare.js';
export { startHandlerScan } from './background.js';
export type { PendingScan, StartScanOptions } from './background.js';
export { inputKeys } from './input-keys.js';
export type { InputKeys } from './input-keys.js';
export { DSL_FUNCTIONS, DSL_MODULES } from './types.js';
export type * from './types.js';
