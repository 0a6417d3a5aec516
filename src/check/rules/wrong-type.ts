import { shapeIssueRule } from '../rule.js';

export const wrongType = shapeIssueRule('wrong-type', (issue) => ({
  message: `\`${issue.field}\` must be ${issue.expected}, found ${issue.actual}`,
  hint: issue.hint,
}));
