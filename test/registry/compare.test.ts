/** compareRegistry on loaded templates and hand-made scans: the rules, without parsing TypeScript. */
import { describe, expect, it } from 'vitest';
import { loadTemplateText } from '../../src/load/index.js';
import { compareRegistry } from '../../src/registry/compare.js';
import { inputKeys } from '../../src/registry/input-keys.js';
import type { Binding, HandlerScan, HandlerSite, MappingEntry } from '../../src/registry/types.js';

let nextId = 1;
const span = (line = 1) => ({ file: 'h.ts', line, column: 1, endLine: line, endColumn: 2 });
function handler(
  callable: string,
  options: { depends?: Record<string, string>; inputs?: Record<string, string>; line?: number } = {},
): HandlerSite {
  const entries = (m: Record<string, string> = {}): MappingEntry[] =>
    Object.entries(m).map(([param, value]) => ({ param, value, span: span(options.line) }));
  return {
    id: nextId++,
    form: 'define',
    via: 'defineHandler',
    callable,
    callableSpan: span(options.line),
    depends: entries(options.depends),
    inputs: entries(options.inputs),
    scanned: true,
  };
}
function scanOf(...handlers: HandlerSite[]): HandlerScan {
  const bindings: Binding[] = handlers.map((h) => ({ callable: h.callable!, handler: h, span: h.callableSpan, via: 'definition' }));
  return { handlers, bindings, dynamic: [], syntaxErrors: [], unreadable: [], files: ['h.ts'], sources: new Map() };
}
function templates(...texts: string[]) {
  return texts.flatMap((text, i) => loadTemplateText(text, `t${i}.yaml`).templates);
}
const codes = (diagnostics: ReturnType<typeof compareRegistry>) => diagnostics.map((d) => `${d.severity} ${d.code}`);

const DIAMOND = `name: diamond
namespace_name: n
version: 1.0.0
input_schema:
  type: object
  properties: { order_id: { type: string } }
steps:
  - { name: a, handler: { callable: A } }
  - { name: b, handler: { callable: B }, dependencies: [a] }
  - { name: c, handler: { callable: C }, dependencies: [a] }
  - { name: d, handler: { callable: D }, dependencies: [b, c] }
`;

describe('compareRegistry', () => {
  it('accepts every ancestor, not only direct dependencies', () => {
    const out = compareRegistry(
      templates(DIAMOND),
      scanOf(handler('A'), handler('B'), handler('C'), handler('D', { depends: { first: 'a', left: 'b', right: 'c' } })),
    );
    expect(out).toEqual([]);
  });

  it('a step naming itself is not an ancestor', () => {
    const out = compareRegistry(
      templates(DIAMOND),
      scanOf(handler('A'), handler('B'), handler('C'), handler('D', { depends: { me: 'd' } })),
    );
    expect(out.map((d) => d.message)).toEqual([
      'depends.me names step "d", the step itself (n/diamond:1.0.0): the handler receives null there',
    ]);
  });

  it('checks a shared callable against each of its steps on its own', () => {
    const other = DIAMOND.replace('name: diamond', 'name: other').replace('callable: D }', 'callable: A }');
    // A serves step a of both templates (no ancestors) and step d of `other` (ancestors a, b, c).
    const out = compareRegistry(
      templates(DIAMOND, other),
      scanOf(handler('A', { depends: { left: 'b' } }), handler('B'), handler('C'), handler('D')),
    );
    const notAncestor = out.filter((d) => d.code === 'depends-not-ancestor').map((d) => d.message);
    expect(notAncestor).toEqual([
      'depends.left names step "b", which is not upstream of step "a" of n/diamond:1.0.0: the handler receives null there',
      'depends.left names step "b", which is not upstream of step "a" of n/other:1.0.0: the handler receives null there',
    ]);
    const shared = out.find((d) => d.code === 'shared-callable' && d.message.startsWith('callable "A"'))!;
    expect(shared.message).toBe(
      'callable "A" is used by 3 steps: "a" (n/diamond:1.0.0), "a" (n/other:1.0.0), "d" (n/other:1.0.0); each step is checked on its own',
    );
    expect(shared.related?.map((r) => `${r.file}:${r.line}`)).toEqual(['t0.yaml:8', 't1.yaml:8', 't1.yaml:11']);
  });

  it('reports an unknown step once per template even when several steps share the callable', () => {
    const text = `name: t\nnamespace_name: n\nversion: 1.0.0\nsteps:\n  - { name: a, handler: { callable: X, method: one } }\n  - { name: b, handler: { callable: X, method: two }, dependencies: [a] }\n`;
    const out = compareRegistry(templates(text), scanOf(handler('X', { depends: { gone: 'missing' } })));
    expect(codes(out)).toEqual(['error depends-unknown-step', 'info shared-callable']);
  });

  it('skips steps with an empty callable (a template finding)', () => {
    const text = `name: t\nnamespace_name: n\nversion: 1.0.0\nsteps:\n  - { name: a, handler: { callable: "" } }\n`;
    expect(compareRegistry(templates(text), scanOf())).toEqual([]);
  });

  it('lists up to three closest handlers, each as a related location', () => {
    const text = `name: t\nnamespace_name: n\nversion: 1.0.0\nsteps:\n  - { name: a, handler: { callable: Shop.ValidateCart } }\n`;
    const out = compareRegistry(
      templates(text),
      scanOf(
        handler('Shop.ValidateCarts', { line: 3 }),
        handler('Shop.ValidateCard', { line: 5 }),
        handler('Other.ValidateCart', { line: 7 }),
        handler('Unrelated', { line: 9 }),
      ),
    );
    const missing = out.find((d) => d.code === 'missing-handler')!;
    expect(missing.hint).toBe('closest handlers: "Other.ValidateCart", "Shop.ValidateCard" or "Shop.ValidateCarts".');
    expect(missing.related?.map((r) => r.line)).toEqual([7, 5, 3]);
  });

  it('reports unreadable handler files', () => {
    const scan = { ...scanOf(), unreadable: [{ file: 'src/x.ts', reason: 'EACCES' }] };
    expect(compareRegistry([], scan).map((d) => [d.code, d.severity, d.file, d.message])).toEqual([
      ['unreadable-file', 'error', 'src/x.ts', 'cannot read file: EACCES'],
    ]);
  });

  it('does not check inputs against a template without input_schema', () => {
    const text = `name: t\nnamespace_name: n\nversion: 1.0.0\nsteps:\n  - { name: a, handler: { callable: A } }\n`;
    expect(compareRegistry(templates(text), scanOf(handler('A', { inputs: { anything: 'whatever' } })))).toEqual([]);
  });
});

describe('inputKeys', () => {
  it('collects properties and required keys, through allOf / anyOf / oneOf', () => {
    const keys = inputKeys({
      type: 'object',
      required: ['a'],
      properties: { b: {} },
      allOf: [{ properties: { c: {} } }],
      oneOf: [{ required: ['d'] }, { properties: { e: {} } }],
    });
    expect([...keys!.keys].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(keys!.closed).toBe(false);
  });

  it('honours patternProperties', () => {
    const keys = inputKeys({ type: 'object', patternProperties: { '^x_': {} } })!;
    expect(keys.patterns.some((p) => p.test('x_id'))).toBe(true);
  });

  it('is undefined when the schema does not describe its keys', () => {
    expect(inputKeys(undefined)).toBeUndefined();
    expect(inputKeys({ type: 'object' })).toBeUndefined();
    expect(inputKeys({ $ref: '#/definitions/Input', properties: { a: {} } })).toBeUndefined();
    expect(inputKeys(true)).toBeUndefined();
  });

  it('is closed with additionalProperties: false, even without properties', () => {
    expect(inputKeys({ type: 'object', additionalProperties: false })).toEqual({ keys: new Set(), patterns: [], closed: true });
  });
});
