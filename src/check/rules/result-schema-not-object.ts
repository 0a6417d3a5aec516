import type { Rule } from '../rule.js';
import { joinPointer } from '../../load/index.js';
import { nonObjectRootType } from '../views.js';

export const resultSchemaNotObject: Rule = {
  code: 'result-schema-not-object',
  check({ template, report }) {
    for (const step of template.steps) {
      if (!step.resultSchema) continue;
      const type = nonObjectRootType(step.resultSchema.schema);
      if (type === undefined) continue;
      report(joinPointer(step.resultSchema.pointer, 'type'), {
        code: 'result-schema-not-object',
        message: `result_schema of \`${step.name}\` has type ${JSON.stringify(type)}, not \`object\``,
        hint: 'A handler result is a JSON object (Tasker wraps other values as `{ result: value }`); describe that object.',
      });
    }
  },
};
