/** Prints diagnostics in the chosen format and turns them into an exit code. */
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import { hasFindingsAtOrAbove, summarize } from '../diagnostics/diagnostic.js';
import { colorEnabled, type OutputFormat, renderDiagnostics } from '../diagnostics/render/index.js';
import { ExitCode } from './errors.js';
import { toolVersion } from './version.js';

export interface ReportOptions {
  format: OutputFormat;
  failOn: Severity;
  /** Show errors only. */
  quiet: boolean;
  /** Show every finding, infos included (text output otherwise only counts infos; machine formats always carry them). Wins over quiet. */
  verbose?: boolean;
  files: number;
  sourceText?: (file: string) => string | undefined;
}

/** The diagnostics a report shows: --verbose shows all; --quiet hides all but errors; text output hides infos. */
export function shownDiagnostics(
  diagnostics: readonly Diagnostic[],
  options: Pick<ReportOptions, 'format' | 'quiet' | 'verbose'>,
): Diagnostic[] {
  if (options.verbose) return [...diagnostics];
  if (options.quiet) return diagnostics.filter((d) => d.severity === 'error');
  if (options.format === 'text') return diagnostics.filter((d) => d.severity !== 'info');
  return [...diagnostics];
}

/** Hiding changes what is listed, never what is counted: the summary counts every finding and says how many are not shown. */
export function reportDiagnostics(diagnostics: readonly Diagnostic[], options: ReportOptions): number {
  const shown = shownDiagnostics(diagnostics, options);
  const hiddenInfos = diagnostics.filter((d) => d.severity === 'info').length - shown.filter((d) => d.severity === 'info').length;
  const exitCode = hasFindingsAtOrAbove(diagnostics, options.failOn) ? ExitCode.findings : ExitCode.ok;
  const output = renderDiagnostics({
    format: options.format,
    diagnostics: shown,
    summary: summarize(diagnostics, options.files),
    toolVersion: toolVersion(),
    text: {
      color: colorEnabled(process.stderr),
      sourceText: options.sourceText,
      failing: exitCode !== ExitCode.ok,
      hidden: diagnostics.length - shown.length,
      showHidden: options.quiet && hiddenInfos === 0 ? 'run without --quiet' : '--verbose',
    },
  });
  (output.stream === 'stdout' ? process.stdout : process.stderr).write(output.content);
  return exitCode;
}
