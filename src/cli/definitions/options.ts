/** Options shared by several commands. */
import { Option } from 'commander';
import { OUTPUT_FORMATS } from '../../diagnostics/render/index.js';

export const formatOption = (): Option =>
  new Option('--format <format>', 'output format (text goes to stderr, the others to stdout)').choices(OUTPUT_FORMATS).default('text');
export const failOnOption = (): Option =>
  new Option('--fail-on <severity>', 'exit 1 when findings reach this severity').choices(['error', 'warning']).default('error');
