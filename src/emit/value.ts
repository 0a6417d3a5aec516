/** TypeScript expressions for planned values (stub results, test inputs). */
import type { JsonValue } from '../model/json.js';
import { objectKey, stringLiteral } from '../plan/naming.js';
import type { Sample } from '../plan/sample.js';

const DEFAULTS = { string: "''", number: '0', boolean: 'false', null: 'null' } as const;

export function sampleText(sample: Sample): string {
  switch (sample.kind) {
    case 'any':
      return 'null';
    case 'primitive':
      return sample.value === undefined ? DEFAULTS[sample.type] : jsonText(sample.value);
    case 'fixed':
      return jsonText(sample.value);
    case 'array':
      return `[${sample.items.map(sampleText).join(', ')}]`;
    case 'object':
      return objectText([...sample.entries].map(([key, value]) => [key, sampleText(value)]));
  }
}

/** A JSON value as a TypeScript expression; every key stays an own property (`['__proto__']`). */
export function jsonText(value: JsonValue): string {
  if (typeof value === 'string') return stringLiteral(value);
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(jsonText).join(', ')}]`;
  return objectText(Object.keys(value).map((key) => [key, jsonText(value[key]!)]));
}

function objectText(entries: ReadonlyArray<readonly [string, string]>): string {
  return entries.length === 0 ? '{}' : `{ ${entries.map(([key, text]) => `${objectKey(key)}: ${text}`).join(', ')} }`;
}
