import type { Rule } from '../rule.js';
import { joinPointer } from '../../load/index.js';
import { didYouMean } from '../../model/suggest.js';

export const unknownOverrideStep: Rule = {
  code: 'unknown-override-step',
  check({ template, report }) {
    const names = template.steps.map((s) => s.name);
    for (const environment of template.environments) {
      for (const override of environment.steps) {
        if (override.name === 'ALL' || names.includes(override.name)) continue;
        report(joinPointer(override.pointer, 'name'), {
          code: 'unknown-override-step',
          message: `environment \`${environment.name}\` overrides \`${override.name}\`, which is not a step (Tasker ignores the override)`,
          hint: didYouMean(override.name, [...names, 'ALL']) ?? 'Use a step name, or `ALL` for every step.',
        });
      }
    }
  },
};
