import { shapeIssueRule } from '../rule.js';

export const ignoredKey = shapeIssueRule('ignored-key', (issue) => ({
  message: `\`${issue.key}\` is ${issue.reason}`,
  hint: issue.key === 'limit' ? 'Use `max_attempts` to change the number of attempts.' : 'Remove the key.',
  anchor: 'key',
}));
