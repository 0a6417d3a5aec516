/** `validate …` commands; actions import their implementation lazily. */
import type { Command } from 'commander';
import { reportOptions } from './options.js';

export function defineValidateCommands(program: Command): Command {
  const validate = reportOptions(
    program
      .command('validate')
      .enablePositionalOptions()
      .description('check templates, handler registrations and generated files (with no sub-command: everything the configuration names)')
      .option('--templates <paths...>', 'template files or folders (default: [codegen] templates in .config/tasker.toml)')
      .option(
        '--handlers <paths...>',
        'handler sources: folders, files or a tsconfig.json (default: [codegen] handlers; none = no registry check)',
      )
      .option('-o, --out <dir>', 'generate output folder to check for freshness (default: [codegen] out; none = not checked)')
      .option(
        '--runtime <module>',
        'module the DSL is imported from, besides tasker-ctl/runtime and @tasker-systems/tasker (default: [codegen] runtime)',
      ),
  )
    .allowExcessArguments(true)
    .addHelpText(
      'after',
      '\nExit codes: 0 clean, 1 findings at or above --fail-on (or stale generated files), 2 usage error, 3 internal error.\nConfiguration: docs/config.md.',
    )
    .action(async (options, command: Command) => {
      if (command.args.length > 0) {
        const { unknownValidateCommand } = await import('../commands/validate-all.js');
        unknownValidateCommand(
          command.args[0]!,
          command.commands.map((c) => c.name()),
        );
      }
      const { validateAllCommand } = await import('../commands/validate-all.js');
      process.exitCode = await validateAllCommand(options);
    });
  reportOptions(
    validate
      .command('templates')
      .description('check task template YAML files and directories')
      .argument('[paths...]', 'template files or directories (searched recursively for .yaml/.yml)'),
  )
    .addHelpText(
      'after',
      '\nExit codes: 0 clean, 1 findings at or above --fail-on, 2 usage error, 3 internal error.\nDiagnostic codes: see docs/diagnostics.md.',
    )
    .action(async (paths: string[], options) => {
      const { validateTemplatesCommand } = await import('../commands/validate-templates.js');
      process.exitCode = await validateTemplatesCommand(paths, options);
    });

  reportOptions(
    validate
      .command('registry')
      .description('check that handlers in TypeScript/JavaScript code and callables in templates match')
      .option('--templates <paths...>', 'template files or folders (default: [codegen] templates in .config/tasker.toml)')
      .option('--handlers <paths...>', 'handler sources: folders, files or a tsconfig.json (default: [codegen] handlers)')
      .option(
        '--runtime <module>',
        'module the DSL is imported from, besides tasker-ctl/runtime and @tasker-systems/tasker (default: [codegen] runtime)',
      ),
  )
    .addHelpText(
      'after',
      '\nExit codes: 0 clean, 1 findings at or above --fail-on, 2 usage error, 3 internal error.\nFindings: see docs/registry.md and docs/diagnostics.md.',
    )
    .action(async (options) => {
      const { validateRegistryCommand } = await import('../commands/validate-registry.js');
      process.exitCode = await validateRegistryCommand(options);
    });

  return validate;
}
