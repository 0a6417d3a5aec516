import { existsSync } from 'node:fs';
import path from 'node:path';
import { type GenerateOptions, type GenerateResult, generateProject } from '../../app/generate.js';
import { findConfigFile, loadProjectConfig, resolveCommandInputs } from '../../config/index.js';
import type { Severity } from '../../diagnostics/diagnostic.js';
import type { OutputFormat } from '../../diagnostics/render/index.js';
import { colorEnabled } from '../../diagnostics/render/index.js';
import { UsageError } from '../../model/errors.js';
import { ExitCode } from '../errors.js';
import { reportDiagnostics } from '../report.js';
import { formatWriteReport } from '../write-report.js';

export interface GenerateCommandOptions {
  out?: string;
  check?: boolean;
  dryRun?: boolean;
  runtime?: string;
  handlers?: string[];
  withTests?: boolean;
  /** False with --no-cache. */
  cache?: boolean;
  watch?: boolean;
  format: OutputFormat;
  failOn: Severity;
  quiet?: boolean;
  verbose?: boolean;
}

export async function generateCommand(paths: string[], options: GenerateCommandOptions): Promise<number> {
  if (options.check && options.dryRun) throw new UsageError('--check and --dry-run cannot be combined');
  if (options.watch && (options.check || options.dryRun))
    throw new UsageError('--watch writes files: it cannot be combined with --check or --dry-run');
  const resolve = () => generateInputs(paths, options);
  if (options.watch) return watchCommand(resolve, options);
  const { templates, generateOptions } = resolve();
  const result = await generateProject(templates, generateOptions);
  return renderResult(result, generateOptions.outDir, options);
}

/** Flags win; the [codegen] table of .config/tasker.toml fills in what they leave out. */
function generateInputs(
  paths: string[],
  options: GenerateCommandOptions,
): { templates: string[]; generateOptions: GenerateOptions; configFile?: string } {
  const config = loadProjectConfig();
  const inputs = resolveCommandInputs({ templates: paths, out: options.out, runtime: options.runtime, handlers: options.handlers }, config);
  if (inputs.templates.length === 0) {
    throw new UsageError(
      'no template paths given: pass files or directories, e.g. `tasker-ctl generate config/tasks --out src/tasker`, or set `templates` in .config/tasker.toml',
    );
  }
  const out = inputs.out;
  if (!out) throw new UsageError('--out <dir> is required (or `out` in .config/tasker.toml): the folder generated code goes into');
  const mode = options.check ? 'check' : options.dryRun ? 'dry-run' : 'write';
  // Configured handler folders may not exist yet (the output folder's handlers/ is made by this run); a path given as a flag must.
  const handlerSources = inputs.from.handlers === 'config' ? inputs.handlers.filter((p) => existsSync(p)) : inputs.handlers;
  const generateOptions: GenerateOptions = {
    outDir: out,
    mode,
    ...(inputs.runtime
      ? { runtimeModule: inputs.runtime, runtimeFrom: inputs.from.runtime === 'config' ? ('config' as const) : ('flags' as const) }
      : {}),
    withTests: options.withTests,
    handlerSources,
    cache: options.cache !== false,
    severity: inputs.severity,
  };
  const configFile = findConfigFile();
  return { templates: inputs.templates, generateOptions, ...(configFile ? { configFile: path.resolve(configFile) } : {}) };
}

/** The diagnostics, the runtime line and the file report of one run; its exit code. */
function renderResult(result: GenerateResult, out: string, options: GenerateCommandOptions): number {
  const mode = options.check ? 'check' : options.dryRun ? 'dry-run' : 'write';
  // A clean run in text format prints the file report alone.
  const diagnosticsCode =
    result.diagnostics.length > 0 || options.format !== 'text'
      ? reportDiagnostics(result.diagnostics, {
          format: options.format,
          failOn: options.failOn,
          quiet: options.quiet ?? false,
          verbose: options.verbose,
          files: result.summary.files,
          sourceText: (file) => result.sources.get(file)?.text,
        })
      : ExitCode.ok;
  for (const skipped of result.skipped) {
    process.stderr.write(`tasker-ctl: ${skipped.file}: template ${skipped.template} not generated (${skipped.reason})\n`);
  }
  if (!result.report) return ExitCode.findings;
  if (!options.quiet && options.format === 'text' && result.runtime && result.extension) {
    process.stderr.write(
      `tasker-ctl: runtime ${result.runtime.value} (${result.runtime.reason}); ${result.extension.value} files (${result.extension.reason})\n`,
    );
  }
  // The file report is data in check and dry-run mode (a diff to read or pipe), progress otherwise.
  const stream = mode !== 'write' ? process.stdout : options.quiet ? undefined : process.stderr;
  stream?.write(formatWriteReport({ ...result.report, outDir: path.normalize(out) }, { color: colorEnabled(stream) }));
  for (const orphan of result.orphanedStubs ?? []) {
    process.stderr.write(
      `tasker-ctl: warning: ${path.join(out, orphan)}: no template declares its callable any more; delete it or move it out of ${out}\n`,
    );
  }
  const refused = result.report.changes.some((c) => c.action === 'refuse-not-generated');
  if (refused) return ExitCode.findings;
  if (mode === 'check' && !result.report.upToDate) return ExitCode.findings;
  return diagnosticsCode;
}

/** Generates, then regenerates on every change until interrupted; one short line per cycle after the first. */
async function watchCommand(resolve: () => ReturnType<typeof generateInputs>, options: GenerateCommandOptions): Promise<number> {
  const { watchGenerate } = await import('../../app/watch.js');
  let out = '';
  const session = watchGenerate(
    () => {
      const { templates, generateOptions, configFile } = resolve();
      out = generateOptions.outDir;
      return { paths: templates, options: generateOptions, ...(configFile ? { configFile } : {}) };
    },
    (cycle) => {
      const time = new Date().toTimeString().slice(0, 8);
      const what = cycle.first ? 'generated' : `${cycle.changed.join(', ')} changed`;
      if (cycle.kind === 'failed') {
        process.stderr.write(`tasker-ctl: ${time} ${what}: ${cycle.error.message.split('\n')[0]} (still watching)\n`);
        return;
      }
      if (cycle.kind === 'kept') {
        const { validation } = cycle;
        reportDiagnostics(
          validation.diagnostics.filter((d) => d.severity !== 'info'),
          {
            format: 'text',
            failOn: options.failOn,
            quiet: options.quiet ?? false,
            files: validation.summary.files,
            sourceText: (file) => validation.sources.get(file)?.text,
          },
        );
        process.stderr.write(
          `tasker-ctl: ${time} ${what}: not generated (${validation.summary.errors} error${validation.summary.errors === 1 ? '' : 's'}); ${out} keeps the last good output, in ${cycle.ms} ms\n`,
        );
        return;
      }
      if (cycle.first) {
        renderResult(cycle.result, out, options);
        return;
      }
      const { result } = cycle;
      const problems = result.diagnostics.filter((d) => d.severity !== 'info');
      if (problems.length > 0)
        reportDiagnostics(problems, {
          format: 'text',
          failOn: options.failOn,
          quiet: options.quiet ?? false,
          files: result.summary.files,
          sourceText: (file) => result.sources.get(file)?.text,
        });
      const written =
        result.report?.changes.filter((c) => c.action === 'create' || c.action === 'update' || c.action === 'remove').map((c) => c.path) ??
        [];
      const skipped = result.skipped.map((s) => `${s.template} not generated (${s.reason})`);
      const listed = written.length > 3 ? [...written.slice(0, 3), `${written.length - 3} more`] : written;
      const files =
        written.length === 0
          ? 'nothing to write'
          : `${written.length} file${written.length === 1 ? '' : 's'} written (${listed.join(', ')})`;
      process.stderr.write(`tasker-ctl: ${time} ${what}: ${[files, ...skipped].join('; ')} in ${cycle.ms} ms\n`);
    },
  );
  await session.ready;
  process.stderr.write('tasker-ctl: watching for changes (Ctrl-C to stop)\n');
  await new Promise<void>((resolveStop) => {
    process.once('SIGINT', resolveStop);
    process.once('SIGTERM', resolveStop);
  });
  await session.close();
  return ExitCode.ok;
}
