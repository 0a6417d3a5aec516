/** The scanner on small projects: each recognised form, and what it must not take for a handler. */
import { chmodSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/load/files.js';
import { scanHandlers } from '../../src/registry/scan.js';
import type { HandlerScan } from '../../src/registry/types.js';
import { tempProject } from '../helpers.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function scan(files: Record<string, string>, paths: string[] = ['src'], runtimeModules?: string[]): HandlerScan & { dir: string } {
  const project = tempProject(files);
  cleanups.push(project.cleanup);
  return { ...scanHandlers(paths, { cwd: project.dir, ...(runtimeModules ? { runtimeModules } : {}) }), dir: project.dir };
}

const callables = (s: HandlerScan) => s.bindings.map((b) => b.callable).sort();
const dynamicTexts = (s: HandlerScan) => s.dynamic.map((d) => d.text);

describe('define calls', () => {
  it('follows local aliases and casts of the DSL functions', () => {
    const s = scan({
      'src/a.ts': `import { defineHandler } from 'tasker-ctl/runtime';
const dh = defineHandler;
const typed = (defineHandler as unknown) as typeof defineHandler;
export const A = dh('A', {}, async () => ({}));
export const B = typed('B', {}, async () => ({}));
export const C = (defineHandler)('C', {}, async () => ({}));`,
    });
    expect(callables(s)).toEqual(['A', 'B', 'C']);
  });

  it('resolves constants: concatenation, substitutions of constants, enums, element access, computed keys', () => {
    const s = scan({
      'src/names.ts': `export const NS = 'Shop';\nexport enum Step { Charge = 'charge' }\nexport const KEYS = { ['input-' + 'key']: 'order_id' } as const;`,
      'src/a.ts': `import { defineHandler } from '@tasker-systems/tasker';
import { NS, Step, KEYS } from './names';
const SEP = '.';
export const A = defineHandler(NS + SEP + 'A', { depends: { charge: Step.Charge } }, async () => ({}));
export const B = defineHandler(\`\${NS}.B\`, { inputs: { id: KEYS['input-key'] } }, async () => ({}));`,
    });
    expect(callables(s)).toEqual(['Shop.A', 'Shop.B']);
    const a = s.bindings.find((b) => b.callable === 'Shop.A')!.handler;
    expect(a.depends.map((e) => [e.param, e.value])).toEqual([['charge', 'charge']]);
    const b = s.bindings.find((b) => b.callable === 'Shop.B')!.handler;
    expect(b.inputs.map((e) => [e.param, e.value])).toEqual([['id', 'order_id']]);
  });

  it('reports anything else as dynamic: let, parameters, calls, unknown imports', () => {
    const s = scan({
      'src/a.ts': `import { defineHandler } from 'tasker-ctl/runtime';
import { name } from 'some-package';
let mutable = 'A';
export const A = defineHandler(mutable, {}, async () => ({}));
export const B = defineHandler(name, {}, async () => ({}));
export const C = defineHandler(compute(), {}, async () => ({}));
export const make = (n: string) => defineHandler(n, {}, async () => ({}));
function compute() { return 'C'; }`,
    });
    expect(callables(s)).toEqual([]);
    expect(dynamicTexts(s)).toEqual(['mutable', 'name', 'compute()', 'n']);
    expect(s.dynamic[0]!.span).toMatchObject({ file: 'src/a.ts', line: 4, column: 32 });
  });

  it('reads depends and inputs from a const object, shorthand properties and spreads it cannot see', () => {
    const s = scan({
      'src/a.ts': `import { defineHandler } from 'tasker-ctl/runtime';
const cart = 'validate_cart';
const depends = { cart, payment: 'charge', ...other() };
const options = { depends, inputs: { id: 'order_id' } };
export const A = defineHandler('A', options, async () => ({}));
function other() { return {}; }`,
    });
    const [binding] = s.bindings;
    expect(binding!.handler.depends.map((e) => [e.param, e.value])).toEqual([
      ['cart', 'validate_cart'],
      ['payment', 'charge'],
    ]);
    expect(binding!.handler.inputs.map((e) => [e.param, e.value])).toEqual([['id', 'order_id']]);
  });

  it('does not take same-named functions from elsewhere for the DSL', () => {
    const s = scan({
      'src/a.ts': `import { defineHandler } from 'h3';
import { defineHandler as mine } from './mine';
export const A = defineHandler((event: unknown) => event);
export const B = mine('B', {}, async () => ({}));`,
      'src/mine.ts': `export function defineHandler(name: string, o: object, f: unknown) { return { name, o, f }; }`,
    });
    expect(callables(s)).toEqual([]);
    expect(s.dynamic).toEqual([]);
  });

  it('ignores type-only imports', () => {
    const s = scan({
      'src/a.ts': `import type { defineHandler } from 'tasker-ctl/runtime';\ndeclare const x: typeof defineHandler;\nexport const A = x('A', {}, async () => ({}));`,
    });
    expect(callables(s)).toEqual([]);
  });

  it('recognises a configured runtime module', () => {
    const files = {
      'src/a.ts': `import { defineHandler } from '@acme/worker';\nexport const A = defineHandler('A', {}, async () => ({}));`,
    };
    expect(callables(scan(files))).toEqual([]);
    expect(callables(scan(files, ['src'], ['@acme/worker']))).toEqual(['A']);
  });

  it('recognises the generated tasker.ts by its banner, or by following its re-export', () => {
    const generated = `// @generated by tasker-ctl from 3 templates — do not edit
// @checksum sha256:0000000000000000000000000000000000000000000000000000000000000000
import { defineHandler as runtimeDefineHandler } from 'RUNTIME';
export const defineHandler = runtimeDefineHandler as unknown as (c: string, o: object, f: unknown) => unknown;`;
    const handler = `import { defineHandler } from '../tasker.js';\nexport const A = defineHandler('A', {}, async () => ({}));`;
    // A custom runtime: only the banner says these are the DSL.
    expect(
      callables(scan({ 'gen/tasker.ts': generated.replace('RUNTIME', './my-runtime'), 'gen/handlers/a.ts': handler }, ['gen/handlers'])),
    ).toEqual(['A']);
    // Without the banner, a custom runtime is not recognised…
    expect(
      callables(
        scan(
          { 'gen/tasker.ts': generated.split('\n').slice(2).join('\n').replace('RUNTIME', './my-runtime'), 'gen/handlers/a.ts': handler },
          ['gen/handlers'],
        ),
      ),
    ).toEqual([]);
    // …but the default runtime is, through the re-export.
    expect(
      callables(
        scan(
          {
            'gen/tasker.ts': generated.split('\n').slice(2).join('\n').replace('RUNTIME', 'tasker-ctl/runtime'),
            'gen/handlers/a.ts': handler,
          },
          ['gen/handlers'],
        ),
      ),
    ).toEqual(['A']);
  });

  it('follows export * chains, survives import cycles, and resolves index files and extension-less imports', () => {
    const s = scan({
      'src/dsl/index.ts': `export * from './a';\nexport * from './b';`,
      'src/dsl/a.ts': `export * from './b';\nexport * from './index';`,
      'src/dsl/b.ts': `export { defineBatchWorker as worker } from 'tasker-ctl/runtime';\nexport * from './a';`,
      'src/h.ts': `import { worker } from './dsl';\nexport const W = worker('W', {}, async () => ({}));`,
    });
    expect(callables(s)).toEqual(['W']);
    expect(s.bindings[0]!.handler.via).toBe('defineBatchWorker');
  });

  it('follows `export * as ns` and CommonJS namespace requires', () => {
    const s = scan({
      'src/dsl.ts': `export * as tasker from 'tasker-ctl/runtime';`,
      'src/a.ts': `import { tasker } from './dsl';\nexport const A = tasker.defineDecisionHandler('A', {}, async () => undefined as never);`,
      'src/b.cjs': `const t = require('@tasker-systems/tasker');\nexports.B = t.defineHandler('B', {}, async () => ({}));`,
    });
    expect(s.bindings.map((b) => [b.callable, b.handler.via, b.handler.name])).toEqual([
      ['A', 'defineDecisionHandler', 'A'],
      ['B', 'defineHandler', 'B'],
    ]);
  });

  it('resolves tsconfig paths aliases', () => {
    const s = scan(
      {
        'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['src/*'] } }, include: ['src/handlers'] }),
        'src/gen/tasker.ts': `export { defineHandler } from 'tasker-ctl/runtime';`,
        'src/lib/names.ts': `export const NAME = 'Aliased';`,
        'src/handlers/a.ts': `import { defineHandler } from '@/gen/tasker';\nimport { NAME } from '@/lib/names';\nexport const A = defineHandler(NAME, {}, async () => ({}));`,
      },
      ['tsconfig.json'],
    );
    expect(callables(s)).toEqual(['Aliased']);
    expect(s.files).toEqual(['src/handlers/a.ts']);
  });
});

describe('classes', () => {
  it('recognises StepHandler subclasses with a static handlerName, directly, through project bases and namespaces', () => {
    const s = scan({
      'src/base.ts': `import * as tasker from 'tasker-ctl/runtime';\nexport class Base extends tasker.StepHandler { static handlerName: string; }`,
      'src/a.ts': `import { Base } from './base';
import { StepHandler as SH } from '@tasker-systems/tasker';
export class A extends Base { static override readonly handlerName = 'A'; }
export class B extends SH { static override handlerName = 'B'; }
export default class extends SH { static handlerName = 'Anonymous'; }
export const C = class extends Base { static handlerName = 'C'; };`,
    });
    expect(callables(s)).toEqual(['A', 'Anonymous', 'B', 'C']);
    expect(s.bindings.find((b) => b.callable === 'C')!.handler.name).toBe('C');
  });

  it('skips abstract classes, classes without handlerName and classes that are not handlers', () => {
    const s = scan({
      'src/a.ts': `import { StepHandler } from 'tasker-ctl/runtime';
export abstract class Base extends StepHandler { static handlerName = 'Base'; }
export class NoName extends StepHandler {}
export class Other extends Error { static handlerName = 'Other'; }
export class Plain { static handlerName = 'Plain'; }`,
    });
    expect(callables(s)).toEqual([]);
  });

  it('accepts an unresolvable StepHandler base by name and reads static depends', () => {
    const s = scan({
      'src/a.ts': `import { StepHandler } from 'some-worker-lib';
export class A extends StepHandler {
  static handlerName = 'A';
  static depends = { previous: 'fetch' };
  static inputs = { id: 'order_id' };
}`,
    });
    expect(callables(s)).toEqual(['A']);
    expect(s.bindings[0]!.handler.depends.map((e) => e.value)).toEqual(['fetch']);
    expect(s.bindings[0]!.handler.inputs.map((e) => e.value)).toEqual(['order_id']);
  });

  it('reports a dynamic handlerName', () => {
    const s = scan({
      'src/a.ts': `import { StepHandler } from 'tasker-ctl/runtime';\nexport class A extends StepHandler { static handlerName = process.env.NAME!; }`,
    });
    expect(callables(s)).toEqual([]);
    expect(s.dynamic.map((d) => [d.via, d.text])).toEqual([['class', 'process.env.NAME!']]);
  });
});

describe('registrations', () => {
  it('binds register(callable, Handler) to the handler it registers, across files', () => {
    const s = scan({
      'lib/handlers.ts': `import { defineHandler, StepHandler } from 'tasker-ctl/runtime';
export const Internal = defineHandler('internal.name', { depends: { a: 'fetch' } }, async () => ({}));
export class Bare extends StepHandler { async call() { return undefined as never; } }`,
      'src/worker.ts': `import { HandlerRegistry } from 'tasker-ctl/runtime';
import { Internal, Bare } from '../lib/handlers';
import { Unknown } from 'elsewhere';
const registry = new HandlerRegistry();
registry.register('Shop.Internal', Internal).register('Shop.Bare', Bare);
registry.register('Shop.Unknown', Unknown);
registry.register(Internal);`,
    });
    expect(callables(s)).toEqual(['Shop.Bare', 'Shop.Internal', 'Shop.Unknown']);
    const internal = s.bindings.find((b) => b.callable === 'Shop.Internal')!;
    expect(internal.via).toBe('register');
    expect(internal.handler.depends.map((e) => [e.value, e.span.file])).toEqual([['fetch', 'lib/handlers.ts']]);
    expect(internal.span).toMatchObject({ file: 'src/worker.ts', line: 5, column: 19 });
    expect(s.bindings.find((b) => b.callable === 'Shop.Unknown')!.handler.form).toBe('register');
  });

  it('ignores register calls on other objects unless the value is a handler', () => {
    const s = scan({
      'src/app.ts': `import { defineHandler } from 'tasker-ctl/runtime';
const app = { register(_a: unknown, _b?: unknown) {} };
const H = defineHandler('H', {}, async () => ({}));
app.register('plugin', () => undefined);
app.register(somePlugin, { prefix: '/x' });
app.register('Alias', H);
declare const somePlugin: unknown;`,
    });
    expect(callables(s)).toEqual(['Alias', 'H']);
    expect(s.dynamic).toEqual([]);
  });

  it('reports a dynamic callable in a registration', () => {
    const s = scan({
      'src/a.ts': `declare const registry: { register(a: string, b: unknown): void };\ndeclare function nameOf(x: unknown): string;\nclass X {}\nregistry.register(nameOf(X), X);`,
    });
    expect(s.dynamic.map((d) => [d.via, d.text])).toEqual([['register', 'nameOf(X)']]);
  });
});

describe('files', () => {
  it('walks folders for TypeScript and JavaScript, skipping tests, declarations, dependencies and build output', () => {
    const handler = (name: string) =>
      `import { defineHandler } from 'tasker-ctl/runtime';\nexport const H = defineHandler('${name}', {}, async () => ({}));\n`;
    const s = scan({
      'src/a.ts': handler('a.ts'),
      'src/b.tsx': handler('b.tsx'),
      'src/c.mjs': handler('c.mjs'),
      'src/d.js': handler('d.js'),
      'src/a.test.ts': handler('test'),
      'src/__tests__/x.ts': handler('__tests__'),
      'src/types.d.ts': handler('d.ts'),
      'src/node_modules/x/index.ts': handler('node_modules'),
      'src/dist/a.js': handler('dist'),
      'src/.cache/a.ts': handler('dot'),
      'src/notes.md': handler('md'),
    });
    expect(callables(s)).toEqual(['a.ts', 'b.tsx', 'c.mjs', 'd.js']);
    expect(s.files).toEqual(['src/a.ts', 'src/b.tsx', 'src/c.mjs', 'src/d.js']);
  });

  it('reports a handler file it cannot read', () => {
    const project = tempProject({ 'src/a.ts': 'export {};' });
    cleanups.push(project.cleanup);
    chmodSync(path.join(project.dir, 'src/a.ts'), 0o000);
    const readable = (() => {
      try {
        readFileSync(path.join(project.dir, 'src/a.ts'));
        return true;
      } catch {
        return false;
      }
    })();
    const s = scanHandlers(['src'], { cwd: project.dir });
    // Running as root, permissions do not stop reads: then there is nothing to report.
    expect(s.unreadable).toEqual(readable ? [] : [{ file: 'src/a.ts', reason: 'EACCES' }]);
  });

  it('scans a test file named explicitly', () => {
    const s = scan({ 'src/a.test.ts': `import { defineHandler } from 'tasker-ctl/runtime';\ndefineHandler('T', {}, async () => ({}));` }, [
      'src/a.test.ts',
    ]);
    expect(callables(s)).toEqual(['T']);
  });

  it('throws a UsageError for a path that does not exist', () => {
    expect(() => scan({}, ['nope'])).toThrow(UsageError);
    expect(() => scan({}, ['nope'])).toThrow('handler path does not exist: nope');
  });

  it('gives positions relative to cwd', () => {
    const s = scan({
      'src/deep/a.ts': `import { defineHandler } from 'tasker-ctl/runtime';\n\n  export const A = defineHandler(  'A', {}, async () => ({}));`,
    });
    expect(s.bindings[0]!.span).toEqual({ file: 'src/deep/a.ts', line: 3, column: 36, endLine: 3, endColumn: 39 });
    expect(path.isAbsolute(s.files[0]!)).toBe(false);
  });
});
