import { defineRule } from '../rule.js';
import { stepTypePointer } from '../views.js';

export const decisionWithoutDependencies = defineRule({
  code: 'decision-without-dependencies',
  severity: 'error',
  category: 'dag',
  summary: 'A decision step has no dependencies.',
  check({ template, report }) {
    for (const step of template.steps) {
      if (step.type !== 'decision' || step.dependencies.length > 0) continue;
      report(stepTypePointer(step), {
        message: `decision step \`${step.name}\` has no dependencies; Tasker requires at least one`,
        hint: 'Add the step whose result the decision is based on to `dependencies`.',
      });
    }
  },
});
