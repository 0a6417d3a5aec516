import { defineRule } from '../rule.js';
import { metaSchemaProblems } from '../schema-meta.js';
import { templateSchemas } from '../views.js';

export const invalidJsonSchema = defineRule({
  code: 'invalid-json-schema',
  severity: 'error',
  category: 'schema',
  summary: 'A schema is not a valid JSON Schema (draft-07).',
  check({ template, report }) {
    for (const { label, node } of templateSchemas(template)) {
      for (const problem of metaSchemaProblems(node.schema)) {
        const where = problem.path === '' ? '' : ` at \`${problem.path.slice(1)}\``;
        report(node.pointer + problem.path, {
          message: `${label} is not a valid JSON Schema${where}: ${problem.message}`,
          hint: 'Schemas are checked against the JSON Schema draft-07 meta-schema.',
        });
      }
    }
  },
});
