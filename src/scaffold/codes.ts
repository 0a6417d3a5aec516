/** The codes of `plugin validate`. */
import { codeTable } from '../model/codes.js';

export const PLUGIN_CODES = codeTable('plugin', {
  'plugin-manifest': { severity: 'error', summary: 'A tasker-plugin.toml or template.toml is not valid (TOML, keys, names, patterns).' },
  'plugin-unknown-filter': { severity: 'error', summary: 'A template or pattern uses a filter that does not exist.' },
  'plugin-undefined-variable': { severity: 'error', summary: 'A template reads a variable that no parameter defines.' },
  'plugin-unreadable-file': { severity: 'error', summary: 'A file a manifest names is missing or cannot be read.' },
  'plugin-unsafe-output-path': { severity: 'error', summary: 'An output would be written outside the output folder.' },
  'plugin-render-error': { severity: 'error', summary: 'A template fails to render for another reason (syntax, a failing expression).' },
});
