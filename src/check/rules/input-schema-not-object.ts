import { nonObjectRootType } from '../../model/json.js';
import { joinPointer } from '../../model/source.js';
import { defineRule } from '../rule.js';

export const inputSchemaNotObject = defineRule({
  code: 'input-schema-not-object',
  severity: 'warning',
  category: 'schema',
  summary: 'An `input_schema` root is not an object type; a task input is a JSON object.',
  check({ template, report }) {
    if (!template.inputSchema) return;
    const type = nonObjectRootType(template.inputSchema.schema);
    if (type === undefined) return;
    report(joinPointer(template.inputSchema.pointer, 'type'), {
      message: `input_schema has type ${JSON.stringify(type)}, but a task's input (its context) is a JSON object`,
      hint: 'Describe the object: `type: object` with `properties`. Generated code types this input as JsonObject.',
    });
  },
});
