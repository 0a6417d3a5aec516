/**
 * Deterministic random task templates with hostile JSON Schemas: recursion
 * through `$ref` (direct, mutual, through unions and intersections), names
 * that collide or shadow Object.prototype members, tuples, consts, contradictions,
 * callables shared by steps with different results. Every template is one
 * Tasker accepts, so tasker-ctl must generate code that compiles from all of them.
 */

/** mulberry32: a small, fast PRNG with a 32-bit seed (same seed, same templates). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const NAMES = [
  'id',
  'name',
  'items',
  'line_items',
  'lineItems',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'prototype',
  'a-b',
  'a_b',
  '2fa',
  'x y',
  'class',
  "it's",
  'end */',
  'Result',
  'Step',
  'value',
];
const STEP_NAMES = [
  'fetch_data',
  'fetch__data',
  'payment_1',
  'payment1',
  'constructor',
  '__proto__',
  'toString',
  'validate',
  'task_input',
  'results',
  'steps',
  'a-b',
  'a_b',
  'x',
];

class Generator {
  private definitions: string[] = [];

  constructor(private readonly next: () => number) {}

  private int(max: number): number {
    return Math.floor(this.next() * max);
  }
  private pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)]!;
  }
  private chance(p: number): boolean {
    return this.next() < p;
  }

  /** A root schema with its own `definitions` (recursion goes through them and through `#`). */
  root(objectRoot: boolean): { [key: string]: Json } {
    const count = this.int(3);
    this.definitions = Array.from({ length: count }, () => this.pick(NAMES));
    const schema = objectRoot ? this.object(0) : this.schema(0);
    if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return { type: 'object' };
    if (this.definitions.length > 0) {
      const definitions: { [key: string]: Json } = {};
      for (const name of this.definitions)
        Object.defineProperty(definitions, name, { value: this.schema(1), enumerable: true, writable: true, configurable: true });
      Object.defineProperty(schema, 'definitions', { value: definitions, enumerable: true, writable: true, configurable: true });
    }
    return schema;
  }

  schema(depth: number): Json {
    if (depth > 4) return this.primitive();
    const roll = this.int(14);
    if (roll < 4) return this.primitive();
    if (roll < 7) return this.object(depth);
    if (roll < 9) return this.array(depth);
    if (roll < 11) return this.branches(depth);
    if (roll < 13) return this.reference();
    return this.pick<Json>([{}, true, { description: 'anything */ at all' }, { const: this.constValue(2) }]);
  }

  private primitive(): Json {
    const type = this.pick(['string', 'number', 'integer', 'boolean', 'null']);
    const out: { [key: string]: Json } = { type: type !== 'null' && this.chance(0.2) ? [type, 'null'] : type };
    if (type === 'string' && this.chance(0.3)) out.enum = this.chance(0.5) ? ['a', 'b-c', '__proto__', "it's"] : ['only'];
    if (type === 'integer' && this.chance(0.2)) out.enum = [1, 2, 3];
    if (type === 'string' && this.chance(0.2)) out.format = this.pick(['date-time', 'email', 'uuid']);
    if (this.chance(0.2)) out.description = this.pick(['a */ comment', 'line\nbreak', '`back` tick', 'plain']);
    return out;
  }

  private object(depth: number): Json {
    const properties: { [key: string]: Json } = {};
    const names: string[] = [];
    for (let i = this.int(5); i > 0; i--) {
      const name = this.pick(NAMES);
      if (names.includes(name)) continue;
      names.push(name);
      Object.defineProperty(properties, name, { value: this.schema(depth + 1), enumerable: true, writable: true, configurable: true });
    }
    const out: { [key: string]: Json } = { type: 'object' };
    if (names.length > 0 || this.chance(0.7)) out.properties = properties;
    const required = names.filter(() => this.chance(0.5));
    if (this.chance(0.15)) required.push(this.pick(NAMES));
    if (required.length > 0) out.required = [...new Set(required)];
    if (this.chance(0.3)) out.additionalProperties = this.pick<Json>([true, false, { type: 'string' }, { type: 'integer' }]);
    return out;
  }

  private array(depth: number): Json {
    if (this.chance(0.3))
      return {
        type: 'array',
        items: [this.schema(depth + 1), this.schema(depth + 1)],
        ...(this.chance(0.5) ? { additionalItems: false } : {}),
      };
    return this.chance(0.1) ? { type: 'array' } : { type: 'array', items: this.schema(depth + 1) };
  }

  private branches(depth: number): Json {
    const keyword = this.pick(['oneOf', 'anyOf', 'allOf']);
    const parts = Array.from({ length: 1 + this.int(3) }, () => (this.chance(0.15) ? { $ref: '#' } : this.schema(depth + 1)));
    const out: { [key: string]: Json } = { [keyword]: parts };
    if (this.chance(0.3)) Object.assign(out, { type: 'object', properties: { extra: { type: 'string' } } });
    return out;
  }

  private reference(): Json {
    if (this.definitions.length === 0 || this.chance(0.2)) return { $ref: '#' };
    const name = this.pick(this.definitions);
    return { $ref: `#/definitions/${name.replace(/~/g, '~0').replace(/\//g, '~1').replace(/%/g, '%25').replace(/ /g, '%20')}` };
  }

  private constValue(depth: number): Json {
    if (depth <= 0) return this.pick<Json>([1, 'x', null, true]);
    return this.pick<Json>([[this.constValue(depth - 1), this.constValue(depth - 1)], { k: this.constValue(depth - 1) }, 2]);
  }

  /** A template: an object input schema and steps in a random DAG, some sharing a callable. */
  template(index: number): { [key: string]: Json } {
    const steps: Json[] = [];
    const used: string[] = [];
    const count = 2 + this.int(5);
    for (let i = 0; i < count; i++) {
      let name = this.pick(STEP_NAMES);
      while (used.includes(name)) name = `${name}_${i}`;
      const dependencies = used.filter(() => this.chance(0.4));
      const callable = this.chance(0.25) && used.length > 0 ? `Fuzz${index}.Shared` : `Fuzz${index}.${name.replace(/[^A-Za-z0-9]/g, '_')}`;
      used.push(name);
      const step: { [key: string]: Json } = { name, handler: { callable }, dependencies };
      if (this.chance(0.9)) step.result_schema = this.root(this.chance(0.8));
      steps.push(step);
    }
    return { name: `fuzz_${index}`, namespace_name: 'fuzz', version: '1.0.0', input_schema: this.root(true), steps };
  }
}

/** `count` schemas' worth of templates (about five schemas each), from `seed`: JSON is YAML. */
export function fuzzTemplates(seed: number, count: number): Array<{ file: string; text: string }> {
  const generator = new Generator(random(seed));
  const out: Array<{ file: string; text: string }> = [];
  for (let schemas = 0, i = 0; schemas < count; i++) {
    const template = generator.template(i);
    schemas += 1 + (template.steps as Json[]).length;
    out.push({ file: `fuzz_${i}.yaml`, text: `${JSON.stringify(template, null, 1)}\n` });
  }
  return out;
}
