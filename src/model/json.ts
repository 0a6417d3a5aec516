/**
 * Plain JSON values and the helpers every layer shares.
 *
 * Keys that come from YAML are data. Objects built from user data have no
 * prototype, so `__proto__`, `constructor` or `toString` are ordinary own
 * keys: writing one never changes a prototype, and reading a key that is not
 * there never finds an inherited method.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** An empty object whose every key will be data (no prototype). */
export function jsonObject<T = JsonValue>(): { [key: string]: T } {
  return Object.create(null) as { [key: string]: T };
}

/** A deep copy of plain data in which every object has no prototype. */
export function toJsonData<T>(value: T): T {
  if (Array.isArray(value)) return value.map(toJsonData) as T;
  if (typeof value !== 'object' || value === null) return value;
  const out = jsonObject<unknown>();
  for (const key of Object.keys(value)) out[key] = toJsonData((value as Record<string, unknown>)[key]);
  return out as T;
}

export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `a string`, `a list`, … for messages. */
export function describeJsonType(value: JsonValue | undefined): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'number') return 'a number'; // YAML `1.0` is an integral JS number: do not call it "an integer"
  return `a ${typeof value}`;
}

/**
 * The root `type` of a schema when it rules out a JSON object (`"string"`,
 * `["array", "null"]`, a `false` schema…); undefined when an object may match.
 */
export function nonObjectRootType(schema: JsonValue): JsonValue | undefined {
  if (schema === false) return false;
  if (!isJsonObject(schema) || schema.type === undefined) return undefined;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return types.includes('object') ? undefined : schema.type;
}
