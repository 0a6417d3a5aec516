import { didYouMean } from '../../model/suggest.js';
import { shapeIssueRule } from '../rule.js';

export const unknownKey = shapeIssueRule('unknown-key', (issue) => ({
  message: `unknown ${issue.owner} key \`${issue.key}\` (Tasker ignores it silently)`,
  hint: didYouMean(issue.key, issue.known) ?? `Known keys: ${issue.known.join(', ')}.`,
  anchor: 'key',
}));
