/** Prints diagnostics in the chosen format and turns them into an exit code. */
import type { Diagnostic, DiagnosticSummary, Severity } from '../diagnostics/diagnostic.js';
import { hasFindingsAtOrAbove, summarize } from '../diagnostics/diagnostic.js';
import { colorEnabled, renderDiagnostics, type OutputFormat } from '../diagnostics/render/index.js';
import { ExitCode } from './errors.js';
import { toolVersion } from './version.js';

export interface ReportOptions {
  format: OutputFormat;
  failOn: Severity;
  quiet: boolean;
  files: number;
  sourceText?: (file: string) => string | undefined;
}

export function reportDiagnostics(diagnostics: readonly Diagnostic[], options: ReportOptions): number {
  const shown = options.quiet ? diagnostics.filter((d) => d.severity === 'error') : diagnostics;
  const summary: DiagnosticSummary = summarize(shown, options.files);
  const output = renderDiagnostics({
    format: options.format,
    diagnostics: shown,
    summary,
    toolVersion: toolVersion(),
    text: { color: colorEnabled(process.stderr), sourceText: options.sourceText },
  });
  (output.stream === 'stdout' ? process.stdout : process.stderr).write(output.content);
  return hasFindingsAtOrAbove(diagnostics, options.failOn) ? ExitCode.findings : ExitCode.ok;
}
