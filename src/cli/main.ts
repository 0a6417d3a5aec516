/**
 * The command line. Kept thin: each action lazily imports its command module,
 * so `--help`, `--version` and `validate` never load ts-morph or
 * json-schema-to-typescript.
 */
import { Command, CommanderError, Option } from 'commander';
import { UsageError } from '../load/files.js';
import { OutputPathError } from '../write/paths.js';
import { OUTPUT_FORMATS } from '../diagnostics/render/index.js';
import { CliUsageError, ExitCode } from './errors.js';
import { toolVersion } from './version.js';

const formatOption = () =>
  new Option('--format <format>', 'output format (text goes to stderr, the others to stdout)').choices(OUTPUT_FORMATS).default('text');
const failOnOption = () =>
  new Option('--fail-on <severity>', 'exit 1 when findings reach this severity').choices(['error', 'warning']).default('error');

export function buildProgram(): Command {
  const program = new Command('tasker-ctl');
  program
    .description('Validate Tasker task templates, generate typed TypeScript handlers, and check that code and YAML agree.')
    .version(toolVersion(), '-V, --version', 'print the version')
    .option('--debug', 'print stack traces for internal errors')
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureHelp({ sortSubcommands: false });

  const validate = program.command('validate').description('check task templates (and, later, handler registrations)');
  validate
    .command('templates')
    .description('check task template YAML files and directories')
    .argument('[paths...]', 'template files or directories (searched recursively for .yaml/.yml)')
    .addOption(formatOption())
    .addOption(failOnOption())
    .option('-q, --quiet', 'report errors only', false)
    .addHelpText(
      'after',
      '\nExit codes: 0 clean, 1 findings at or above --fail-on, 2 usage error, 3 internal error.\nDiagnostic codes: see docs/diagnostics.md.',
    )
    .action(async (paths: string[], options) => {
      const { validateTemplatesCommand } = await import('./commands/validate-templates.js');
      process.exitCode = validateTemplatesCommand(paths, options);
    });

  program
    .command('generate')
    .description('generate typed contracts, handler stubs and a registration index from task templates')
    .argument('[paths...]', 'template files or directories')
    .option('-o, --out <dir>', 'output folder (required)')
    .option('--check', 'write nothing; exit 1 when a generated file is stale or missing (prints a diff)')
    .option('--dry-run', 'write nothing; list what would change')
    .option('--runtime <module>', 'module the generated code imports the DSL from', 'tasker-ctl/runtime')
    .option('--with-tests', 'also create a vitest test beside each new handler stub')
    .addOption(formatOption())
    .addOption(failOnOption())
    .option('-q, --quiet', 'report errors only', false)
    .addHelpText(
      'after',
      '\nGenerated files carry a `@generated` banner and are rewritten; handler stubs are yours and are never overwritten.\nExit codes: 0 done (or up to date with --check), 1 validation errors or stale files, 2 usage error, 3 internal error.',
    )
    .action(async (paths: string[], options) => {
      const { generateCommand } = await import('./commands/generate.js');
      process.exitCode = await generateCommand(paths, options);
    });

  return program;
}

/** Runs the CLI; resolves to the exit code instead of exiting, so tests can call it. */
export async function main(argv: string[] = process.argv): Promise<number> {
  const program = buildProgram();
  const debug = argv.includes('--debug');
  try {
    process.exitCode = undefined;
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; everything else commander rejects is a usage error.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    if (error instanceof CliUsageError || error instanceof UsageError || error instanceof OutputPathError) {
      process.stderr.write(`tasker-ctl: ${error.message}\n`);
      return ExitCode.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `tasker-ctl: internal error: ${message.split('\n')[0]}\n` +
        (debug && error instanceof Error && error.stack ? `${error.stack}\n` : 'This is a bug in tasker-ctl; please report it (rerun with --debug for a stack trace).\n'),
    );
    return ExitCode.internal;
  }
}
