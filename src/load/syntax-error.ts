/**
 * Wording a YAML syntax error. js-yaml (the reading path, parse.ts) found the
 * file invalid; the `yaml` package then says what is wrong and where, in words
 * that read better, and an unclosed `[`, `{` or quote is reported at its
 * opening (as rustc's "unclosed delimiter"). This is the `yaml` package's only
 * role: it reads no template.
 */
import { createRequire } from 'node:module';
import type { Document, YAMLError } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnosticAtOffset } from '../diagnostics/located.js';
import { SourceDocument, type SourceFile } from '../model/source.js';
import { LOAD_CODES } from './codes.js';

type Yaml = typeof import('yaml');
let yamlModule: Yaml | undefined;

/** The `yaml` package loads only when a file has a syntax error. */
function yaml(): Yaml {
  yamlModule ??= createRequire(import.meta.url)('yaml') as Yaml;
  return yamlModule;
}

interface JsYamlError {
  message: string;
  reason?: string;
  mark?: { position: number };
}

/** The diagnostics of a file js-yaml refused with `error`. */
export function syntaxDiagnostics(sourceFile: SourceFile, error: unknown, maxDepth: number): Diagnostic[] {
  const jsYaml = error as JsYamlError;
  const position = jsYaml.mark?.position ?? 0;
  const reason = jsYaml.reason ?? String(jsYaml.message ?? error).split('\n')[0]!;
  const fallback = diagnosticAtOffset(new SourceDocument(sourceFile, 0), position, position + 1, LOAD_CODES['yaml-syntax'], {
    message: reason,
  });
  // Absurd nesting: js-yaml stopped at the limit; the other parser would recurse into it. Reported at the first node too deep.
  const tooDeep = flowNestingProblem(sourceFile.text, maxDepth);
  if (tooDeep !== undefined || /maxDepth/.test(reason)) {
    const at = tooDeep ?? position;
    return [
      diagnosticAtOffset(new SourceDocument(sourceFile, 0), at, at + 1, LOAD_CODES['yaml-syntax'], {
        message: `nesting deeper than ${maxDepth} levels`,
        hint: 'Task templates nest a few levels; this looks like broken or hostile input.',
      }),
    ];
  }
  let parsed: Document.Parsed[];
  try {
    parsed = yaml().parseAllDocuments(sourceFile.text, { prettyErrors: false, uniqueKeys: false }) as Document.Parsed[];
  } catch {
    return [fallback];
  }
  const diagnostics: Diagnostic[] = [];
  (Array.isArray(parsed) ? parsed : []).forEach((doc, index) => {
    const source = new SourceDocument(sourceFile, index);
    for (const found of doc.errors) diagnostics.push(unclosedDelimiterDiagnostic(doc, source, found) ?? yamlErrorDiagnostic(source, found));
  });
  // The two parsers disagree on a few corner cases: then js-yaml's own words, at its place.
  return diagnostics.length > 0 ? diagnostics : [fallback];
}

/** Fails fast on absurd flow nesting (`[[[[…`), before a parser recurses into it. */
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
 * was never closed, is reported at that opening delimiter instead, with where
 * the parser gave up as a related location.
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
  const diagnostic = diagnosticAtOffset(source, opening, opening + 1, LOAD_CODES['yaml-syntax'], {
    message: `unclosed \`${delimiter}\`: this ${DELIMITED[delimiter]} never ends with \`${CLOSERS[delimiter]}\``,
    hint:
      delimiter === '[' || delimiter === '{'
        ? `Close it with \`${CLOSERS[delimiter]}\`, or indent its continuation lines past the key.`
        : `Close it with \`${CLOSERS[delimiter]}\`.`,
  });
  diagnostic.related = [
    { message: `the YAML parser gave up here: ${error.message.split('\n')[0]}`, file: source.file, line: gaveUp.line, column: gaveUp.col },
  ];
  return diagnostic;
}

function yamlErrorDiagnostic(source: SourceDocument, error: YAMLError): Diagnostic {
  const message = error.message.split('\n')[0] ?? error.message;
  return diagnosticAtOffset(source, error.pos[0], error.pos[1], LOAD_CODES['yaml-syntax'], { message });
}
