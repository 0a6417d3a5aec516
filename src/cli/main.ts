/**
 * The command line. Kept thin: each action lazily imports its command module,
 * so `--help`, `--version` and `validate` never load ts-morph or
 * json-schema-to-typescript.
 */
import { Command, CommanderError } from 'commander';
import { UsageError } from '../model/errors.js';
import { defineAdoptCommand } from './definitions/adopt.js';
import { defineBreakingCommand } from './definitions/breaking.js';
import { defineGenerateCommands } from './definitions/generate.js';
import { defineInitCommand } from './definitions/init.js';
import { definePluginCommands } from './definitions/plugin.js';
import { defineSchemaCommand } from './definitions/schema.js';
import { defineTemplateCommands } from './definitions/template.js';
import { defineValidateCommands } from './definitions/validate.js';
import { ExitCode } from './errors.js';
import { toolVersion } from './version.js';

export function buildProgram(): Command {
  const program = new Command('tasker-ctl');
  program
    .description('Validate Tasker task templates, generate typed TypeScript handlers, and check that code and YAML agree.')
    .version(toolVersion(), '-V, --version', 'print the version')
    .option('--debug', 'print stack traces for internal errors')
    .exitOverride()
    // `generate -o` and `generate types -o` mean different things: parse options where they stand.
    .enablePositionalOptions()
    .showSuggestionAfterError(true)
    .configureHelp({ sortSubcommands: false })
    .hook('preAction', (_, command) => refuseOptionsAsValues(command));

  defineValidateCommands(program);
  defineGenerateCommands(program);
  defineTemplateCommands(program);
  defineInitCommand(program);
  defineAdoptCommand(program);
  defineBreakingCommand(program);
  defineSchemaCommand(program);
  definePluginCommands(program);
  return program;
}

/**
 * Commander takes the word after an option that needs a value as that value,
 * whatever it is: `generate --out --check` would write into a folder named
 * `--check`. A value that is one of the command's own options is a mistake.
 */
function refuseOptionsAsValues(command: Command): void {
  const flags = new Set(
    command.options.flatMap((option) => [option.long, option.short].filter((flag): flag is string => flag !== undefined)),
  );
  for (const option of command.options) {
    const value: unknown = command.getOptionValue(option.attributeName());
    const flag = typeof value === 'string' ? value.split('=')[0]! : undefined;
    if (flag !== undefined && flags.has(flag) && command.getOptionValueSource(option.attributeName()) === 'cli') {
      throw new UsageError(`option '${option.flags}' needs a value, but got the option '${value}'`);
    }
  }
}

/** Runs the CLI; resolves to the exit code instead of exiting, so tests can call it. */
export async function main(argv: string[] = process.argv): Promise<number> {
  const program = buildProgram();
  // --debug is accepted anywhere on the line, so it is taken out before commander parses.
  const debug = argv.includes('--debug');
  argv = argv.filter((arg, index) => index < 2 || arg !== '--debug');
  try {
    process.exitCode = undefined;
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; everything else commander rejects is a usage error.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`tasker-ctl: ${error.message}\n`);
      return ExitCode.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `tasker-ctl: internal error: ${message.split('\n')[0]}\n` +
        (debug && error instanceof Error && error.stack
          ? `${error.stack}\n`
          : 'This is a bug in tasker-ctl; please report it (rerun with --debug for a stack trace).\n'),
    );
    return ExitCode.internal;
  }
}
