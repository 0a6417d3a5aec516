import type { Rule } from '../rule.js';
import { stepTypePointer } from '../views.js';

export const decisionWithoutDependencies: Rule = {
  code: 'decision-without-dependencies',
  check({ template, report }) {
    for (const step of template.steps) {
      if (step.type !== 'decision' || step.dependencies.length > 0) continue;
      report(stepTypePointer(step), {
        code: 'decision-without-dependencies',
        message: `decision step \`${step.name}\` has no dependencies; Tasker requires at least one`,
        hint: 'Add the step whose result the decision is based on to `dependencies`.',
      });
    }
  },
};
