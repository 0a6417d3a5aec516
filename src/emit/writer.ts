/** The code writer used by every emitter (ts-morph's CodeBlockWriter: indentation and quoting without a parse). */
import type { CodeBlockWriter } from 'ts-morph';

type WriterClass = typeof CodeBlockWriter;
let writerClass: WriterClass | undefined;

/** Loads ts-morph once; call before `createWriter`. */
export async function loadWriter(): Promise<void> {
  writerClass ??= (await import('ts-morph')).CodeBlockWriter;
}

export function createWriter(): CodeBlockWriter {
  if (!writerClass) throw new Error('loadWriter() must be awaited before createWriter()');
  return new writerClass({ indentNumberOfSpaces: 2, useSingleQuote: true, newLine: '\n' });
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
