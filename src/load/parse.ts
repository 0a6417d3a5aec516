/**
 * YAML → plain JSON plus a pointer → source-range map, in one walk per
 * document. Hostile input (alias bombs, binary files, huge files, deep
 * nesting) becomes a diagnostic, never a crash or a hang.
 */
import { createRequire } from 'node:module';
import type { Document, Node as YamlNode, YAMLError } from 'yaml';
import type { JsonValue } from './model.js';
import { jsonObject } from '../model/json.js';
import { LineIndex, SCHEMA_ROOT, SourceDocument, joinPointer, type SourceFile } from './source.js';
import { parseFast } from './fast-parse.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnosticAt, diagnosticAtOffset } from './located.js';
import { unescapePointerSegment } from '../model/json-pointer.js';

type Yaml = typeof import('yaml');
let yamlModule: Yaml | undefined;

/** The full parser (the `yaml` package) loads only when the fast path leaves a file to it. */
function yaml(): Yaml {
  yamlModule ??= createRequire(import.meta.url)('yaml') as Yaml;
  return yamlModule;
}

export interface ParseLimits {
  /** Files larger than this many bytes are refused. */
  maxFileBytes: number;
  /** Nodes that alias expansion may add, across one document. */
  maxAliasExpansion: number;
  /** Deepest nesting accepted. */
  maxDepth: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = {
  maxFileBytes: 2 * 1024 * 1024,
  maxAliasExpansion: 10_000,
  maxDepth: 128,
};

export interface ParsedDocument {
  source: SourceDocument;
  /** The document's content as plain JSON; undefined when it could not be used. */
  value: JsonValue | undefined;
}

export interface ParsedFile {
  sourceFile?: SourceFile;
  documents: ParsedDocument[];
  diagnostics: Diagnostic[];
}

/** Checks raw bytes and decodes them; returns a diagnostic instead of text when they are not UTF-8 text. */
export function decodeSource(bytes: Uint8Array, file: string, limits: ParseLimits): string | Diagnostic {
  const atStart = (code: string, message: string, hint?: string): Diagnostic =>
    fileDiagnostic(file, code, message, hint);
  if (bytes.byteLength > limits.maxFileBytes) {
    return atStart(
      'file-too-large',
      `file is ${bytes.byteLength} bytes, over the ${limits.maxFileBytes}-byte limit`,
      'Task templates are small; check that this is the file you meant.',
    );
  }
  if (bytes.includes(0)) {
    return atStart('binary-file', 'file looks binary (it contains NUL bytes)', 'Pass only YAML task templates.');
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return atStart('binary-file', 'file is not valid UTF-8', 'Save the file as UTF-8.');
  }
}

/** @param options.fastPath false forces the full parser (tests compare the two paths). */
export function parseSource(text: string, file: string, absolutePath: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS, options: { fastPath?: boolean } = {}): ParsedFile {
  const sourceFile: SourceFile = { file, absolutePath, text, lines: new LineIndex(text) };
  const diagnostics: Diagnostic[] = [];
  const documents: ParsedDocument[] = [];

  const tooDeep = flowNestingProblem(text, limits.maxDepth);
  if (tooDeep !== undefined) {
    const { line, col: column } = sourceFile.lines.linePos(tooDeep);
    diagnostics.push({
      ...fileDiagnostic(file, 'yaml-syntax', `nesting deeper than ${limits.maxDepth} levels`, 'Task templates nest a few levels; this looks like broken or hostile input.'),
      line,
      column,
      endLine: line,
      endColumn: column + 1,
    });
    return { sourceFile, documents, diagnostics };
  }

  // Plain documents (nearly all templates) take the fast path; the rest, and every error, this one.
  const fast = options.fastPath === false ? undefined : parseFast(sourceFile, limits);
  if (fast) return { sourceFile, documents: fast, diagnostics };

  let parsed: Document.Parsed[];
  try {
    const stream = yaml().parseAllDocuments(text, { uniqueKeys: true, prettyErrors: false, keepSourceTokens: false });
    parsed = Array.isArray(stream) ? stream : [];
  } catch (error) {
    // The parser recurses; absurd nesting can overflow its stack.
    diagnostics.push(fileDiagnostic(file, 'yaml-syntax', `YAML could not be parsed: ${(error as Error).message}`));
    return { sourceFile, documents, diagnostics };
  }

  const usable = usableDocuments(parsed);
  if (usable.length === 0) {
    diagnostics.push(
      fileDiagnostic(file, 'empty-file', 'file holds no template', 'A task template needs at least `name`, `namespace_name`, `version` and `steps`.'),
    );
    return { sourceFile, documents, diagnostics };
  }

  usable.forEach((doc, documentIndex) => {
    const source = new SourceDocument(sourceFile, documentIndex);
    const onlyDuplicateKeys = doc.errors.every((error) => error.code === 'DUPLICATE_KEY');
    if (!onlyDuplicateKeys) {
      diagnostics.push(...doc.errors.map((error) => unclosedDelimiterDiagnostic(doc, source, error) ?? yamlErrorDiagnostic(source, error)));
      documents.push({ source, value: undefined });
      return;
    }
    const walker = new JsonWalker(doc, source, limits, () => fillSchemaRanges(text, documentIndex, source, limits));
    const value = walker.run();
    // After the walk, every key has a pointer: name the duplicated key and point at it.
    diagnostics.push(...doc.errors.map((error) => duplicateKeyDiagnostic(source, error)));
    if (walker.failure) {
      diagnostics.push(walker.failure);
      documents.push({ source, value: undefined });
      return;
    }
    documents.push({ source, value });
  });
  return { sourceFile, documents, diagnostics };
}

/** Documents that hold something: empty ones (a lone `---`, a trailing separator) are skipped. */
function usableDocuments(parsed: Document.Parsed[]): Document.Parsed[] {
  return parsed.filter((doc) => doc.errors.length > 0 || !(doc.contents === null || (yaml().isScalar(doc.contents) && doc.contents.value === null && doc.contents.source === '')));
}

/**
 * Records the ranges inside schema subtrees, which the first walk skipped: parses the text again.
 * Only files the fast path refused come here (it fills its own documents), so no point trying it.
 */
function fillSchemaRanges(text: string, documentIndex: number, source: SourceDocument, limits: ParseLimits): void {
  const doc = usableDocuments(yaml().parseAllDocuments(text, { uniqueKeys: true, prettyErrors: false }) as Document.Parsed[])[documentIndex];
  if (doc) new JsonWalker(doc, source, limits, undefined).run();
}

function duplicateKeyDiagnostic(source: SourceDocument, error: YAMLError): Diagnostic {
  for (const [pointer, ranges] of source.entries()) {
    if (ranges.key?.start !== error.pos[0]) continue;
    const key = unescapePointerSegment(pointer.slice(pointer.lastIndexOf('/') + 1));
    return diagnosticAt(source, pointer, {
      code: 'duplicate-key',
      message: `duplicate mapping key \`${key}\``,
      hint: 'YAML keeps only the last value; remove or rename one of the keys.',
    }, 'key');
  }
  return yamlErrorDiagnostic(source, error);
}

/** Fails fast on absurd flow nesting (`[[[[…`), before the parser recurses into it. */
function flowNestingProblem(text: string, maxDepth: number): number | undefined {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"') i++;
      else if (c === '\n') quote = undefined; // an unterminated quote: let the parser report it
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else if (c === '[' || c === '{') {
      if (++depth > maxDepth) return i;
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  return undefined;
}

const CLOSERS: Record<string, string> = { '[': ']', '{': '}', '"': '"', "'": "'" };
const DELIMITED = { '[': 'flow sequence', '{': 'flow mapping', '"': 'double-quoted string', "'": 'single-quoted string' } as const;

/**
 * An error the parser reports where it gave up, for a `[`, `{` or quote that
 * was never closed, is reported at that opening delimiter instead (as rustc's
 * "unclosed delimiter"), with where the parser gave up as a related location.
 */
function unclosedDelimiterDiagnostic(doc: Document.Parsed, source: SourceDocument, error: YAMLError): Diagnostic | undefined {
  if (!/end with a [\]}]|Missing closing/.test(error.message)) return undefined;
  const text = source.sourceFile.text;
  let opening: number | undefined;
  yaml().visit(doc, {
    Node(_, node) {
      const start = node.range?.[0];
      if (start === undefined || start >= error.pos[0]) return;
      const delimiter = text[start]!;
      const closer = CLOSERS[delimiter];
      const isFlow = yaml().isCollection(node) && node.flow;
      const isQuoted = yaml().isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE');
      if (closer === undefined || !(isFlow || isQuoted)) return;
      const body = text.slice(start + 1, node.range![1]).trimEnd();
      if (!body.endsWith(closer) && (opening === undefined || start > opening)) opening = start;
    },
  });
  if (opening === undefined) return undefined;
  const delimiter = text[opening]! as keyof typeof DELIMITED;
  const gaveUp = source.sourceFile.lines.linePos(error.pos[0]);
  const diagnostic = diagnosticAtOffset(source, opening, opening + 1, {
    code: 'yaml-syntax',
    message: `unclosed \`${delimiter}\`: this ${DELIMITED[delimiter]} never ends with \`${CLOSERS[delimiter]}\``,
    hint: delimiter === '[' || delimiter === '{' ? `Close it with \`${CLOSERS[delimiter]}\`, or indent its continuation lines past the key.` : `Close it with \`${CLOSERS[delimiter]}\`.`,
  });
  diagnostic.related = [{ message: `the YAML parser gave up here: ${error.message.split('\n')[0]}`, file: source.file, line: gaveUp.line, column: gaveUp.col }];
  return diagnostic;
}

function yamlErrorDiagnostic(source: SourceDocument, error: YAMLError): Diagnostic {
  const duplicate = error.code === 'DUPLICATE_KEY';
  const message = error.message.split('\n')[0] ?? error.message;
  return diagnosticAtOffset(source, error.pos[0], error.pos[1], {
    code: duplicate ? 'duplicate-key' : 'yaml-syntax',
    message: duplicate ? message.replace(/^Map keys must be unique.*/, 'duplicate mapping key') : message,
    hint: duplicate ? 'YAML keeps only one of the values; remove or rename the other key.' : undefined,
  });
}

export function fileDiagnostic(file: string, code: string, message: string, hint?: string): Diagnostic {
  const diagnostic: Diagnostic = { code, severity: 'error', message, file, line: 1, column: 1, endLine: 1, endColumn: 1, pointer: '' };
  if (hint) diagnostic.hint = hint;
  return diagnostic;
}

class AbortWalk extends Error {}


/** Turns a YAML AST into plain JSON while recording the range of every pointer. */
class JsonWalker {
  failure: Diagnostic | undefined;
  private expanded = 0;
  /** The outermost alias being expanded: where an alias bomb is reported. */
  private aliasSite: string | undefined;

  /** >0 while inside a schema subtree whose ranges are deferred. */
  private deferring = 0;

  /** @param fillDeferred when given, schema subtrees are not recorded now; this records them later. */
  constructor(
    private readonly doc: Document.Parsed,
    private readonly source: SourceDocument,
    private readonly limits: ParseLimits,
    private readonly fillDeferred: (() => void) | undefined,
  ) {}

  run(): JsonValue | undefined {
    try {
      return this.visit(this.doc.contents, '', undefined, 0, 0);
    } catch (error) {
      if (error instanceof AbortWalk) return undefined;
      throw error;
    }
  }

  private fail(node: YamlNode | null | undefined, code: string, message: string, hint?: string): never {
    const range = node?.range;
    this.failure = diagnosticAtOffset(this.source, range?.[0] ?? 0, range?.[1] ?? 0, { code, message, hint });
    throw new AbortWalk();
  }

  /**
   * @param aliasDepth >0 while expanding an alias: ranges then stay at the
   *   alias itself (its use site) and every node counts against the budget.
   */
  private visit(node: unknown, pointer: string, keyNode: YamlNode | undefined, depth: number, aliasDepth: number): JsonValue {
    if (depth > this.limits.maxDepth) {
      this.fail(node as YamlNode, 'yaml-syntax', `nesting deeper than ${this.limits.maxDepth} levels`);
    }
    if (aliasDepth > 0 && ++this.expanded > this.limits.maxAliasExpansion) {
      this.failure = diagnosticAt(this.source, this.aliasSite ?? pointer, {
        code: 'yaml-alias-limit',
        message: `aliases expand to more than ${this.limits.maxAliasExpansion} nodes`,
        hint: 'This looks like an alias-expansion bomb; expand the data by hand or use fewer nested aliases.',
      });
      throw new AbortWalk();
    }
    if (aliasDepth === 0 && this.deferring === 0 && node && typeof node === 'object' && 'range' in node) {
      const range = (node as YamlNode).range;
      if (range) {
        const keyRange = keyNode?.range;
        this.source.record(pointer, keyRange ? keyRange[0] : -1, keyRange ? keyRange[1] : -1, range[0], range[1]);
      }
    }
    if (node === null || node === undefined) return null;
    if (yaml().isAlias(node)) {
      const target = node.resolve(this.doc);
      if (!target) this.fail(node, 'yaml-syntax', `unresolved alias *${node.source}`);
      if (aliasDepth === 0) this.aliasSite = pointer;
      const value = this.visit(target, pointer, keyNode, depth + 1, aliasDepth + 1);
      if (aliasDepth === 0) this.aliasSite = undefined;
      return value;
    }
    if (yaml().isScalar(node)) return scalarToJson(node.value);
    if (yaml().isSeq(node)) {
      return node.items.map((item, index) => this.visit(item, joinPointer(pointer, index), undefined, depth + 1, aliasDepth));
    }
    if (yaml().isMap(node)) {
      const out = jsonObject();
      const merged: Array<{ [key: string]: JsonValue }> = [];
      for (const pair of node.items) {
        if (!yaml().isPair(pair)) continue;
        const key = keyToString(pair.key);
        if (key === '<<' && !(yaml().isScalar(pair.key) && pair.key.type !== 'PLAIN')) {
          merged.push(...this.mergeSources(pair.value, pointer, depth, aliasDepth));
          continue;
        }
        const childPointer = joinPointer(pointer, key);
        const deferHere = this.fillDeferred !== undefined && this.deferring === 0 && aliasDepth === 0 && depth <= 4 && SCHEMA_ROOT.test(childPointer);
        if (deferHere) {
          // Record the schema root itself, then skip ranges inside it.
          const keyRange = (pair.key as YamlNode | null)?.range;
          const range = (pair.value as YamlNode | null)?.range;
          if (range) this.source.record(childPointer, keyRange?.[0] ?? -1, keyRange?.[1] ?? -1, range[0], range[1]);
          this.source.deferSubtree(childPointer, this.fillDeferred!);
          this.deferring++;
          try {
            out[key] = this.visit(pair.value, childPointer, pair.key as YamlNode, depth + 1, aliasDepth);
          } finally {
            this.deferring--;
          }
        } else {
          out[key] = this.visit(pair.value, childPointer, pair.key as YamlNode, depth + 1, aliasDepth);
        }
      }
      // `<<: *base` fills only keys the mapping does not set itself.
      for (const source of merged) {
        for (const [key, value] of Object.entries(source)) if (!Object.hasOwn(out, key)) out[key] = value;
      }
      return out;
    }
    this.fail(node as YamlNode, 'yaml-syntax', 'unsupported YAML node');
  }

  private mergeSources(value: unknown, pointer: string, depth: number, aliasDepth: number): Array<{ [key: string]: JsonValue }> {
    const sources = yaml().isSeq(value) ? value.items : [value];
    if (aliasDepth === 0) this.aliasSite = pointer;
    return sources.map((item) => {
      const json = this.visit(item, pointer, undefined, depth + 1, aliasDepth + 1);
      if (!json || typeof json !== 'object' || Array.isArray(json)) {
        this.fail(item as YamlNode, 'yaml-syntax', 'merge key `<<` needs a mapping or a list of mappings');
      }
      return json;
    });
  }
}

function keyToString(key: unknown): string {
  if (yaml().isScalar(key)) return key.value === null ? '' : String(key.value);
  if (key === null || key === undefined) return '';
  return String(key);
}

function scalarToJson(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

