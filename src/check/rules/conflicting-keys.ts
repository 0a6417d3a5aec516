import { shapeIssueRule } from '../rule.js';

export const conflictingKeys = shapeIssueRule(
  {
    code: 'conflicting-keys',
    severity: 'error',
    category: 'shape',
    summary: 'A key and its alias are both present (`dependencies` and `depends_on`).',
  },
  (issue) => ({
    message: `\`${issue.keys[0]}\` and \`${issue.keys[1]}\` are both set; Tasker rejects a step with both`,
    hint: `Keep one of them (\`${issue.keys[1]}\` is an alias of \`${issue.keys[0]}\`).`,
    anchor: 'key',
  }),
);
