/**
 * Compares two versions of one JSON Schema (a task input or a step result)
 * field by field and classifies each change for the side it is on: an input
 * is written by callers and read by handlers; a result is written by one
 * handler and read by the steps downstream. Pure: JSON in, changes out.
 */
import type { JsonValue } from '../model/json.js';
import { isJsonObject } from '../model/json.js';
import { valueAtPointer } from '../model/json-pointer.js';
import { joinPointer } from '../model/source.js';
import type { BREAKING_CODES } from './codes.js';

export type SchemaSide = 'input' | 'result';

export interface SchemaChange {
  code: Exclude<
    keyof typeof BREAKING_CODES,
    'template-removed' | 'step-removed' | 'callable-changed' | 'step-type-changed' | 'ancestor-removed' | 'result-schema-removed'
  >;
  /** `customer.email`, `items[].sku`; empty for the schema's root. */
  field: string;
  message: string;
  /** Where it is in the new document, or in the old one when the field is gone. */
  at: { side: 'old' | 'new'; pointer: string };
}

/** A schema node with its `$ref`s followed, and where it is written. */
interface Located {
  schema: Record<string, JsonValue>;
  pointer: string;
}

const MAX_DEPTH = 32;

/**
 * The changes from `before` to `after`, both schemas of the same side.
 * `rootPointer*` are the schemas' pointers in their documents.
 */
export function diffSchemas(
  side: SchemaSide,
  before: JsonValue,
  after: JsonValue,
  rootPointerBefore: string,
  rootPointerAfter: string,
): SchemaChange[] {
  const changes: SchemaChange[] = [];
  const resolveBefore = resolver(before, rootPointerBefore);
  const resolveAfter = resolver(after, rootPointerAfter);
  const walk = (old: Located | undefined, now: Located | undefined, field: string, depth: number): void => {
    if (!old || !now || depth > MAX_DEPTH) return;
    const oldTypes = typesOf(old.schema);
    const newTypes = typesOf(now.schema);
    const at = { side: 'new' as const, pointer: now.pointer };
    const name = field === '' ? 'the root' : `\`${field}\``;
    if (!sameSet(oldTypes, newTypes)) {
      changes.push({
        code: side === 'result' ? 'result-field-type-changed' : 'input-field-type-changed',
        field,
        message: `${side} field ${name} changed type: ${describeTypes(oldTypes)} → ${describeTypes(newTypes)}`,
        at,
      });
      return;
    }
    diffEnums(side, old.schema, now.schema, field, name, at, changes);
    if (
      old.schema.additionalProperties !== false &&
      now.schema.additionalProperties === false &&
      (newTypes === undefined || newTypes.has('object'))
    ) {
      changes.push({
        code: 'additional-properties-closed',
        field,
        message: `${side} ${field === '' ? 'schema' : `field ${name}`} no longer allows other properties (additionalProperties: false)`,
        at: { side: 'new', pointer: joinPointer(now.pointer, 'additionalProperties') },
      });
    }
    diffProperties(old, now, field, depth);
    const oldItems = resolveBefore(old.schema.items, joinPointer(old.pointer, 'items'));
    const newItems = resolveAfter(now.schema.items, joinPointer(now.pointer, 'items'));
    walk(oldItems, newItems, `${field}[]`, depth + 1);
  };
  const diffProperties = (old: Located, now: Located, field: string, depth: number): void => {
    const oldProperties = propertiesOf(old, resolveBefore);
    const newProperties = propertiesOf(now, resolveAfter);
    const oldRequired = requiredOf(old.schema);
    const newRequired = requiredOf(now.schema);
    for (const [key, oldProperty] of oldProperties) {
      const child = field === '' ? key : `${field}.${key}`;
      const newProperty = newProperties.get(key);
      if (!newProperty) {
        changes.push({
          code: side === 'result' ? 'result-field-removed' : 'input-field-removed',
          field: child,
          message: `${side} field \`${child}\` was removed`,
          at: { side: 'old', pointer: oldProperty.pointer },
        });
        continue;
      }
      const at = { side: 'new' as const, pointer: newProperty.pointer };
      if (side === 'result' && oldRequired.has(key) && !newRequired.has(key)) {
        changes.push({
          code: 'result-field-optional',
          field: child,
          message: `result field \`${child}\` was required and is now optional`,
          at,
        });
      }
      if (side === 'input' && !oldRequired.has(key) && newRequired.has(key)) {
        changes.push({ code: 'input-field-required', field: child, message: `input field \`${child}\` is now required`, at });
      }
      walk(oldProperty, newProperty, child, depth + 1);
    }
    for (const [key, newProperty] of newProperties) {
      if (oldProperties.has(key)) continue;
      const child = field === '' ? key : `${field}.${key}`;
      const at = { side: 'new' as const, pointer: newProperty.pointer };
      if (side === 'input' && newRequired.has(key)) {
        changes.push({ code: 'input-field-required', field: child, message: `input field \`${child}\` was added as required`, at });
      } else {
        changes.push({
          code: 'optional-field-added',
          field: child,
          message: `${side} field \`${child}\` was added${newRequired.has(key) ? '' : ' (optional)'}`,
          at,
        });
      }
    }
  };
  walk(resolveBefore(before, rootPointerBefore), resolveAfter(after, rootPointerAfter), '', 0);
  return changes;
}

function diffEnums(
  side: SchemaSide,
  old: Record<string, JsonValue>,
  now: Record<string, JsonValue>,
  field: string,
  name: string,
  at: SchemaChange['at'],
  changes: SchemaChange[],
): void {
  const oldValues = enumOf(old);
  const newValues = enumOf(now);
  if (oldValues === undefined && newValues === undefined) return;
  if (oldValues === undefined || newValues === undefined) {
    // An enum that appears narrows the values; one that goes widens them: either way the set of values changed.
    changes.push({
      code: side === 'result' ? 'result-field-type-changed' : 'input-field-type-changed',
      field,
      message: `${side} field ${name} ${newValues ? `is now limited to ${newValues.join(', ')}` : `is no longer limited to ${oldValues!.join(', ')}`}`,
      at,
    });
    return;
  }
  const removed = oldValues.filter((v) => !newValues.includes(v));
  const added = newValues.filter((v) => !oldValues.includes(v));
  if (removed.length > 0) {
    changes.push({
      code: side === 'result' ? 'result-enum-value-removed' : 'input-enum-value-removed',
      field,
      message: `${side} field ${name} no longer allows ${removed.join(', ')}`,
      at,
    });
  }
  if (added.length > 0) {
    changes.push({
      code: side === 'result' ? 'result-enum-value-added' : 'input-enum-value-added',
      field,
      message: `${side} field ${name} now also allows ${added.join(', ')}`,
      at,
    });
  }
}

/** Follows local `$ref`s (`#/definitions/…`, `#/$defs/…`, `#`) to the schema they name, with a cycle guard. */
function resolver(root: JsonValue, rootPointer: string): (schema: JsonValue | undefined, pointer: string) => Located | undefined {
  return (schema, pointer) => {
    let current = schema;
    let at = pointer;
    for (let hops = 0; isJsonObject(current) && typeof current.$ref === 'string'; hops++) {
      if (hops > MAX_DEPTH) return undefined;
      const target = localTarget(root, current.$ref);
      if (target === undefined) return { schema: current, pointer: at };
      at = `${rootPointer}${current.$ref.slice(1)}`;
      current = target;
    }
    return isJsonObject(current) ? { schema: current, pointer: at } : undefined;
  };
}

function localTarget(root: JsonValue, ref: string): JsonValue | undefined {
  if (!ref.startsWith('#')) return undefined;
  try {
    return valueAtPointer(root, decodeURIComponent(ref.slice(1))) as JsonValue | undefined;
  } catch {
    return undefined; // a malformed %-escape names nothing
  }
}

/** Properties, including those of `allOf` parts (which all hold). */
function propertiesOf(node: Located, resolve: ReturnType<typeof resolver>): Map<string, Located> {
  const out = new Map<string, Located>();
  const add = (located: Located | undefined, depth: number): void => {
    if (!located || depth > MAX_DEPTH) return;
    const properties = located.schema.properties;
    if (isJsonObject(properties)) {
      for (const key of Object.keys(properties)) {
        if (out.has(key)) continue;
        const child = resolve(properties[key], joinPointer(located.pointer, 'properties', key));
        if (child) out.set(key, child);
      }
    }
    const parts = located.schema.allOf;
    if (Array.isArray(parts))
      parts.forEach((part, i) => {
        add(resolve(part, joinPointer(located.pointer, 'allOf', i)), depth + 1);
      });
  };
  add(node, 0);
  return out;
}

function requiredOf(schema: Record<string, JsonValue>): Set<string> {
  const out = new Set<string>();
  const add = (node: JsonValue | undefined): void => {
    if (!isJsonObject(node)) return;
    if (Array.isArray(node.required)) for (const key of node.required) if (typeof key === 'string') out.add(key);
    if (Array.isArray(node.allOf)) node.allOf.forEach(add);
  };
  add(schema);
  return out;
}

/** The JSON types a schema allows (`integer` counts as its own type); undefined when it does not say. */
function typesOf(schema: Record<string, JsonValue>): Set<string> | undefined {
  const { type } = schema;
  if (typeof type === 'string') return new Set([type]);
  if (Array.isArray(type)) return new Set(type.filter((t): t is string => typeof t === 'string'));
  if (isJsonObject(schema.properties)) return new Set(['object']);
  if (schema.items !== undefined) return new Set(['array']);
  return undefined;
}

function enumOf(schema: Record<string, JsonValue>): string[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v));
  if (Object.hasOwn(schema, 'const')) return [JSON.stringify(schema.const)];
  return undefined;
}

function sameSet(a: Set<string> | undefined, b: Set<string> | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.size === b.size && [...a].every((t) => b.has(t));
}

function describeTypes(types: Set<string> | undefined): string {
  return types === undefined ? 'any' : [...types].sort().join(' | ');
}
