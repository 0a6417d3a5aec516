import { didYouMean } from '../../model/suggest.js';
import { shapeIssueRule } from '../rule.js';

export const unknownEnumValue = shapeIssueRule('unknown-enum-value', (issue) => ({
  message: `\`${issue.field}\` is \`${issue.value}\`; Tasker accepts ${issue.allowed.map((v) => `\`${v}\``).join(', ')}`,
  hint: didYouMean(issue.value, issue.allowed),
}));
