/** `adopt`: existing handler files import the DSL from the generated typed layer instead of the runtime. */
import type { Command } from 'commander';

export function defineAdoptCommand(program: Command): void {
  program
    .command('adopt')
    .description(
      'make existing handlers typed: their imports of define*, Decision and friends move from the runtime to the generated layer',
    )
    .argument('[paths...]', 'handler source folders, files or a tsconfig.json (default: [codegen] handlers)')
    .option('-o, --out <dir>', 'the folder `generate` wrote the typed layer to (default: [codegen] out)')
    .option('--dry-run', 'write nothing; print the diff')
    .addHelpText(
      'after',
      '\nOnly import declarations change. Run `tasker-ctl generate … --handlers <paths>` first (so no stubs are made for these handlers), then adopt, then tsc: every error is a place where the code disagrees with the templates.\nExit codes: 0 done, 2 usage error (no typed layer in --out, a path that does not exist).\nSee docs/sdk.md.',
    )
    .action(async (paths: string[], options) => {
      const { adoptCommand } = await import('../commands/adopt.js');
      process.exitCode = adoptCommand(paths, options);
    });
}
