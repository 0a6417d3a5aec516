import { didYouMean } from '../../model/suggest.js';
import { shapeIssueRule } from '../rule.js';

export const unknownKey = shapeIssueRule(
  {
    code: 'unknown-key',
    severity: 'warning',
    category: 'shape',
    summary: 'A key Tasker does not know; the real parser ignores it silently.',
  },
  (issue) => ({
    message: `unknown ${issue.owner} key \`${issue.key}\` (Tasker ignores it silently)`,
    hint: didYouMean(issue.key, issue.known) ?? `Known keys: ${issue.known.join(', ')}.`,
    anchor: 'key',
  }),
);
