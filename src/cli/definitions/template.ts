/** `template …` commands (scaffolding with ejs); actions import their implementation lazily. */
import type { Command } from 'commander';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function defineTemplateCommands(program: Command): void {
  const template = program
    .command('template')
    .description(
      'list, inspect and generate from scaffolding templates (built in, Tasker plugins in folders or git remotes; ejs or Tera); draw a task template',
    )
    .addHelpText('after', '\nSee docs/templates.md for the manifest format and how to port a Tasker plugin.');

  const withPlugins = (command: Command): Command =>
    command
      .option('--plugin-path <dir>', 'also search this folder for Tasker plugins (tasker-plugin.toml); repeatable', collect)
      .option('--remote <name>', 'only the plugins of this remote ([[cli.remotes]] in .config/tasker.toml)')
      .option('--url <git-url>', 'only the plugins of this git repository (cloned into the cache)')
      .option('--refresh', 'fetch remotes again even when the cached copy is fresh');

  withPlugins(
    template
      .command('list')
      .description('list the available templates')
      .option('-l, --language <language>', 'only templates for this language')
      .option('-p, --plugin <plugin>', 'only templates of this plugin (`builtin` for the built-in ones)')
      .option('--json', 'print JSON instead of a table'),
  ).action(async (options) => {
    const { templateListCommand } = await import('../commands/template.js');
    process.exitCode = templateListCommand(options);
  });

  withPlugins(
    template
      .command('info')
      .description('show a template: parameters (required, defaults), outputs and an example')
      .argument('<name>', 'template name')
      .option('-l, --language <language>', 'pick the template for this language')
      .option('-p, --plugin <plugin>', 'pick the template of this plugin')
      .option('--json', 'print JSON'),
  ).action(async (name: string, options) => {
    const { templateInfoCommand } = await import('../commands/template.js');
    process.exitCode = templateInfoCommand(name, options);
  });

  withPlugins(
    template
      .command('generate')
      .description('render a template into files')
      .argument('<name>', 'template name')
      .option('--param <key=value>', 'a template parameter; repeatable (see template info <name>)', collect)
      .option('-l, --language <language>', 'pick the template for this language')
      .option('-p, --plugin <plugin>', 'pick the template of this plugin')
      .option('-o, --output <dir>', 'folder to write into; every output stays inside it (default: [cli] default-output-dir, else .)')
      .option('--force', 'overwrite existing files that differ')
      .option('--dry-run', 'write nothing; list what would be written'),
  )
    .addHelpText(
      'after',
      '\nExisting files are never overwritten without --force; if any would be, nothing is written.\n' +
        'Exit codes: 0 generated (or dry run), 1 refused because files exist, 2 usage error (bad parameter, unknown template, unsafe path), 3 internal error.',
    )
    .action(async (name: string, options) => {
      const { templateGenerateCommand } = await import('../commands/template.js');
      process.exitCode = templateGenerateCommand(name, options);
    });

  template
    .command('visualize')
    .description('print a Mermaid graph of a task template DAG and a markdown table of its steps, with validation problems marked')
    .argument('<yaml>', 'task template file, or - for stdin')
    .option('-a, --annotations <file>', 'JSON or YAML file mapping step names to notes shown on the nodes')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .option('--graph-only', 'print only the Mermaid flowchart (no fences, no table)')
    .action(async (yaml: string, options) => {
      const { templateVisualizeCommand } = await import('../commands/template.js');
      process.exitCode = templateVisualizeCommand(yaml, options);
    });
}
