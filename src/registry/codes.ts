/** The codes of the registry check: handlers in code against callables in templates. */
import { codeTable } from '../model/codes.js';

export const REGISTRY_CODES = codeTable('registry', {
  'missing-handler': { severity: 'error', summary: 'A template callable has no handler in the scanned code.' },
  'duplicate-handler': { severity: 'error', summary: 'Two handlers are defined or registered under the same callable.' },
  'depends-unknown-step': {
    severity: 'error',
    summary: 'A handler `depends` entry names a step that does not exist in a template using its callable.',
  },
  'depends-not-ancestor': {
    severity: 'warning',
    summary: 'A handler `depends` entry names a step that is not an ancestor of the step, so the handler receives `null` there.',
  },
  'unknown-input-key': {
    severity: 'warning',
    summary:
      'A handler `inputs` entry names a key absent from `input_schema` (an error when the schema sets `additionalProperties: false`).',
  },
  'unknown-route-step': {
    severity: 'error',
    summary: 'A literal `Decision.route([...])` names a step that does not depend on the decision step, so Tasker cannot create it.',
  },
  'unused-handler': { severity: 'warning', summary: 'No template step uses the callable of a handler.' },
  'dynamic-callable': { severity: 'warning', summary: 'A handler callable is not a static string, so it cannot be verified.' },
  'source-syntax-error': { severity: 'warning', summary: 'A handler source file has syntax errors; handlers in it may be missed.' },
  'shared-callable': { severity: 'info', summary: 'Several steps share one callable (method dispatch); each step is checked on its own.' },
});
