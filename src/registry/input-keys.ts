/** The top-level keys an `input_schema` declares, for checking handler `inputs`. */

import { isJsonObject } from '../model/json.js';
import type { JsonValue } from '../model/template.js';

export interface InputKeys {
  /** Declared keys (`properties`, `required`, and the same in `allOf` / `anyOf` / `oneOf` branches). */
  keys: Set<string>;
  /** Key patterns (`patternProperties`); a key matching one is declared. */
  patterns: RegExp[];
  /** True when the schema sets `additionalProperties: false` at the root: other keys are never present. */
  closed: boolean;
}

/**
 * The keys a schema declares, or undefined when it does not say (no
 * `properties` anywhere, a `$ref` root, open `additionalProperties`): such a
 * schema accepts any key and `inputs` cannot be checked against it.
 */
export function inputKeys(schema: JsonValue | undefined): InputKeys | undefined {
  if (!isJsonObject(schema)) return undefined;
  const keys = new Set<string>();
  const patterns: RegExp[] = [];
  let described = false;
  const collect = (node: JsonValue | undefined, depth: number): void => {
    if (!isJsonObject(node) || depth > 4) return;
    if (isJsonObject(node.properties)) {
      described = true;
      for (const key of Object.keys(node.properties)) keys.add(key);
    }
    if (Array.isArray(node.required)) for (const key of node.required) if (typeof key === 'string') keys.add(key);
    if (isJsonObject(node.patternProperties)) {
      described = true;
      for (const pattern of Object.keys(node.patternProperties)) {
        try {
          patterns.push(new RegExp(pattern, 'u'));
        } catch {
          // an invalid pattern is reported by the template check
        }
      }
    }
    for (const combinator of ['allOf', 'anyOf', 'oneOf'] as const) {
      const branches = node[combinator];
      if (Array.isArray(branches)) for (const branch of branches) collect(branch, depth + 1);
    }
  };
  collect(schema, 0);
  const closed = schema.additionalProperties === false;
  // A $ref, an `if`/`then` or open additional properties may declare more: only a described schema is checked.
  if (!described && !closed) return undefined;
  if (typeof schema.$ref === 'string' && !closed) return undefined;
  return { keys, patterns, closed };
}

export function declares(input: InputKeys, key: string): boolean {
  return input.keys.has(key) || input.patterns.some((p) => p.test(key));
}
