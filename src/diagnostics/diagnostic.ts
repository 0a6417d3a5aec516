/**
 * The one shape every problem takes, anywhere in the tool.
 * Documented in docs/diagnostics.md; the JSON renderer is versioned on it.
 */
import type { Severity } from '../model/codes.js';
import type { Code } from './codes.js';

export type { Code, Severity };

export interface Diagnostic {
  /** Stable rule code, e.g. `unknown-dependency` (see docs/diagnostics.md). */
  code: Code;
  severity: Severity;
  message: string;
  hint?: string;
  /** Relative to the working directory, `/`-separated. */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** JSON pointer into the document (`""` is the document root). */
  pointer: string;
  /** 0-based document index, present when a file holds several documents. */
  document?: number;
  /** Other places involved (the TypeScript side of a registry finding, say). */
  related?: Array<{ message: string; file: string; line: number; column: number }>;
}

/** The severity a policy gives a diagnostic: another severity, `off` to drop it, undefined to keep its own. */
export type SeverityPolicy = (diagnostic: Diagnostic) => Severity | 'off' | undefined;

/** Per-code severity changes; `off` drops the code. */
export type SeverityOverrides = Record<string, Severity | 'off'>;

/** The policy of an API caller: a per-code table, or a policy function (the CLI's, from .config/tasker.toml). */
export function severityPolicyOf(options: { severity?: SeverityPolicy; severities?: SeverityOverrides }): SeverityPolicy | undefined {
  const table = options.severities;
  return (
    options.severity ?? (table ? (diagnostic) => (Object.hasOwn(table, diagnostic.code) ? table[diagnostic.code] : undefined) : undefined)
  );
}

/** Applies a severity policy to diagnostics, once (every layer hands on what it returns). */
export function applySeverityPolicy(diagnostics: readonly Diagnostic[], policy: SeverityPolicy | undefined): Diagnostic[] {
  if (!policy) return [...diagnostics];
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const severity = policy(d);
    if (severity === undefined || severity === d.severity) out.push(d);
    else if (severity !== 'off') out.push({ ...d, severity });
  }
  return out;
}

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export interface DiagnosticSummary {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
}

export function summarize(diagnostics: readonly Diagnostic[], files: number): DiagnosticSummary {
  const summary: DiagnosticSummary = { files, errors: 0, warnings: 0, infos: 0 };
  for (const d of diagnostics) {
    if (d.severity === 'error') summary.errors++;
    else if (d.severity === 'warning') summary.warnings++;
    else summary.infos++;
  }
  return summary;
}

/** Deterministic order: file, position, then code. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    compareStrings(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    compareStrings(a.code, b.code) ||
    compareStrings(a.message, b.message)
  );
}

/** Locale-independent string order, so output does not depend on the machine. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function hasFindingsAtOrAbove(diagnostics: readonly Diagnostic[], threshold: Severity): boolean {
  const rank = SEVERITY_RANK[threshold];
  return diagnostics.some((d) => SEVERITY_RANK[d.severity] >= rank);
}
