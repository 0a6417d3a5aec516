/** `validate …` commands; actions import their implementation lazily. */
import type { Command } from 'commander';
import { failOnOption, formatOption } from './options.js';

export function defineValidateCommands(program: Command): Command {
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
      const { validateTemplatesCommand } = await import('../commands/validate-templates.js');
      process.exitCode = validateTemplatesCommand(paths, options);
    });

  return validate;
}
