/** Human output: file:line:col, severity, code, message, a code frame and the hint. */
import { createColors } from 'picocolors';
import type { Diagnostic, DiagnosticSummary } from '../diagnostic.js';

export interface TextRenderOptions {
  color: boolean;
  /** Source text by file, for code frames; a diagnostic without source gets none. */
  sourceText?: (file: string) => string | undefined;
  /** Lines of context around the reported line. */
  contextLines?: number;
  /** The run exits non-zero: its summary never shows ✔. */
  failing?: boolean;
  /** Findings counted in the summary but not listed, and the flag that lists them. */
  hidden?: number;
  showHidden?: string;
}

export function renderText(diagnostics: readonly Diagnostic[], summary: DiagnosticSummary, options: TextRenderOptions): string {
  const c = createColors(options.color);
  const lines: string[] = [];
  const linesByFile = new Map<string, string[] | undefined>();
  const sourceLines = (file: string): string[] | undefined => {
    if (!linesByFile.has(file)) linesByFile.set(file, options.sourceText?.(file)?.split(/\r?\n/));
    return linesByFile.get(file);
  };
  for (const d of diagnostics) {
    const severity =
      d.severity === 'error' ? c.red(c.bold('error')) : d.severity === 'warning' ? c.yellow(c.bold('warning')) : c.blue('info');
    lines.push(`${c.bold(`${printable(d.file)}:${d.line}:${d.column}`)} ${severity} ${c.dim(d.code)} ${printable(d.message)}`);
    const source = d.severity === 'info' ? undefined : sourceLines(d.file);
    if (source) lines.push(...codeFrame(source, d, options.contextLines ?? 1, c));
    if (d.hint && d.severity !== 'info') lines.push(`  ${c.cyan('hint:')} ${printable(d.hint)}`);
    for (const related of d.related ?? [])
      lines.push(`  ${c.dim('note:')} ${printable(related.file)}:${related.line}:${related.column} ${printable(related.message)}`);
  }
  if (diagnostics.length > 0) lines.push('');
  lines.push(summaryLine(summary, options, c));
  return `${lines.join('\n')}\n`;
}

type Colors = ReturnType<typeof createColors>;

/** Messages quote YAML content: show control characters escaped, so none can move the cursor or recolour the terminal. */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (ch) =>
    ch === '\n' ? '\\n' : ch === '\t' ? '\\t' : `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function codeFrame(source: string[], d: Diagnostic, context: number, c: Colors): string[] {
  if (d.line < 1 || d.line > source.length) return [];
  const first = Math.max(1, d.line - context);
  const last = Math.min(source.length, d.line + context);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = printable((source[n - 1] ?? '').replace(/\t/g, ' '));
    const marker = n === d.line ? c.red('>') : ' ';
    out.push(`  ${marker} ${c.dim(`${String(n).padStart(width)} |`)} ${text}`);
    if (n === d.line) {
      const end = d.endLine === d.line ? d.endColumn : text.length + 1;
      const length = Math.max(1, end - d.column);
      out.push(`    ${' '.repeat(width)} ${c.dim('|')} ${' '.repeat(Math.max(0, d.column - 1))}${c.red('^'.repeat(length))}`);
    }
  }
  return out;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function summaryLine(
  summary: DiagnosticSummary,
  view: Pick<TextRenderOptions, 'failing' | 'hidden' | 'showHidden'> = {},
  c: Colors = createColors(false),
): string {
  const files = plural(summary.files, 'file');
  const hidden = view.hidden
    ? ` (${view.hidden} not shown; ${view.showHidden ?? '--verbose'} to show ${view.hidden === 1 ? 'it' : 'them'})`
    : '';
  if (summary.errors + summary.warnings + summary.infos === 0 && !view.failing) return c.green(`✔ ${files} checked, no problems`);
  const counts = `${[plural(summary.errors, 'error'), plural(summary.warnings, 'warning'), plural(summary.infos, 'info')].join(', ')} in ${files}${hidden}`;
  if (view.failing) return c.red(c.bold(`✖ ${counts}`));
  if (summary.errors + summary.warnings === 0)
    return c.green(`✔ ${files} checked, no errors or warnings, ${plural(summary.infos, 'info')}${hidden}`);
  return c.yellow(`⚠ ${counts}`);
}

/** Colour only on a TTY, and never when NO_COLOR is set (https://no-color.org); FORCE_COLOR forces it. */
export function colorEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  return stream.isTTY === true;
}
