/**
 * The value a handler stub returns: the smallest value of the result type the
 * compiler makes from a prepared schema (required properties only, the first
 * enum member, `null` where allowed, the first union branch that has a value).
 *
 * It follows json-schema-to-typescript's reading of the schema: a `required`
 * key without a property is not part of the type, `allOf` is an intersection,
 * `oneOf`/`anyOf` a union. Intersections (and a callable shared by several
 * steps) merge their samples; when nothing can satisfy them (`string & number`,
 * a required property that contains itself) there is no sample, and the stub
 * throws instead of pretending.
 */
import type { JsonObject, JsonValue } from '../model/json.js';
import { isJsonObject } from '../model/json.js';
import { valueAtPointer } from '../model/json-pointer.js';
import { OBJECT_MEMBERS, type PreparedSchema } from './schema-types.js';

type Primitive = 'string' | 'number' | 'boolean' | 'null';

export type Sample =
  /** Any JSON value (`JsonValue`, `unknown`). */
  | { kind: 'any' }
  | { kind: 'primitive'; type: Primitive; value?: string | number | boolean | null }
  /** A fixed object or array (`const`, or an enum member that is one). */
  | { kind: 'fixed'; value: JsonValue }
  | ObjectSample
  /** A tuple's items (none for a list), and what every item must be (a list's `items`). */
  | { kind: 'array'; items: Sample[]; each: Lazy[] };

/** A lazily made sample: optional properties are sampled only when an intersection needs them. */
type Lazy = () => Sample | NoSample;

/**
 * An object: its required entries, and what an intersection must respect: the
 * types of its optional properties, and its index signatures (every key must
 * fit one alternative of each group; no group means the type is closed).
 */
export interface ObjectSample {
  kind: 'object';
  entries: Map<string, Sample>;
  optional: Map<string, Lazy>;
  index: Lazy[][];
}

/** `JsonObject`: any JSON object (the result type of a step without result_schema). */
export const JSON_OBJECT_SAMPLE: Sample = { kind: 'object', entries: new Map(), optional: new Map(), index: [[() => ({ kind: 'any' })]] };

/** Why no sample exists. */
export class NoSample {
  constructor(readonly reason: string) {}
}

/** The sample of a prepared schema's type, or why there is none. */
export function sampleOf(prepared: PreparedSchema, keys: readonly string[]): Sample | NoSample {
  return new Sampler(prepared, keys).sample(prepared.schema);
}

/** A value of both samples' types (an intersection), or why there is none. */
export function mergeSamples(a: Sample | NoSample, b: Sample | NoSample): Sample | NoSample {
  if (a instanceof NoSample) return a;
  if (b instanceof NoSample) return b;
  if (a.kind === 'any') return b;
  if (b.kind === 'any') return a;
  if (a.kind === 'primitive' && b.kind === 'primitive') {
    if (a.type !== b.type) return new NoSample(`a value cannot be both ${a.type} and ${b.type}`);
    if (a.value !== undefined && b.value !== undefined && a.value !== b.value)
      return new NoSample(`a value cannot be both ${JSON.stringify(a.value)} and ${JSON.stringify(b.value)}`);
    return a.value !== undefined ? a : b;
  }
  if (a.kind === 'object' && b.kind === 'object') return mergeObjects(a, b);
  if (a.kind === 'array' && b.kind === 'array') {
    if (a.items.length > 0 && b.items.length > 0 && a.items.length !== b.items.length) return new NoSample('tuples of different lengths');
    const each = [...a.each, ...b.each];
    const length = Math.max(a.items.length, b.items.length);
    const items: Sample[] = [];
    for (let i = 0; i < length; i++) {
      let merged: Sample | NoSample = mergeSamples(a.items[i] ?? { kind: 'any' }, b.items[i] ?? { kind: 'any' });
      for (const item of each) merged = mergeSamples(merged, item());
      if (merged instanceof NoSample) return new NoSample(`item ${i + 1}: ${merged.reason}`);
      items.push(merged);
    }
    return { kind: 'array', items, each };
  }
  if (a.kind === 'fixed' && b.kind === 'fixed' && JSON.stringify(a.value) === JSON.stringify(b.value)) return a;
  return new NoSample(`a value cannot be both ${describe(a)} and ${describe(b)}`);
}

/**
 * Both objects' required entries, each of which must also fit what the other
 * object says of its key: its own entry, its optional property of that name, or
 * its index signatures (TypeScript reduces `{a?: null} & {a: boolean}` to never).
 */
function mergeObjects(a: ObjectSample, b: ObjectSample): Sample | NoSample {
  const entries = new Map<string, Sample>();
  for (const [from, other] of [
    [a, b],
    [b, a],
  ] as const) {
    for (const [key, value] of from.entries) {
      let merged: Sample | NoSample = mergeSamples(entries.get(key) ?? { kind: 'any' }, value);
      const optional = other.optional.get(key);
      if (optional) merged = mergeSamples(merged, optional());
      else if (!other.entries.has(key)) for (const group of other.index) merged = fitsOne(merged, group);
      if (merged instanceof NoSample) return new NoSample(`property \`${key}\`: ${merged.reason}`);
      entries.set(key, merged);
    }
  }
  const optional = new Map(a.optional);
  for (const [key, lazy] of b.optional) {
    const known = optional.get(key);
    optional.set(key, known ? () => mergeSamples(known(), lazy()) : lazy);
  }
  return { kind: 'object', entries, optional, index: [...a.index, ...b.index] };
}

/** The value merged with the first alternative it fits. */
function fitsOne(value: Sample | NoSample, alternatives: readonly Lazy[]): Sample | NoSample {
  let last: Sample | NoSample = new NoSample('no index signature accepts it');
  for (const alternative of alternatives) {
    last = mergeSamples(value, alternative());
    if (!(last instanceof NoSample)) return last;
  }
  return last;
}

function describe(sample: Sample): string {
  if (sample.kind === 'primitive') return sample.value !== undefined ? JSON.stringify(sample.value) : sample.type;
  if (sample.kind === 'fixed') return JSON.stringify(sample.value);
  return `an ${sample.kind}`;
}

class Sampler {
  /** `$ref` nodes of the copy and the nodes they point at. */
  private readonly targets = new Map<JsonObject, JsonValue>();
  /** Nodes being sampled: meeting one again means a required value contains itself. */
  private readonly onPath = new Set<JsonValue>();
  private readonly known = new Map<JsonValue, Sample>();

  constructor(
    prepared: PreparedSchema,
    private readonly keys: readonly string[],
  ) {
    for (const { node, target } of prepared.refs) {
      const resolved = valueAtPointer(prepared.schema, target) as JsonValue | undefined;
      if (resolved !== undefined) this.targets.set(node, resolved);
    }
  }

  sample(node: JsonValue): Sample | NoSample {
    if (node === true) return { kind: 'any' };
    if (node === false) return new NoSample('the schema `false` has no value');
    if (!isJsonObject(node)) return { kind: 'any' };
    const known = this.known.get(node);
    if (known) return known;
    if (this.onPath.has(node)) return new NoSample('a required value contains itself');
    this.onPath.add(node);
    try {
      const sample = this.sampleNode(node);
      if (!(sample instanceof NoSample)) this.known.set(node, sample);
      return sample;
    } finally {
      this.onPath.delete(node);
    }
  }

  private sampleNode(schema: JsonObject): Sample | NoSample {
    const target = this.targets.get(schema);
    if (target !== undefined) return this.sample(target);
    if (schema.tsType === 'JsonValue') return { kind: 'any' };
    if (schema.tsType === 'JsonObject') return JSON_OBJECT_SAMPLE;
    if (Object.hasOwn(schema, 'const')) return literal(schema.const!);
    if (Array.isArray(schema.enum)) {
      if (schema.enum.length === 0) return new NoSample('an empty `enum` has no value');
      return literal(schema.enum[0]!);
    }
    let own = this.ownSample(schema);
    if (Array.isArray(schema.allOf)) {
      for (const part of schema.allOf) own = mergeSamples(own, this.sample(part));
    }
    for (const keyword of ['oneOf', 'anyOf'] as const) {
      const branches = schema[keyword];
      if (!Array.isArray(branches) || branches.length === 0) continue;
      let chosen: Sample | NoSample = new NoSample(`no \`${keyword}\` branch has a value`);
      for (const branch of branches) {
        const merged = mergeSamples(own, this.sample(branch));
        if (!(merged instanceof NoSample)) {
          chosen = merged;
          break;
        }
        chosen = merged;
      }
      own = chosen;
    }
    return own;
  }

  /** What the node's own `type` (and properties or items) require, before `allOf` and unions. */
  private ownSample(schema: JsonObject): Sample | NoSample {
    const types = Array.isArray(schema.type) ? schema.type : typeof schema.type === 'string' ? [schema.type] : [];
    if (types.includes('null')) return { kind: 'primitive', type: 'null', value: null };
    const type =
      types[0] ??
      (schema.properties !== undefined || schema.additionalProperties !== undefined || schema.required !== undefined
        ? 'object'
        : undefined);
    switch (type) {
      case 'string':
        return { kind: 'primitive', type: 'string' };
      case 'number':
      case 'integer':
        return { kind: 'primitive', type: 'number' };
      case 'boolean':
        return { kind: 'primitive', type: 'boolean' };
      case 'array': {
        // A tuple (`items` as a list) needs one value per position.
        if (!Array.isArray(schema.items)) {
          const item = schema.items;
          return { kind: 'array', items: [], each: item === undefined || item === true ? [] : [() => this.sample(item)] };
        }
        const items: Sample[] = [];
        for (const item of schema.items) {
          const sample = this.sample(item);
          if (sample instanceof NoSample) return sample;
          items.push(sample);
        }
        return { kind: 'array', items, each: [] };
      }
      case 'object':
        return this.objectSample(schema);
      default:
        return { kind: 'any' };
    }
  }

  /**
   * The required entries the compiled type declares (those with a property, or
   * covered by `additionalProperties`), and the optional properties named like
   * `Object.prototype` members: TypeScript gives every object literal those
   * members, so leaving one out would not fit a property of another type.
   */
  private objectSample(schema: JsonObject): Sample | NoSample {
    const properties = isJsonObject(schema.properties) ? schema.properties : undefined;
    const extra = isJsonObject(schema.additionalProperties) ? schema.additionalProperties : undefined;
    const entries = new Map<string, Sample>();
    const optional = new Map<string, Lazy>();
    // The index signatures the compiler declares: `additionalProperties` (a schema, or `true` for any value) and `patternProperties`.
    const index: Lazy[] = [];
    if (schema.additionalProperties === true) index.push(() => ({ kind: 'any' }));
    if (extra) index.push(() => this.sample(extra));
    if (isJsonObject(schema.patternProperties))
      for (const pattern of Object.values(schema.patternProperties)) index.push(() => this.sample(pattern));
    const required = Array.isArray(schema.required) ? [...schema.required] : [];
    for (const key of Object.keys(properties ?? {})) if (OBJECT_MEMBERS.has(this.key(key)) && !required.includes(key)) required.push(key);
    for (const key of required) {
      if (typeof key !== 'string') continue;
      const declared = properties && Object.hasOwn(properties, key) ? properties[key]! : extra;
      if (declared === undefined) continue;
      const sample = this.sample(declared);
      const name = this.key(key);
      if (sample instanceof NoSample) return new NoSample(`property \`${name}\`: ${sample.reason}`);
      entries.set(name, sample);
    }
    for (const key of Object.keys(properties ?? {})) {
      const name = this.key(key);
      if (!entries.has(name)) optional.set(name, () => this.sample(properties![key]!));
    }
    return { kind: 'object', entries, optional, index: index.length > 0 ? [index] : [] };
  }

  /** The original key behind a placeholder (see prepareSchema). */
  private key(copyKey: string): string {
    const match = /^__taskerctl_key_(\d+)__$/.exec(copyKey);
    return match ? (this.keys[Number(match[1])] ?? copyKey) : copyKey;
  }
}

function literal(value: JsonValue): Sample {
  if (value === null) return { kind: 'primitive', type: 'null', value: null };
  if (typeof value === 'string') return { kind: 'primitive', type: 'string', value };
  if (typeof value === 'number') return { kind: 'primitive', type: 'number', value };
  if (typeof value === 'boolean') return { kind: 'primitive', type: 'boolean', value };
  return { kind: 'fixed', value };
}
