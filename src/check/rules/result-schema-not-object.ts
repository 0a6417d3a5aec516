import type { Rule } from '../rule.js';
import { joinPointer } from '../../load/index.js';
import { isJsonObject } from '../../load/normalize.js';

export const resultSchemaNotObject: Rule = {
  code: 'result-schema-not-object',
  check({ template, report }) {
    for (const step of template.steps) {
      const schema = step.resultSchema?.schema;
      if (schema === undefined || !isJsonObject(schema) || schema.type === undefined) continue;
      const types = Array.isArray(schema.type) ? schema.type : [schema.type];
      if (types.includes('object')) continue;
      report(joinPointer(step.resultSchema!.pointer, 'type'), {
        code: 'result-schema-not-object',
        message: `result_schema of \`${step.name}\` has type ${JSON.stringify(schema.type)}, not \`object\``,
        hint: 'A handler result is a JSON object (Tasker wraps other values as `{ result: value }`); describe that object.',
      });
    }
  },
};
