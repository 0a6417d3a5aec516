import { didYouMean } from '../../model/suggest.js';
import type { Rule } from '../rule.js';

export const unknownDependency: Rule = {
  code: 'unknown-dependency',
  check({ template, report }) {
    const names = template.steps.map((s) => s.name);
    const known = new Set(names);
    for (const step of template.steps) {
      for (const dep of step.dependencies) {
        if (known.has(dep.step)) continue;
        report(dep.pointer, {
          code: 'unknown-dependency',
          message: `step \`${step.name}\` depends on \`${dep.step}\`, which is not a step of this template`,
          hint: didYouMean(dep.step, names) ?? `Steps: ${names.join(', ')}.`,
        });
      }
    }
  },
};
