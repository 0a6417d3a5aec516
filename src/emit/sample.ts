/**
 * The smallest TypeScript value that satisfies a prepared schema, for stub
 * bodies: required properties only, the first enum member, `null` where the
 * schema allows it.
 */
import type { JsonObject, JsonValue } from '../load/index.js';
import { isJsonObject } from '../load/normalize.js';
import { propertyKey, stringLiteral } from '../plan/naming.js';
import { resolveLocalRef } from '../shared/json-pointer.js';

const MAX_DEPTH = 12;

export function sampleValue(schema: JsonValue, root: JsonValue = schema): string {
  return sample(schema, root, 0);
}

function sample(schema: JsonValue, root: JsonValue, depth: number): string {
  if (!isJsonObject(schema) || depth > MAX_DEPTH) return 'null';
  if (typeof schema.$ref === 'string') return sample(resolveLocalRef(root, schema.$ref) as JsonValue, root, depth + 1);
  if (schema.tsType === 'JsonObject') return '{}';
  if (schema.tsType === 'JsonValue') return 'null';
  if ('const' in schema) return literal(schema.const as JsonValue);
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return literal(schema.enum[0]!);
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const branches = schema[keyword];
    if (Array.isArray(branches) && branches.length > 0) return sample(branches[0]!, root, depth + 1);
  }
  if (Array.isArray(schema.allOf)) {
    const parts = schema.allOf.map((part) => requiredEntries(part, root, depth + 1));
    return objectLiteral(parts.flat());
  }
  const types = Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type];
  if (types.includes('null')) return 'null';
  const type = types[0] ?? (schema.properties ? 'object' : undefined);
  switch (type) {
    case 'string':
      return "''";
    case 'number':
    case 'integer':
      return '0';
    case 'boolean':
      return 'false';
    case 'array':
      return '[]';
    case 'object':
      return objectLiteral(requiredEntries(schema, root, depth));
    default:
      return 'null';
  }
}

function requiredEntries(schema: JsonValue, root: JsonValue, depth: number): Array<[string, string]> {
  if (!isJsonObject(schema)) return [];
  if (typeof schema.$ref === 'string') return requiredEntries(resolveLocalRef(root, schema.$ref) as JsonValue, root, depth + 1);
  const properties: JsonObject = isJsonObject(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : [];
  const entries: Array<[string, string]> = required.map((key) => [key, sample(properties[key] ?? {}, root, depth + 1)]);
  if (Array.isArray(schema.allOf)) for (const part of schema.allOf) entries.push(...requiredEntries(part, root, depth + 1));
  return entries;
}

function objectLiteral(entries: Array<[string, string]>): string {
  const seen = new Map(entries); // later parts of an allOf win, as in an intersection
  if (seen.size === 0) return '{}';
  return `{ ${[...seen].map(([key, value]) => `${propertyKey(key)}: ${value}`).join(', ')} }`;
}

function literal(value: JsonValue): string {
  if (typeof value === 'string') return stringLiteral(value);
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  return objectLiteral(Object.entries(value).map(([k, v]) => [k, literal(v)]));
}
