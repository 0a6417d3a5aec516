/** Builds diagnostics that point into a loaded document. */
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import { codeInfo } from '../diagnostics/codes.js';
import type { Anchor, SourceDocument } from '../model/source.js';

export interface DiagnosticInput {
  code: string;
  message: string;
  hint?: string;
  /** Defaults to the code's severity in the code table. */
  severity?: Severity;
}

export function diagnosticAt(source: SourceDocument, pointer: string, input: DiagnosticInput, anchor: Anchor = 'value'): Diagnostic {
  const position = source.position(pointer, anchor);
  return finish(source, pointer, position, input);
}

export function diagnosticAtOffset(source: SourceDocument, start: number, end: number, input: DiagnosticInput): Diagnostic {
  const a = source.sourceFile.lines.linePos(start);
  const b = source.sourceFile.lines.linePos(Math.max(start, end));
  return finish(source, '', { line: a.line, column: a.col, endLine: b.line, endColumn: b.col }, input);
}

function finish(
  source: SourceDocument,
  pointer: string,
  position: { line: number; column: number; endLine: number; endColumn: number },
  input: DiagnosticInput,
): Diagnostic {
  const diagnostic: Diagnostic = {
    code: input.code,
    severity: input.severity ?? codeInfo(input.code)?.severity ?? 'error',
    message: input.message,
    file: source.file,
    ...position,
    pointer,
  };
  if (input.hint) diagnostic.hint = input.hint;
  if (source.documentIndex > 0) diagnostic.document = source.documentIndex;
  return diagnostic;
}
