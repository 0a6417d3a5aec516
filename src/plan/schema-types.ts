/**
 * Prepares one JSON Schema for json-schema-to-typescript: every object-like
 * node gets a `title` derived from its path (so nested interfaces get stable,
 * readable names), descriptions are made safe for JSDoc, schemas that carry
 * no type information become `JsonValue`/`JsonObject` instead of `unknown`,
 * and keywords TypeScript cannot express are reported.
 */
import type { JsonObject, JsonValue, SchemaNode } from '../load/index.js';
import { joinPointer } from '../load/index.js';
import { isJsonObject } from '../load/normalize.js';
import { jsdocText, singular, typeName } from './naming.js';
import { unescapePointerSegment } from '../shared/json-pointer.js';

/** Keywords that change the shape of a value but have no TypeScript equivalent. */
const INEXPRESSIBLE = new Set([
  'not', 'if', 'then', 'else', 'dependencies', 'dependentSchemas', 'dependentRequired', 'propertyNames',
  'contains', 'unevaluatedProperties', 'unevaluatedItems', 'additionalItems', 'prefixItems',
]);
/** Keywords that describe the type (anything else is validation-only or annotation). */
const TYPING = ['type', 'properties', 'items', 'enum', 'const', 'additionalProperties', '$ref', 'oneOf', 'anyOf', 'allOf', 'required'];

export interface NamedNode {
  name: string;
  pointer: string;
}

export interface PreparedSchema {
  /** The root type name. */
  name: string;
  /** A copy of the schema, ready for json-schema-to-typescript. */
  schema: JsonObject;
  /** Every type name the schema will declare, with the pointer of the node that declares it. */
  names: NamedNode[];
  /** Keywords that could not be expressed, with their pointers. */
  inexpressible: Array<{ keyword: string; pointer: string }>;
}

export function prepareSchema(node: SchemaNode, rootName: string): PreparedSchema {
  const names: NamedNode[] = [];
  const inexpressible: PreparedSchema['inexpressible'] = [];

  const visit = (value: JsonValue, pointer: string, name: string): JsonValue => {
    if (value === true || (isJsonObject(value) && isUntyped(value))) {
      return withDescription({ tsType: 'JsonValue' }, value);
    }
    if (!isJsonObject(value)) return value;
    const out: JsonObject = {};
    for (const [key, child] of Object.entries(value)) {
      const at = joinPointer(pointer, key);
      if (INEXPRESSIBLE.has(key)) inexpressible.push({ keyword: key, pointer: at });
      switch (key) {
        case 'title':
        case '$id':
        case 'id':
        case '$schema':
          break; // names come from the path; ids would make the resolver look elsewhere
        case 'description':
          if (typeof child === 'string') out.description = jsdocText(child);
          break;
        case 'properties':
          out.properties = mapEntries(child, at, (prop, propValue, propAt) => visit(propValue, propAt, `${name}${typeName(prop)}`));
          break;
        case 'definitions':
        case '$defs':
          out[key] = mapEntries(child, at, (def, defValue, defAt) => visit(defValue, defAt, `${name}${typeName(def)}`));
          break;
        case 'items':
          out.items = Array.isArray(child)
            ? child.map((item, i) => visit(item, joinPointer(at, i), `${name}Item${i + 1}`))
            : visit(child, at, itemName(name, pointer));
          break;
        case 'additionalProperties':
          out.additionalProperties = isJsonObject(child) ? visit(child, at, `${name}Value`) : child;
          break;
        case 'oneOf':
        case 'anyOf':
        case 'allOf':
          out[key] = Array.isArray(child)
            ? child.map((branch, i) => visit(branch, joinPointer(at, i), `${name}${key === 'allOf' ? 'Part' : 'Option'}${i + 1}`))
            : child;
          break;
        default:
          out[key] = child;
      }
    }
    if (isObjectLike(out)) {
      if (out.properties === undefined && out.additionalProperties === undefined && out.allOf === undefined && out.oneOf === undefined && out.anyOf === undefined) {
        // A bare `type: object` accepts any JSON object.
        return withDescription({ tsType: 'JsonObject' }, out);
      }
      out.title = name;
      names.push({ name, pointer });
    }
    return out;
  };

  const schema = visit(node.schema, node.pointer, rootName);
  const root: JsonObject = isJsonObject(schema) ? schema : { tsType: 'JsonValue' };
  if (root.title === undefined) {
    root.title = rootName;
    names.push({ name: rootName, pointer: node.pointer });
  }
  return { name: rootName, schema: root, names, inexpressible };
}

/** `OrderResult` + property path `…/properties/line_items/items` → `OrderResultLineItem`. */
function itemName(parentName: string, arrayPointer: string): string {
  const segments = arrayPointer.split('/');
  const escaped = segments[segments.length - 2] === 'properties' ? segments[segments.length - 1] : undefined;
  if (escaped === undefined) return `${parentName}Item`;
  const owner = unescapePointerSegment(escaped);
  // parentName already ends with the property name; swap it for its singular.
  const propertyPart = typeName(owner);
  const base = parentName.endsWith(propertyPart) ? parentName.slice(0, -propertyPart.length) : parentName;
  return `${base}${typeName(singular(owner))}`;
}

function isObjectLike(schema: JsonObject): boolean {
  const type = schema.type;
  if (type === 'object') return true;
  if (Array.isArray(type)) return false;
  return type === undefined && (schema.properties !== undefined || schema.additionalProperties !== undefined);
}

function isUntyped(schema: JsonObject): boolean {
  return !TYPING.some((k) => k in schema);
}

function withDescription(target: JsonObject, source: JsonValue): JsonObject {
  if (isJsonObject(source) && typeof source.description === 'string') target.description = jsdocText(source.description);
  return target;
}

function mapEntries(value: JsonValue, pointer: string, fn: (key: string, child: JsonValue, at: string) => JsonValue): JsonValue {
  if (!isJsonObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) out[key] = fn(key, child, joinPointer(pointer, key));
  return out;
}
