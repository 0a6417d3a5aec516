/** `schema`: the JSON Schema of the task template format, for editors. */
import type { Command } from 'commander';

export function defineSchemaCommand(program: Command): void {
  program
    .command('schema')
    .description('print the JSON Schema (draft-07) of the task template format, for editors and other tools')
    .addHelpText(
      'after',
      '\nThe same schema ships in the package as tasker-ctl/schema/task-template.json; a template can name it with\n  # yaml-language-server: $schema=../node_modules/tasker-ctl/schema/task-template.json\n`tasker-ctl init --vscode` adds it to .vscode/settings.json. See docs/editor.md.',
    )
    .action(async () => {
      const { taskTemplateSchema } = await import('../../app/schema.js');
      process.stdout.write(`${JSON.stringify(taskTemplateSchema(), null, 2)}\n`);
    });
}
