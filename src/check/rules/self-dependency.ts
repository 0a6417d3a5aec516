import { defineRule } from '../rule.js';

export const selfDependency = defineRule({
  code: 'self-dependency',
  severity: 'error',
  category: 'dag',
  summary: 'A step depends on itself.',
  check({ template, report }) {
    for (const step of template.steps) {
      for (const dep of step.dependencies) {
        if (dep.step !== step.name) continue;
        report(dep.pointer, {
          message: `step \`${step.name}\` depends on itself`,
          hint: `Remove \`${dep.step}\` from its ${step.dependenciesKey}.`,
        });
      }
    }
  },
});
