import type { Rule } from '../rule.js';

export const repeatedDependency: Rule = {
  code: 'repeated-dependency',
  check({ template, report }) {
    for (const step of template.steps) {
      const seen = new Set<string>();
      for (const dep of step.dependencies) {
        if (!seen.has(dep.step)) {
          seen.add(dep.step);
          continue;
        }
        report(dep.pointer, {
          code: 'repeated-dependency',
          message: `step \`${step.name}\` lists \`${dep.step}\` more than once`,
          hint: 'Remove the repeated entry.',
        });
      }
    }
  },
};
