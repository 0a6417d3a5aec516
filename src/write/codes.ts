/** The codes of the project checks on generated files (`validate`, `generate --check`). */
import { codeTable } from '../model/codes.js';

export const PROJECT_CODES = codeTable('project', {
  'stale-generated-file': {
    severity: 'error',
    summary:
      'A generated file is missing or out of date: `tasker-ctl generate` would change it (bare `tasker-ctl validate` with an output folder configured).',
  },
});
