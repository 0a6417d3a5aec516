/** `breaking`: what a template change breaks, against a folder or a git revision. */
import type { Command } from 'commander';
import { reportOptions } from './options.js';

export function defineBreakingCommand(program: Command): void {
  reportOptions(
    program
      .command('breaking')
      .description('report template changes that break callers or handlers, compared with a folder or a git revision')
      .argument('[paths...]', 'template files or directories (default: [codegen] templates)')
      .requiredOption('--against <dir|ref>', 'the old templates: a folder, or a git revision such as HEAD, origin/main or a commit'),
  )
    .addHelpText(
      'after',
      '\nTemplates are matched by namespace_name + name. Breaking changes are errors unless the major version was bumped with them.\nExit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage error (an --against that is neither a folder nor a revision).\nSee docs/breaking.md.',
    )
    .action(async (paths: string[], options) => {
      const { breakingCommand } = await import('../commands/breaking.js');
      process.exitCode = breakingCommand(paths, options);
    });
}
