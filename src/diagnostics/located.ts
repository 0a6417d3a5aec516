/** Builds diagnostics that point into a loaded document. */

import type { CodeMeta, Severity } from '../model/codes.js';
import type { Anchor, SourceDocument } from '../model/source.js';
import type { Code } from './codes.js';
import type { Diagnostic } from './diagnostic.js';

/** What a producer says about one finding; the code and its default severity come from the code's metadata. */
export interface DiagnosticDetail {
  message: string;
  hint?: string;
  /** Replaces the code's default severity (a finding that is worse, or milder, than usual). */
  severity?: Severity;
}

interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function diagnosticAt(
  source: SourceDocument,
  pointer: string,
  kind: CodeMeta<Code>,
  detail: DiagnosticDetail,
  anchor: Anchor = 'value',
): Diagnostic {
  return located(source.file, source.documentIndex, pointer, source.position(pointer, anchor), kind, detail);
}

export function diagnosticAtOffset(
  source: SourceDocument,
  start: number,
  end: number,
  kind: CodeMeta<Code>,
  detail: DiagnosticDetail,
): Diagnostic {
  const a = source.sourceFile.lines.linePos(start);
  const b = source.sourceFile.lines.linePos(Math.max(start, end));
  return located(source.file, source.documentIndex, '', { line: a.line, column: a.col, endLine: b.line, endColumn: b.col }, kind, detail);
}

/** A finding about a whole file (unreadable, binary, empty): placed at its first character. */
export function fileDiagnostic(file: string, kind: CodeMeta<Code>, detail: DiagnosticDetail): Diagnostic {
  return located(file, 0, '', { line: 1, column: 1, endLine: 1, endColumn: 1 }, kind, detail);
}

/** A finding at a span of any file (a handler source, a plugin manifest). */
export function diagnosticAtSpan(file: string, span: Span, kind: CodeMeta<Code>, detail: DiagnosticDetail): Diagnostic {
  return located(file, 0, '', span, kind, detail);
}

function located(
  file: string,
  documentIndex: number,
  pointer: string,
  span: Span,
  kind: CodeMeta<Code>,
  detail: DiagnosticDetail,
): Diagnostic {
  const diagnostic: Diagnostic = {
    code: kind.code,
    severity: detail.severity ?? kind.severity,
    message: detail.message,
    file,
    line: span.line,
    column: span.column,
    endLine: span.endLine,
    endColumn: span.endColumn,
    pointer,
  };
  if (detail.hint) diagnostic.hint = detail.hint;
  if (documentIndex > 0) diagnostic.document = documentIndex;
  return diagnostic;
}
