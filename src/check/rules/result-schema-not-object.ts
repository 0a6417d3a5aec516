import { nonObjectRootType } from '../../model/json.js';
import { joinPointer } from '../../model/source.js';
import { defineRule } from '../rule.js';

export const resultSchemaNotObject = defineRule({
  code: 'result-schema-not-object',
  severity: 'warning',
  category: 'schema',
  summary: 'A `result_schema` root is not an object type.',
  check({ template, report }) {
    for (const step of template.steps) {
      if (!step.resultSchema) continue;
      const type = nonObjectRootType(step.resultSchema.schema);
      if (type === undefined) continue;
      report(joinPointer(step.resultSchema.pointer, 'type'), {
        message: `result_schema of \`${step.name}\` has type ${JSON.stringify(type)}, not \`object\``,
        hint: 'A handler result is a JSON object (Tasker wraps other values as `{ result: value }`); describe that object.',
      });
    }
  },
});
