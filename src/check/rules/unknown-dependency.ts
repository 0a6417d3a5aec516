import { didYouMean } from '../../model/suggest.js';
import { defineRule } from '../rule.js';

export const unknownDependency = defineRule({
  code: 'unknown-dependency',
  severity: 'error',
  category: 'dag',
  summary: 'A step depends on a step the template does not declare.',
  check({ template, report }) {
    const names = template.steps.map((s) => s.name);
    const known = new Set(names);
    for (const step of template.steps) {
      for (const dep of step.dependencies) {
        if (known.has(dep.step)) continue;
        report(dep.pointer, {
          message: `step \`${step.name}\` depends on \`${dep.step}\`, which is not a step of this template`,
          hint: didYouMean(dep.step, names) ?? `Steps: ${names.join(', ')}.`,
        });
      }
    }
  },
});
