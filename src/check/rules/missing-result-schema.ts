import type { Rule } from '../rule.js';
import { joinPointer } from '../../load/index.js';

export const missingResultSchema: Rule = {
  code: 'missing-result-schema',
  check({ template, report }) {
    for (const step of template.steps) {
      if (step.resultSchema || step.name === '') continue;
      report(joinPointer(step.pointer, 'name'), {
        code: 'missing-result-schema',
        message: `step \`${step.name}\` has no result_schema; its dependents receive untyped results`,
        hint: 'Add a `result_schema` to type what this handler returns.',
      });
    }
  },
};
