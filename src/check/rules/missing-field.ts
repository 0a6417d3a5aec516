import { shapeIssueRule } from '../rule.js';

export const missingField = shapeIssueRule(
  {
    code: 'missing-field',
    severity: 'error',
    category: 'shape',
    summary: 'A required field is missing.',
  },
  (issue) => ({
    message: `${issue.owner} is missing required field \`${issue.field}\``,
    hint: issue.field === 'handler' ? 'Add `handler: { callable: <registered handler name> }`.' : `Add \`${issue.field}:\`.`,
  }),
);
