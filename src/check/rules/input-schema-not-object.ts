import type { Rule } from '../rule.js';
import { joinPointer } from '../../load/index.js';
import { nonObjectRootType } from '../views.js';

export const inputSchemaNotObject: Rule = {
  code: 'input-schema-not-object',
  check({ template, report }) {
    if (!template.inputSchema) return;
    const type = nonObjectRootType(template.inputSchema.schema);
    if (type === undefined) return;
    report(joinPointer(template.inputSchema.pointer, 'type'), {
      code: 'input-schema-not-object',
      message: `input_schema has type ${JSON.stringify(type)}, but a task's input (its context) is a JSON object`,
      hint: 'Describe the object: `type: object` with `properties`. Generated code types this input as JsonObject.',
    });
  },
};
