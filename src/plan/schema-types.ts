/**
 * Prepares one JSON Schema for json-schema-to-typescript.
 *
 * - Every object-like node asks for a type name, derived from its path
 *   (`parts`); the plan resolves the names of a whole template at once and
 *   writes them into the copy's `title`s.
 * - Descriptions are made safe for JSDoc; schemas that carry no type
 *   information become `JsonValue`/`JsonObject` instead of `unknown`.
 * - Keywords TypeScript cannot express are reported.
 * - A `$ref` that leads back to its own node without passing through a
 *   property or an item (`allOf: [{$ref: '#'}]`, `oneOf` with itself) adds no
 *   shape and has no finite TypeScript type: it is left out and reported.
 * - Keys that name `Object.prototype` members (`__proto__`, `hasOwnProperty`…)
 *   stand in the copy as placeholders, since the compiler reads schema nodes
 *   as ordinary objects; `restoreKeys` puts them back into its output.
 */
import type { JsonObject, JsonValue } from '../model/json.js';
import { isJsonObject } from '../model/json.js';
import { unescapePointerSegment, valueAtPointer } from '../model/json-pointer.js';
import { joinPointer } from '../model/source.js';
import type { SchemaNode } from '../model/template.js';
import { jsdocText, singular } from './naming.js';

/** Keywords that change the shape of a value but have no TypeScript equivalent. */
const INEXPRESSIBLE = new Set([
  'not',
  'if',
  'then',
  'else',
  'dependencies',
  'dependentSchemas',
  'dependentRequired',
  'propertyNames',
  'contains',
  'unevaluatedProperties',
  'unevaluatedItems',
  'additionalItems',
  'prefixItems',
]);
/** Keywords that describe the type (anything else is validation-only or annotation). */
const TYPING = ['type', 'properties', 'items', 'enum', 'const', 'additionalProperties', '$ref', 'oneOf', 'anyOf', 'allOf', 'required'];
const BRANCHES = ['allOf', 'anyOf', 'oneOf'] as const;

/** The members TypeScript's `Object` interface gives every object type. */
export const OBJECT_MEMBERS: ReadonlySet<string> = new Set([
  'constructor',
  'toString',
  'toLocaleString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
]);

/** Keys an ordinary object inherits: as schema keys they must not meet the compiler as they are. */
const INHERITED_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));
const PLACEHOLDER = /^__taskerctl_key_(\d+)__$/;

/** A node of the copy that needs a type name, and what the name derives from. */
export interface NamedNode {
  node: JsonObject;
  /** Document pointer of the original node. */
  pointer: string;
  /** Raw name parts: `['validate_cart', 'Result', 'line_item']`. */
  parts: string[];
}

export interface PreparedSchema {
  /** Document pointer of the schema root. */
  pointer: string;
  /** The root type name, once the plan has resolved it. */
  name: string;
  /** A copy of the schema, ready for json-schema-to-typescript (titles set by the plan). */
  schema: JsonObject;
  /** Every node that declares a type, the root first. */
  named: NamedNode[];
  /** Keywords that could not be expressed, with their pointers. */
  inexpressible: Array<{ keyword: string; pointer: string }>;
  /** `$ref`s left out because they lead back to their own node (document pointers). */
  selfReferences: string[];
  /** Every `$ref` of the copy, with the target's pointer in the copy (relative to the root). */
  refs: Array<{ node: JsonObject; target: string }>;
}

/**
 * @param keys the placeholder table, shared by the schemas compiled together
 * @param label what the root's JSDoc says it is, before the schema's own description
 */
export function prepareSchema(source: SchemaNode, rootParts: string[], keys: string[], label: string): PreparedSchema {
  const prepared: PreparedSchema = {
    pointer: source.pointer,
    name: '',
    schema: {},
    named: [],
    inexpressible: [],
    selfReferences: [],
    refs: [],
  };
  const rootPointer = source.pointer;
  const relative = (pointer: string): string => pointer.slice(rootPointer.length);
  const cycles = new SelfReferences(source.schema);
  /** Original relative pointer → pointer in the copy (they differ where keys were replaced). */
  const copyPointers = new Map<string, string>();
  const pendingRefs: Array<{ node: JsonObject; target: string }> = [];

  const safeKey = (key: string): string => {
    if (!INHERITED_KEYS.has(key) && !PLACEHOLDER.test(key)) return key;
    let index = keys.indexOf(key);
    if (index < 0) index = keys.push(key) - 1;
    return `__taskerctl_key_${index}__`;
  };

  /**
   * A `$ref` beside other keywords (or beside the definitions it points into),
   * or on a node that gets a name, is made one part of an `allOf`: the
   * resolver would otherwise replace the whole node, title and definitions
   * included, by its target (and loop on a chain of named references).
   */
  const refAsPart = (node: JsonObject): void => {
    if (typeof node.$ref !== 'string') return;
    const ref: JsonObject = { $ref: node.$ref };
    pendingRefs.find((pending) => pending.node === node)!.node = ref;
    delete node.$ref;
    node.allOf = [...(Array.isArray(node.allOf) ? node.allOf : []), ref];
  };
  /** Every node of the copy by its pointer there, with what its name would derive from. */
  const copies = new Map<string, Omit<NamedNode, 'node'> & { node: JsonValue }>();
  const visit = (value: JsonValue, pointer: string, copyPointer: string, parts: string[]): JsonValue => {
    const node = visitNode(value, pointer, copyPointer, parts);
    copies.set(copyPointer, { node, pointer, parts });
    return node;
  };
  const visitNode = (value: JsonValue, pointer: string, copyPointer: string, parts: string[]): JsonValue => {
    copyPointers.set(relative(pointer), copyPointer);
    if (value === true || (isJsonObject(value) && isUntyped(value))) return withDescription({ tsType: 'JsonValue' }, value);
    if (!isJsonObject(value)) return value;
    const out: JsonObject = {};
    for (const key of Object.keys(value)) {
      const entry = value[key]!;
      const at = joinPointer(pointer, key);
      if (INEXPRESSIBLE.has(key)) prepared.inexpressible.push({ keyword: key, pointer: at });
      switch (key) {
        case 'title':
        case '$id':
        case 'id':
        case '$schema':
          break; // names come from the path; ids would make the resolver look elsewhere
        case 'tsType':
        case 'tsExtends':
        case 'tsEnumNames':
        case 'extends':
          break; // the compiler's own keywords would put YAML text into code as it stands
        case 'description':
          if (typeof entry === 'string') out.description = jsdocText(entry);
          break;
        case '$ref':
          if (typeof entry !== 'string') break;
          if (cycles.isSelfReference(relative(pointer))) prepared.selfReferences.push(at);
          else {
            out.$ref = entry; // pointed at its place in the compiled schema by placeRefs
            pendingRefs.push({ node: out, target: refPointer(entry) ?? '' });
          }
          break;
        case 'properties':
        case 'definitions':
        case '$defs':
          if (!isJsonObject(entry)) break;
          out[key] = mapObject(entry, (name, schema) => {
            const copyKey = safeKey(name);
            return [copyKey, visit(schema, joinPointer(at, name), joinPointer(copyPointer, key, copyKey), [...parts, name])];
          });
          break;
        case 'required':
          out.required = Array.isArray(entry) ? entry.map((name) => (typeof name === 'string' ? safeKey(name) : name)) : entry;
          break;
        case 'items':
          out.items = Array.isArray(entry)
            ? entry.map((item, i) => visit(item, joinPointer(at, i), joinPointer(copyPointer, key, i), [...parts, `Item${i + 1}`]))
            : visit(entry, at, joinPointer(copyPointer, key), itemParts(parts, pointer));
          break;
        case 'additionalProperties':
          out.additionalProperties = isJsonObject(entry) ? visit(entry, at, joinPointer(copyPointer, key), [...parts, 'Value']) : entry;
          break;
        case 'oneOf':
        case 'anyOf':
        case 'allOf': {
          if (!Array.isArray(entry)) break;
          const branches: JsonValue[] = [];
          entry.forEach((branch, i) => {
            // A branch that is nothing but a left-out self reference adds nothing to the type.
            if (
              isJsonObject(branch) &&
              typeof branch.$ref === 'string' &&
              cycles.isSelfReference(relative(joinPointer(at, i))) &&
              isUntyped(withoutRef(branch))
            ) {
              prepared.selfReferences.push(joinPointer(at, i, '$ref'));
              return;
            }
            branches.push(
              visit(branch, joinPointer(at, i), joinPointer(copyPointer, key, branches.length), [
                ...parts,
                `${key === 'allOf' ? 'Part' : 'Option'}${i + 1}`,
              ]),
            );
          });
          if (branches.length > 0) out[key] = branches;
          break;
        }
        default:
          out[key] = plainCopy(entry);
      }
    }
    declareObjectMembers(value, out, pointer, copyPointer, parts);
    if (Object.keys(out).some((key) => key !== '$ref' && key !== 'description')) refAsPart(out);
    if (isUntyped(out) && out.description === undefined) return { tsType: 'JsonValue' };
    if (isUntyped(out)) return { tsType: 'JsonValue', description: out.description! };
    if (isObjectLike(out)) {
      if (
        out.properties === undefined &&
        out.additionalProperties === undefined &&
        !BRANCHES.some((b) => out[b] !== undefined) &&
        out.$ref === undefined
      ) {
        // A bare `type: object` accepts any JSON object.
        return withDescription({ tsType: 'JsonObject' }, out);
      }
      prepared.named.push({ node: out, pointer, parts });
    }
    return out;
  };

  /**
   * A required key named like an `Object` member (`constructor`, `toString`…)
   * that only `additionalProperties` covers gets a property of that schema:
   * TypeScript gives such names the member's type (`Function`) wherever an
   * object type does not declare them, so an object with the key would not fit
   * the union or intersection the node is part of.
   */
  const declareObjectMembers = (value: JsonObject, out: JsonObject, pointer: string, copyPointer: string, parts: string[]): void => {
    if (!Array.isArray(value.required) || value.additionalProperties === false) return;
    const declared = isJsonObject(value.properties) ? value.properties : {};
    const extra = value.additionalProperties ?? true;
    for (const name of value.required) {
      if (typeof name !== 'string' || !OBJECT_MEMBERS.has(name) || Object.hasOwn(declared, name)) continue;
      const properties = isJsonObject(out.properties) ? out.properties : (out.properties = {});
      const copyKey = safeKey(name);
      if (Object.hasOwn(properties, copyKey)) continue;
      properties[copyKey] = visit(extra, joinPointer(pointer, 'additionalProperties'), joinPointer(copyPointer, 'properties', copyKey), [
        ...parts,
        name,
      ]);
    }
  };

  const copy = visit(source.schema, source.pointer, '', rootParts);
  const root: JsonObject = isJsonObject(copy) ? copy : { tsType: 'JsonValue' };
  if (!prepared.named.some((n) => n.node === root)) prepared.named.unshift({ node: root, pointer: source.pointer, parts: rootParts });
  else prepared.named.sort((a, b) => (a.node === root ? -1 : b.node === root ? 1 : 0));
  root.description = typeof root.description === 'string' ? `${jsdocText(label)}\n\n${root.description}` : jsdocText(label);
  prepared.schema = root;
  // The compiler names a referenced node, or a definition, after its key when it has no title: give each one of ours.
  const definitions = [...copies.keys()].filter((at) => /\/(?:definitions|\$defs)\/[^/]+$/.test(at));
  for (const at of [...pendingRefs.map((ref) => copyPointers.get(ref.target) ?? ref.target), ...definitions]) {
    const copy = copies.get(at);
    if (copy && isJsonObject(copy.node) && !prepared.named.some((n) => n.node === copy.node))
      prepared.named.push({ ...copy, node: copy.node });
  }
  for (const named of prepared.named) refAsPart(named.node);
  prepared.refs = pendingRefs.map(({ node, target }) => ({ node, target: copyPointers.get(target) ?? target }));
  return prepared;
}

/** Points the copy's `$ref`s at `prefix` + their target, for a schema compiled as part of a larger one. */
export function placeRefs(prepared: PreparedSchema, prefix: string): void {
  for (const { node, target } of prepared.refs) {
    node.$ref = `#${prefix}${target
      .split('/')
      .map((segment) => encodeURIComponent(segment))
      .join('/')}`;
  }
}

/** Puts the original keys back where the compiler's output shows placeholders (always quoted). */
export function restoreKeys(text: string, keys: readonly string[]): string {
  if (keys.length === 0) return text;
  return text.replace(/__taskerctl_key_(\d+)__/g, (match, n: string) => {
    const key = keys[Number(n)];
    return key === undefined ? match : JSON.stringify(key);
  });
}

/** Item names: `…LineItems` + items → `…LineItem` when the array is a property, else `…Item`. */
function itemParts(parts: string[], arrayPointer: string): string[] {
  const segments = arrayPointer.split('/');
  if (segments[segments.length - 2] !== 'properties' || parts.length === 0) return [...parts, 'Item'];
  const owner = unescapePointerSegment(segments[segments.length - 1]!);
  return [...parts.slice(0, -1), singular(owner)];
}

/** `#/definitions/a` → `/definitions/a`; undefined for a reference outside the document. */
function refPointer(ref: string): string | undefined {
  if (!ref.startsWith('#')) return undefined;
  try {
    return decodeURIComponent(ref.slice(1));
  } catch {
    return undefined;
  }
}

/**
 * Finds the `$ref`s inside a loop made of `allOf`/`anyOf`/`oneOf` branches and
 * other `$ref`s alone (no property or item in between): the strongly connected
 * components (Tarjan) of the graph of those edges. Every `$ref` whose source
 * and target share a component is part of such a loop; leaving them all out
 * makes every remaining loop pass through a property or an item, which
 * TypeScript can name. The answer does not depend on where the walk starts.
 */
class SelfReferences {
  private readonly component = new Map<string, number>();
  /** Components that hold a loop (more than one node, or a node that refers to itself). */
  private readonly looping = new Set<number>();
  private readonly index = new Map<string, number>();
  private readonly lowLink = new Map<string, number>();
  private readonly stack: string[] = [];
  private readonly onStack = new Set<string>();
  private counter = 0;
  private components = 0;

  constructor(private readonly root: JsonValue) {}

  /** Whether the `$ref` of the node at `pointer` (relative to the root) is part of such a loop. */
  isSelfReference(pointer: string): boolean {
    const target = this.refTarget(pointer);
    if (target === undefined) return false;
    if (!this.index.has(pointer)) this.connect(pointer);
    const component = this.component.get(pointer)!;
    return this.looping.has(component) && this.component.get(target) === component;
  }

  private refTarget(pointer: string): string | undefined {
    const node = valueAtPointer(this.root, pointer) as JsonValue | undefined;
    return isJsonObject(node) && typeof node.$ref === 'string' ? refPointer(node.$ref) : undefined;
  }

  private edges(pointer: string): string[] {
    const node = valueAtPointer(this.root, pointer) as JsonValue | undefined;
    if (!isJsonObject(node)) return [];
    const out: string[] = [];
    for (const keyword of BRANCHES) {
      const branches = node[keyword];
      if (Array.isArray(branches))
        branches.forEach((_, i) => {
          out.push(joinPointer(pointer, keyword, i));
        });
    }
    const target = this.refTarget(pointer);
    if (target !== undefined && valueAtPointer(this.root, target) !== undefined) out.push(target);
    return out;
  }

  /** Tarjan's algorithm from `pointer`. */
  private connect(pointer: string): void {
    this.index.set(pointer, this.counter);
    this.lowLink.set(pointer, this.counter++);
    this.stack.push(pointer);
    this.onStack.add(pointer);
    for (const next of this.edges(pointer)) {
      if (!this.index.has(next)) {
        this.connect(next);
        this.lowLink.set(pointer, Math.min(this.lowLink.get(pointer)!, this.lowLink.get(next)!));
      } else if (this.onStack.has(next)) {
        this.lowLink.set(pointer, Math.min(this.lowLink.get(pointer)!, this.index.get(next)!));
      }
    }
    if (this.lowLink.get(pointer) !== this.index.get(pointer)) return;
    const id = this.components++;
    const members: string[] = [];
    for (let member = this.stack.pop()!; ; member = this.stack.pop()!) {
      this.onStack.delete(member);
      this.component.set(member, id);
      members.push(member);
      if (member === pointer) break;
    }
    if (members.length > 1 || this.refTarget(pointer) === pointer) this.looping.add(id);
  }
}

function mapObject(value: JsonObject, fn: (key: string, child: JsonValue) => [string, JsonValue]): JsonObject {
  const out: JsonObject = {};
  for (const key of Object.keys(value)) {
    const [copyKey, copy] = fn(key, value[key]!);
    out[copyKey] = copy;
  }
  return out;
}

/** A copy in ordinary objects whose every key is an own property (as JSON.parse makes them). */
function plainCopy(value: JsonValue): JsonValue {
  return typeof value === 'object' && value !== null ? (JSON.parse(JSON.stringify(value)) as JsonValue) : value;
}

function withoutRef(schema: JsonObject): JsonObject {
  const { $ref: _ref, description: _description, ...rest } = schema;
  return rest;
}

function isObjectLike(schema: JsonObject): boolean {
  const type = schema.type;
  if (type === 'object') return true;
  if (Array.isArray(type)) return false;
  return type === undefined && (schema.properties !== undefined || schema.additionalProperties !== undefined);
}

function isUntyped(schema: JsonObject): boolean {
  return !TYPING.some((k) => Object.hasOwn(schema, k));
}

function withDescription(target: JsonObject, source: JsonValue): JsonObject {
  if (isJsonObject(source) && typeof source.description === 'string') target.description = jsdocText(source.description);
  return target;
}
