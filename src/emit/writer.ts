/**
 * The code writer used by every emitter: ts-morph's CodeBlockWriter
 * (indentation and quoting without a parse), imported from its own package
 * `code-block-writer`, which ts-morph re-exports. Importing it through
 * ts-morph would load the TypeScript compiler too: about 0.6 s that
 * `generate` has no use for.
 */
import CodeBlockWriter from 'code-block-writer';

export type { CodeBlockWriter };

export function createWriter(): CodeBlockWriter {
  return new CodeBlockWriter({ indentNumberOfSpaces: 2, useSingleQuote: true, newLine: '\n' });
}

/** A JSDoc block as lines; `lines` are made safe so no text can close the comment. */
export function jsDocLines(lines: readonly string[], indent = ''): string[] {
  const safe = lines.flatMap((line) => line.replace(/\*\//g, '*\\/').split(/\r?\n/));
  if (safe.length === 0) return [];
  return [`${indent}/**`, ...safe.map((line) => (line === '' ? `${indent} *` : `${indent} * ${line}`)), `${indent} */`];
}

/** Writes a JSDoc block; `lines` are made safe so no text can close the comment. */
export function writeJsDoc(writer: CodeBlockWriter, lines: readonly string[]): void {
  for (const line of jsDocLines(lines)) writer.writeLine(line);
}
