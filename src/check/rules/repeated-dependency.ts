import { defineRule } from '../rule.js';

export const repeatedDependency = defineRule({
  code: 'repeated-dependency',
  severity: 'warning',
  category: 'dag',
  summary: 'A step lists the same dependency twice.',
  check({ template, report }) {
    for (const step of template.steps) {
      const seen = new Set<string>();
      for (const dep of step.dependencies) {
        if (!seen.has(dep.step)) {
          seen.add(dep.step);
          continue;
        }
        report(dep.pointer, {
          message: `step \`${step.name}\` lists \`${dep.step}\` more than once`,
          hint: 'Remove the repeated entry.',
        });
      }
    }
  },
});
