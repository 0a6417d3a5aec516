import type { Rule } from '../rule.js';

export const selfDependency: Rule = {
  code: 'self-dependency',
  check({ template, report }) {
    for (const step of template.steps) {
      for (const dep of step.dependencies) {
        if (dep.step !== step.name) continue;
        report(dep.pointer, {
          code: 'self-dependency',
          message: `step \`${step.name}\` depends on itself`,
          hint: `Remove \`${dep.step}\` from its ${step.dependenciesKey}.`,
        });
      }
    }
  },
};
