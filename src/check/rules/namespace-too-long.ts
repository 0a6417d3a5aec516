import { defineRule } from '../rule.js';

const MAX_NAMESPACE = 29;

export const namespaceTooLong = defineRule({
  code: 'namespace-too-long',
  severity: 'warning',
  category: 'metadata',
  summary: 'The namespace is over 29 characters, which breaks queue names.',
  check({ template, report }) {
    if (template.namespaceName.length <= MAX_NAMESPACE) return;
    report('/namespace_name', {
      message: `namespace \`${template.namespaceName}\` is ${template.namespaceName.length} characters; over ${MAX_NAMESPACE} breaks Tasker's queue names`,
      hint: `Shorten it to ${MAX_NAMESPACE} characters or fewer.`,
    });
  },
});
