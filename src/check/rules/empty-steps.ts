import { defineRule } from '../rule.js';

export const emptySteps = defineRule({
  code: 'empty-steps',
  severity: 'warning',
  category: 'dag',
  summary: 'The template declares no steps.',
  check({ template, report }) {
    if (template.steps.length > 0 || template.shapeIssues.some((i) => i.pointer === '/steps' && i.kind === 'wrong-type')) return;
    const declared = template.source.has('/steps');
    report(
      declared ? '/steps' : '',
      {
        message: declared ? 'the steps list is empty' : 'the template declares no steps',
        hint: 'A task with no steps completes without doing anything.',
      },
      declared ? 'key' : 'value',
    );
  },
});
