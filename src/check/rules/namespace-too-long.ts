import type { Rule } from '../rule.js';

const MAX_NAMESPACE = 29;

export const namespaceTooLong: Rule = {
  code: 'namespace-too-long',
  check({ template, report }) {
    if (template.namespaceName.length <= MAX_NAMESPACE) return;
    report('/namespace_name', {
      code: 'namespace-too-long',
      message: `namespace \`${template.namespaceName}\` is ${template.namespaceName.length} characters; over ${MAX_NAMESPACE} breaks Tasker's queue names`,
      hint: `Shorten it to ${MAX_NAMESPACE} characters or fewer.`,
    });
  },
};
