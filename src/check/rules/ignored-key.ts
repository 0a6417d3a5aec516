import { shapeIssueRule } from '../rule.js';

export const ignoredKey = shapeIssueRule(
  {
    code: 'ignored-key',
    severity: 'warning',
    category: 'shape',
    summary: 'A key Tasker reads past (`retry.limit`, `task_handler`, `loaded_from`).',
  },
  (issue) => ({
    message: `\`${issue.key}\` is ${issue.reason}`,
    hint: issue.key === 'limit' ? 'Use `max_attempts` to change the number of attempts.' : 'Remove the key.',
    anchor: 'key',
  }),
);
