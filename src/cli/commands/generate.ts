import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Severity } from '../../diagnostics/diagnostic.js';
import type { OutputFormat } from '../../diagnostics/render/index.js';
import { colorEnabled } from '../../diagnostics/render/index.js';
import { loadProjectConfig, resolveCommandInputs } from '../../config/index.js';
import { generateProject } from '../../app/generate.js';
import { formatWriteReport } from '../../write/index.js';
import { CliUsageError, ExitCode } from '../errors.js';
import { reportDiagnostics } from '../report.js';

export interface GenerateCommandOptions {
  out?: string;
  check?: boolean;
  dryRun?: boolean;
  runtime?: string;
  handlers?: string[];
  withTests?: boolean;
  /** False with --no-cache. */
  cache?: boolean;
  format: OutputFormat;
  failOn: Severity;
  quiet?: boolean;
  verbose?: boolean;
}

export async function generateCommand(paths: string[], options: GenerateCommandOptions): Promise<number> {
  // Flags win; the [codegen] table of .config/tasker.toml fills in what they leave out.
  const inputs = resolveCommandInputs({ templates: paths, out: options.out, runtime: options.runtime, handlers: options.handlers }, loadProjectConfig());
  if (inputs.templates.length === 0) {
    throw new CliUsageError('no template paths given: pass files or directories, e.g. `tasker-ctl generate config/tasks --out src/tasker`, or set `templates` in .config/tasker.toml');
  }
  const out = inputs.out;
  if (!out) throw new CliUsageError('--out <dir> is required (or `out` in .config/tasker.toml): the folder generated code goes into');
  if (options.check && options.dryRun) throw new CliUsageError('--check and --dry-run cannot be combined');
  const mode = options.check ? 'check' : options.dryRun ? 'dry-run' : 'write';
  // Configured handler folders may not exist yet (the output folder's handlers/ is made by this run); a path given as a flag must.
  const handlerSources = inputs.from.handlers === 'config' ? inputs.handlers.filter((p) => existsSync(p)) : inputs.handlers;
  const result = await generateProject(inputs.templates, {
    outDir: out,
    mode,
    ...(inputs.runtime ? { runtimeModule: inputs.runtime, runtimeFrom: inputs.from.runtime === 'config' ? ('config' as const) : ('flags' as const) } : {}),
    withTests: options.withTests,
    handlerSources,
    cache: options.cache !== false,
    severity: inputs.severity,
  });
  // A clean run in text format prints the file report alone.
  const diagnosticsCode = result.diagnostics.length > 0 || options.format !== 'text'
    ? reportDiagnostics(result.diagnostics, { format: options.format, failOn: options.failOn, quiet: options.quiet ?? false, verbose: options.verbose, files: result.summary.files, sourceText: (file) => result.sources.get(file)?.text })
    : ExitCode.ok;
  for (const skipped of result.skipped) {
    process.stderr.write(`tasker-ctl: ${skipped.file}: template ${skipped.template} not generated (${skipped.reason})\n`);
  }
  if (!result.report) return ExitCode.findings;
  if (!options.quiet && options.format === 'text' && result.runtime && result.extension) {
    process.stderr.write(`tasker-ctl: runtime ${result.runtime.value} (${result.runtime.reason}); ${result.extension.value} files (${result.extension.reason})\n`);
  }
  // The file report is data in check and dry-run mode (a diff to read or pipe), progress otherwise.
  const stream = mode !== 'write' ? process.stdout : options.quiet ? undefined : process.stderr;
  stream?.write(formatWriteReport({ ...result.report, outDir: path.normalize(out) }, { color: colorEnabled(stream) }));
  for (const orphan of result.orphanedStubs ?? []) {
    process.stderr.write(`tasker-ctl: warning: ${path.join(out, orphan)}: no template declares its callable any more; delete it or move it out of ${out}\n`);
  }
  const refused = result.report.changes.some((c) => c.action === 'refuse-not-generated');
  if (refused) return ExitCode.findings;
  if (mode === 'check' && !result.report.upToDate) return ExitCode.findings;
  return diagnosticsCode;
}
