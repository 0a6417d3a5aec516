import type { JsonValue } from '../../model/json.js';
import { isJsonObject } from '../../model/json.js';
import { resolveLocalRef } from '../../model/json-pointer.js';
import { joinPointer } from '../../model/source.js';
import { defineRule } from '../rule.js';
import { templateSchemas } from '../views.js';

/** Keywords whose values are data, not schemas: a `$ref` inside them is not a reference. */
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples']);

export const unresolvedSchemaRef = defineRule({
  code: 'unresolved-schema-ref',
  severity: 'error',
  category: 'schema',
  summary: 'A `$ref` does not resolve inside its schema.',
  check({ template, report }) {
    for (const { label, node } of templateSchemas(template)) {
      const root = node.schema;
      const visit = (value: JsonValue, pointer: string): void => {
        if (Array.isArray(value)) {
          value.forEach((item, index) => {
            visit(item, joinPointer(pointer, index));
          });
          return;
        }
        if (!isJsonObject(value)) return;
        const ref = value.$ref;
        if (typeof ref === 'string') {
          const problem = !ref.startsWith('#')
            ? `external \`$ref\` "${ref}" is not supported; only local references (#/definitions/…, #/$defs/…) resolve`
            : resolveLocalRef(root, ref) === undefined
              ? `\`$ref\` "${ref}" does not resolve inside ${label}`
              : undefined;
          if (problem) {
            report(joinPointer(pointer, '$ref'), {
              message: problem,
              hint: 'Declare the referenced schema under `definitions` (or `$defs`) of the same schema.',
            });
          }
        }
        for (const [key, child] of Object.entries(value)) {
          if (!DATA_KEYWORDS.has(key)) visit(child, joinPointer(pointer, key));
        }
      };
      visit(root, node.pointer);
    }
  },
});
