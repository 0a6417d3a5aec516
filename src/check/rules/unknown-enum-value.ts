import { didYouMean } from '../../model/suggest.js';
import { shapeIssueRule } from '../rule.js';

export const unknownEnumValue = shapeIssueRule(
  {
    code: 'unknown-enum-value',
    severity: 'error',
    category: 'shape',
    summary: 'A value is not one of the values Tasker accepts.',
  },
  (issue) => ({
    message: `\`${issue.field}\` is \`${issue.value}\`; Tasker accepts ${issue.allowed.map((v) => `\`${v}\``).join(', ')}`,
    hint: didYouMean(issue.value, issue.allowed),
  }),
);
