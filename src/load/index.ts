/**
 * load: YAML files → task template models with source positions.
 * The loader reports only what stops a document from becoming a model
 * (unreadable, not YAML, not a mapping); everything else is left to check.
 */
import { readFileSync } from 'node:fs';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { compareDiagnostics } from '../diagnostics/diagnostic.js';
import { diagnosticAt, fileDiagnostic } from '../diagnostics/located.js';
import { describeJsonType, isJsonObject } from '../model/json.js';
import type { SourceFile } from '../model/source.js';
import type { JsonValue, TaskTemplate } from '../model/template.js';
import { LOAD_CODES } from './codes.js';
import { type FoundFile, findTemplateFiles } from './files.js';
import { normalizeTemplate } from './normalize.js';
import { DEFAULT_PARSE_LIMITS, decodeSource, type ParseLimits, parseSource } from './parse.js';

export interface LoadOptions {
  /** Base for relative paths in diagnostics (default: process.cwd()). */
  cwd?: string;
  limits?: Partial<ParseLimits>;
}

export interface LoadResult {
  templates: TaskTemplate[];
  diagnostics: Diagnostic[];
  /** Every file read, in load order (relative paths). */
  files: string[];
  /** Source text by relative path, for code frames. */
  sources: Map<string, SourceFile>;
}

/** Loads templates from files and directories. Throws UsageError only for paths that do not exist. */
export function loadTemplates(paths: readonly string[], options: LoadOptions = {}): LoadResult {
  return loadFiles(findTemplateFiles(paths, options.cwd ?? process.cwd()), options);
}

/** Loads already-found files, in the order given. */
export function loadFiles(files: readonly FoundFile[], options: LoadOptions = {}): LoadResult {
  const limits = { ...DEFAULT_PARSE_LIMITS, ...options.limits };
  const result: LoadResult = { templates: [], diagnostics: [], files: [], sources: new Map() };
  for (const file of files) loadFile(file, limits, result);
  result.diagnostics.sort(compareDiagnostics);
  return result;
}

/** Loads one template text (e.g. from stdin); `file` is the name used in diagnostics. */
export function loadTemplateText(text: string, file: string, options: LoadOptions = {}): LoadResult {
  const limits = { ...DEFAULT_PARSE_LIMITS, ...options.limits };
  const result: LoadResult = { templates: [], diagnostics: [], files: [file], sources: new Map() };
  const bytes = Buffer.from(text, 'utf8');
  addParsed(decodeSource(bytes, file, limits), { file, absolutePath: file }, limits, result);
  result.diagnostics.sort(compareDiagnostics);
  return result;
}

/**
 * Any YAML (or JSON) text read the way templates are (duplicate keys, the
 * alias budget, depth limits): the first document's value, and the problems
 * found, positioned. For side files such as visualize's annotations.
 */
export function readYamlText(text: string, file: string): { value: JsonValue | undefined; diagnostics: Diagnostic[] } {
  const parsed = parseSource(text, file, file, DEFAULT_PARSE_LIMITS);
  return { value: parsed.documents[0]?.value, diagnostics: parsed.diagnostics };
}

function loadFile(found: FoundFile, limits: ParseLimits, result: LoadResult): void {
  result.files.push(found.file);
  let bytes: Buffer;
  try {
    bytes = readFileSync(found.absolutePath);
  } catch (error) {
    result.diagnostics.push(
      fileDiagnostic(found.file, LOAD_CODES['unreadable-file'], {
        message: `cannot read file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      }),
    );
    return;
  }
  addParsed(decodeSource(bytes, found.file, limits), found, limits, result);
}

function addParsed(decoded: string | Diagnostic, found: FoundFile, limits: ParseLimits, result: LoadResult): void {
  if (typeof decoded !== 'string') {
    result.diagnostics.push(decoded);
    return;
  }
  const parsed = parseSource(decoded, found.file, found.absolutePath, limits);
  if (parsed.sourceFile) result.sources.set(found.file, parsed.sourceFile);
  result.diagnostics.push(...parsed.diagnostics);
  for (const document of parsed.documents) {
    if (document.value === undefined) continue;
    if (!isJsonObject(document.value)) {
      result.diagnostics.push(
        diagnosticAt(document.source, '', LOAD_CODES['root-not-mapping'], {
          message: `a task template must be a mapping, found ${describeJsonType(document.value)}`,
          hint: 'Start the document with `name:`, `namespace_name:`, `version:` and `steps:`.',
        }),
      );
      continue;
    }
    result.templates.push(normalizeTemplate(document.value, document.source));
  }
}

export type { Anchor, SourceFile, SourcePosition } from '../model/source.js';
export { joinPointer, pointerSegment, SourceDocument } from '../model/source.js';
export * from '../model/template.js';
export type { FoundFile } from './files.js';
export { findTemplateFiles, UsageError } from './files.js';
