import { joinPointer } from '../../model/source.js';
import { defineRule } from '../rule.js';

export const missingResultSchema = defineRule({
  code: 'missing-result-schema',
  severity: 'info',
  category: 'schema',
  summary: 'A step has no `result_schema`; its dependents receive untyped results.',
  check({ template, report }) {
    for (const step of template.steps) {
      if (step.resultSchema || step.name === '') continue;
      report(joinPointer(step.pointer, 'name'), {
        message: `step \`${step.name}\` has no result_schema; its dependents receive untyped results`,
        hint: 'Add a `result_schema` to type what this handler returns.',
      });
    }
  },
});
