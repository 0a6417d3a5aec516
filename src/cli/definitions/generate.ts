/** `generate …` commands; actions import their implementation lazily (ts-morph and json-schema-to-typescript load only here). */
import type { Command } from 'commander';
import { failOnOption, formatOption, reportOptions } from './options.js';

export function defineGenerateCommands(program: Command): void {
  const generate = reportOptions(
    program
      .command('generate')
      .enablePositionalOptions()
      .description('generate typed contracts, handler stubs and a registration index from task templates')
      .argument('[paths...]', 'template files or directories')
      .option('-o, --out <dir>', 'output folder (required)')
      .option('--check', 'write nothing; exit 1 when a generated file is stale or missing (prints a diff)')
      .option('--dry-run', 'write nothing; list what would change')
      .option(
        '--runtime <module>',
        'module the generated code imports the DSL from (default: `runtime` in .config/tasker.toml, else @tasker-systems/tasker when package.json depends on it, else tasker-ctl/runtime)',
      )
      .option('--with-tests', 'also create a vitest test beside each new handler stub')
      .option(
        '--handlers <paths...>',
        'existing handler sources (folders, files or a tsconfig.json; default: [codegen] handlers): their callables get no stub, and the index imports them',
      )
      .option('-w, --watch', 'generate, then regenerate whenever a template or .config/tasker.toml changes (Ctrl-C stops)')
      .option('--no-cache', 'compile every contracts file again, ignoring node_modules/.cache/tasker-ctl'),
  )
    .addHelpText(
      'after',
      '\nGenerated files carry a `@generated` banner and are rewritten; handler stubs are yours and are never overwritten.\nExit codes: 0 done (or up to date with --check), 1 validation errors or stale files, 2 usage error, 3 internal error.',
    )
    .action(async (paths: string[], options) => {
      const { generateCommand } = await import('../commands/generate.js');
      process.exitCode = await generateCommand(paths, options);
    });

  // The Rust tasker-ctl's commands, one template at a time.
  const single = (name: string, description: string, outputHelp: string) =>
    generate
      .command(name)
      .description(description)
      .requiredOption('-t, --template <yaml>', 'the task template file')
      .option('-l, --language <language>', 'output language (typescript only)', 'typescript')
      .option('-o, --output <path>', outputHelp)
      .option('-s, --step <name>', 'only this step')
      .option('--runtime <module>', 'module the code imports the DSL from', 'tasker-ctl/runtime')
      .addOption(formatOption())
      .addOption(failOnOption());

  single(
    'types',
    'print the TypeScript types of one template (task input, step results, step contracts)',
    'write to this file instead of stdout',
  ).action(async (options) => {
    const { generateTypesCommand } = await import('../commands/generate-single.js');
    process.exitCode = await generateTypesCommand(options);
  });
  single('handler', 'print typed handler code for the steps of one template', 'write to this file instead of stdout')
    .option('--with-tests', 'also write a vitest test beside -o')
    .option('--force', 'replace an existing -o file')
    .action(async (options) => {
      const { generateHandlerCommand } = await import('../commands/generate-single.js');
      process.exitCode = await generateHandlerCommand(options);
    });
  single('scaffold', 'generate contracts, typed layer, handlers and tests for one template into a folder', 'output folder').action(
    async (options) => {
      const { generateScaffoldCommand } = await import('../commands/generate-single.js');
      process.exitCode = await generateScaffoldCommand(options);
    },
  );
}
