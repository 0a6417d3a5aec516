/** `plugin list|validate`: the plugins tasker-ctl finds, and a check of one before it is used. */
import type { Command } from 'commander';
import { reportOptions } from './options.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function definePluginCommands(program: Command): void {
  const plugin = program.command('plugin').description('list the template plugins tasker-ctl finds, or validate one');
  plugin
    .command('list')
    .description('list plugins (built in, from plugin paths and from remotes) with their language, source and templates')
    .option('--plugin-path <dir>', 'also search this folder for plugins; repeatable', collect)
    .option('--refresh', 'fetch remotes again even when the cached copy is fresh')
    .option('--json', 'print JSON')
    .action(async (options) => {
      const { pluginListCommand } = await import('../commands/plugin.js');
      process.exitCode = pluginListCommand(options);
    });
  reportOptions(
    plugin
      .command('validate')
      .description('read every manifest of a plugin and render every template with sample values; report what would fail')
      .argument('<path>', 'a plugin folder (with tasker-plugin.toml), or a folder of plugins'),
  )
    .addHelpText(
      'after',
      '\nNothing is written. Exit codes: 0 every template renders, 1 problems, 2 usage error.\nCodes: docs/diagnostics.md (plugin-*).',
    )
    .action(async (given: string, options) => {
      const { pluginValidateCommand } = await import('../commands/plugin.js');
      process.exitCode = pluginValidateCommand(given, options);
    });
}
