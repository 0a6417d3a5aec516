import { shapeIssueRule } from '../rule.js';

export const wrongType = shapeIssueRule(
  {
    code: 'wrong-type',
    severity: 'error',
    category: 'shape',
    summary: 'A value has the wrong type.',
  },
  (issue) => ({
    message: `\`${issue.field}\` must be ${issue.expected}, found ${issue.actual}`,
    hint: issue.hint,
  }),
);
