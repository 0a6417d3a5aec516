import { joinPointer } from '../../model/source.js';
import { didYouMean } from '../../model/suggest.js';
import { defineRule } from '../rule.js';

export const unknownOverrideStep = defineRule({
  code: 'unknown-override-step',
  severity: 'warning',
  category: 'dag',
  summary: 'An environment override names a step that does not exist.',
  check({ template, report }) {
    const names = template.steps.map((s) => s.name);
    for (const environment of template.environments) {
      for (const override of environment.steps) {
        if (override.name === 'ALL' || names.includes(override.name)) continue;
        report(joinPointer(override.pointer, 'name'), {
          message: `environment \`${environment.name}\` overrides \`${override.name}\`, which is not a step (Tasker ignores the override)`,
          hint: didYouMean(override.name, [...names, 'ALL']) ?? 'Use a step name, or `ALL` for every step.',
        });
      }
    }
  },
});
