/**
 * Machine output, version 1 (documented in docs/diagnostics.md):
 * { version: 1, summary: { files, errors, warnings, infos }, diagnostics: [...] }
 */
import type { Diagnostic, DiagnosticSummary } from '../diagnostic.js';

export const JSON_FORMAT_VERSION = 1;

export function renderJson(diagnostics: readonly Diagnostic[], summary: DiagnosticSummary): string {
  return `${JSON.stringify({ version: JSON_FORMAT_VERSION, summary, diagnostics }, null, 2)}\n`;
}
