import pc from 'picocolors';
import { adoptHandlers } from '../../app/adopt.js';
import { loadProjectConfig, resolveCommandInputs } from '../../config/index.js';
import { colorEnabled } from '../../diagnostics/render/index.js';
import { UsageError } from '../../model/errors.js';
import { ExitCode } from '../errors.js';

export interface AdoptCommandOptions {
  out?: string;
  dryRun?: boolean;
}

export function adoptCommand(paths: string[], options: AdoptCommandOptions): number {
  const inputs = resolveCommandInputs({ handlers: paths, out: options.out }, loadProjectConfig());
  if (inputs.handlers.length === 0)
    throw new UsageError(
      'no handler paths given: pass folders or files, e.g. `tasker-ctl adopt src/handlers --out src/tasker`, or set `handlers` in .config/tasker.toml',
    );
  if (!inputs.out)
    throw new UsageError('--out <dir> is required (or `out` in .config/tasker.toml): the folder holding the generated typed layer');
  const plan = adoptHandlers({ handlers: inputs.handlers, outDir: inputs.out, dryRun: options.dryRun ?? false });
  for (const note of plan.notes) process.stderr.write(`tasker-ctl: ${note.file}:${note.line}: ${note.message}\n`);
  for (const diff of plan.diffs) process.stdout.write(diff);
  const { bold } = pc.createColors(colorEnabled(process.stderr));
  for (const file of plan.changed)
    process.stderr.write(
      `${options.dryRun ? 'would rewrite' : 'rewrote'} ${bold(file.file)}: ${file.moved.join(', ')} from ${file.specifier}\n`,
    );
  const unchanged = plan.scanned - plan.changed.length;
  process.stderr.write(
    `${plan.changed.length} file${plan.changed.length === 1 ? '' : 's'} ${options.dryRun ? 'would change' : 'changed'}, ${unchanged} unchanged (imports of ${plan.runtimeModule} that ${plan.layer} also exports).\n` +
      (plan.changed.length > 0 && !options.dryRun
        ? 'Next: run tsc. Each error is a place where a handler disagrees with its template; casts of handler arguments can go.\n'
        : ''),
  );
  return ExitCode.ok;
}
