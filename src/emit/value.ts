/** TypeScript expressions for planned values (stub results, test inputs). */
import type { JsonValue } from '../model/json.js';
import { objectKey, propertyKey, stringLiteral } from '../plan/naming.js';
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

/** The type of a JSON value, widened (`5000` → `number`): what a step's `handler.initialization` is typed as. */
export function jsonTypeText(value: JsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    const items = [...new Set(value.map(jsonTypeText))];
    return items.length === 0 ? 'JsonValue[]' : items.length === 1 ? `${items[0]}[]` : `Array<${items.join(' | ')}>`;
  }
  if (typeof value === 'object') {
    const keys = Object.keys(value);
    return keys.length === 0 ? '{}' : `{ ${keys.map((key) => `${propertyKey(key)}: ${jsonTypeText(value[key]!)}`).join('; ')} }`;
  }
  return typeof value;
}
