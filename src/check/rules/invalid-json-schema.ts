import type { Rule } from '../rule.js';
import { metaSchemaProblems } from '../schema-meta.js';
import { templateSchemas } from '../views.js';

export const invalidJsonSchema: Rule = {
  code: 'invalid-json-schema',
  check({ template, report }) {
    for (const { label, node } of templateSchemas(template)) {
      for (const problem of metaSchemaProblems(node.schema)) {
        const where = problem.path === '' ? '' : ` at \`${problem.path.slice(1)}\``;
        report(node.pointer + problem.path, {
          code: 'invalid-json-schema',
          message: `${label} is not a valid JSON Schema${where}: ${problem.message}`,
          hint: 'Schemas are checked against the JSON Schema draft-07 meta-schema.',
        });
      }
    }
  },
};
