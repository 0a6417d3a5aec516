/**
 * How every emitter writes code: as lines (static blocks of code are
 * constants), joined once per file. Values reach the code only through the
 * quoting helpers of plan/naming.ts and value.ts.
 */

/** A JSDoc block as lines; `lines` are made safe so no text can close the comment. */
export function jsDocLines(lines: readonly string[], indent = ''): string[] {
  const safe = lines.flatMap((line) => line.replace(/\*\//g, '*\\/').split(/\r?\n/));
  if (safe.length === 0) return [];
  return [`${indent}/**`, ...safe.map((line) => (line === '' ? `${indent} *` : `${indent} * ${line}`)), `${indent} */`];
}
