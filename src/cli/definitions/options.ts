/** Options shared by several commands. */
import { type Command, Option } from 'commander';
import { OUTPUT_FORMATS } from '../../diagnostics/render/formats.js';

export const formatOption = (): Option =>
  new Option('--format <format>', 'output format (text goes to stderr, the others to stdout)').choices(OUTPUT_FORMATS).default('text');
export const failOnOption = (): Option =>
  new Option('--fail-on <severity>', 'exit 1 when findings reach this severity').choices(['error', 'warning']).default('error');

/** --quiet and --verbose: what is listed; the summary always counts everything. */
export const quietOption = (): Option =>
  new Option('-q, --quiet', 'list errors only (the summary still counts every finding)').default(false);
export const verboseOption = (): Option =>
  new Option('--verbose', 'also list info diagnostics (by default they are only counted)').default(false);

/** The output options of every command that reports diagnostics: --format, --fail-on, --quiet, --verbose. */
export function reportOptions(command: Command): Command {
  return command.addOption(formatOption()).addOption(failOnOption()).addOption(quietOption()).addOption(verboseOption());
}
