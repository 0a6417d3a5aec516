/** `generate …` commands; actions import their implementation lazily (ts-morph and json-schema-to-typescript load only here). */
import type { Command } from 'commander';
import { failOnOption, formatOption } from './options.js';

export function defineGenerateCommands(program: Command): void {
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
      const { generateCommand } = await import('../commands/generate.js');
      process.exitCode = await generateCommand(paths, options);
    });

}
