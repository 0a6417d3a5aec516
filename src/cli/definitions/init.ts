/** `init`: writes a starter project configuration (.config/tasker.toml, [codegen] table). */
import type { Command } from 'commander';

export function defineInitCommand(program: Command): void {
  program
    .command('init')
    .description('write a commented starter configuration to .config/tasker.toml (never overwrites an existing [codegen] table)')
    .option('--templates <paths...>', 'template files or folders to record')
    .option('--handlers <paths...>', 'handler source folders, files or a tsconfig.json to record')
    .option('-o, --out <dir>', 'generate output folder to record')
    .option('--runtime <module>', 'runtime module to record')
    .option('--stdout', 'print the configuration instead of writing it')
    .option('--no-contrib', "leave out the [cli] remote for Tasker's published plugins (tasker-contrib)")
    .option('--vscode', 'also map the template files to the task template schema in .vscode/settings.json (yaml.schemas)')
    .addHelpText(
      'after',
      "\nWhen .config/tasker.toml exists without a [codegen] table (Tasker's own configuration), the table is appended.\nExit codes: 0 written, 2 a [codegen] table already exists or the file is not valid TOML.\nSee docs/config.md.",
    )
    .action(async (options) => {
      const { initCommand } = await import('../commands/init.js');
      process.exitCode = initCommand(options);
    });
}
