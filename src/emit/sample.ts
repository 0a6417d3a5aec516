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

function deref(schema: JsonValue, root: JsonValue): JsonValue {
  let current = schema;
  for (let hops = 0; isJsonObject(current) && typeof current.$ref === 'string' && hops < MAX_DEPTH; hops++) {
    current = (resolveLocalRef(root, current.$ref) as JsonValue | undefined) ?? {};
  }
  return current;
}

function sample(input: JsonValue, root: JsonValue, depth: number): string {
  const schema = deref(input, root);
  if (!isJsonObject(schema) || depth > MAX_DEPTH) return 'null';
  if (schema.tsType === 'JsonObject') return '{}';
  if (schema.tsType === 'JsonValue') return 'null';
  if ('const' in schema) return literal(schema.const as JsonValue);
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return literal(schema.enum[0]!);
  const types = Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type];
  if (types.includes('null')) return 'null';
  const type = types[0] ?? (schema.properties || schema.required || schema.allOf ? 'object' : undefined);
  switch (type) {
    case 'string':
      return "''";
    case 'number':
    case 'integer':
      return '0';
    case 'boolean':
      return 'false';
    case 'array':
      // A tuple (`items` as a list) needs one value per position.
      return Array.isArray(schema.items) ? `[${schema.items.map((item) => sample(item, root, depth + 1)).join(', ')}]` : '[]';
    case 'object':
      return objectLiteral(objectEntries(schema, root, depth));
    default: {
      const branch = firstBranch(schema);
      return branch === undefined ? 'null' : sample(branch, root, depth + 1);
    }
  }
}

function firstBranch(schema: JsonObject): JsonValue | undefined {
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const branches = schema[keyword];
    if (Array.isArray(branches) && branches.length > 0) return branches[0]!;
  }
  return undefined;
}

/**
 * The required entries of an object schema: its own, those of every `allOf`
 * part and of the first `oneOf`/`anyOf` branch (the type is their intersection).
 */
function objectEntries(input: JsonValue, root: JsonValue, depth: number): Array<[string, string]> {
  const schema = deref(input, root);
  if (!isJsonObject(schema) || depth > MAX_DEPTH) return [];
  const properties: JsonObject = isJsonObject(schema.properties) ? schema.properties : {};
  const extra = schema.additionalProperties;
  const required = Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : [];
  const entries: Array<[string, string]> = required.map((key) => {
    const declared = properties[key] ?? (isJsonObject(extra) ? extra : {});
    return [key, sample(declared, root, depth + 1)];
  });
  if (Array.isArray(schema.allOf)) for (const part of schema.allOf) entries.push(...objectEntries(part, root, depth + 1));
  const branch = firstBranch(schema);
  if (branch !== undefined) entries.push(...objectEntries(branch, root, depth + 1));
  return entries;
}

function objectLiteral(entries: Array<[string, string]>): string {
  const merged = new Map(entries); // later parts of an allOf win, as in an intersection
  if (merged.size === 0) return '{}';
  return `{ ${[...merged].map(([key, value]) => `${propertyKey(key)}: ${value}`).join(', ')} }`;
}

function literal(value: JsonValue): string {
  if (typeof value === 'string') return stringLiteral(value);
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  return objectLiteral(Object.entries(value).map(([k, v]) => [k, literal(v)]));
}
