/**
 * Valid input is never refused (issue: every valid template generates, keys
 * are data): keys named like Object.prototype members, names that collide
 * once turned into TypeScript, and a loader that reports an unclosed bracket
 * where it opens.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateProject } from '../../src/app/generate.js';
import { validateTemplates } from '../../src/app/validate.js';
import { loadTemplateText } from '../../src/load/index.js';
import { REPO_ROOT, runCli, tempProject } from '../helpers.js';
import { createConsumer, formatDiagnostics, runTsc } from './consumer.js';

const PROTOTYPE_KEYS = 'fixtures/generate/prototype_keys.yaml';
const COLLISIONS = 'fixtures/generate/name_collisions.yaml';
const cleanups: Array<() => void> = [];
afterAll(() => {
  for (const cleanup of cleanups) cleanup();
});

function generated(template: string, extra: string[] = []) {
  const consumer = createConsumer();
  cleanups.push(consumer.cleanup);
  const run = consumer.generate([template], ['--with-tests', '--format', 'json', ...extra]);
  return {
    consumer,
    run,
    diagnostics: JSON.parse(run.stdout || '{"diagnostics":[]}').diagnostics as Array<{
      code: string;
      severity: string;
      message: string;
      pointer: string;
    }>,
  };
}

describe('keys named __proto__, constructor, prototype, hasOwnProperty, toString are data', () => {
  it('validates with no error: no key turns into a prototype', () => {
    const result = validateTemplates([PROTOTYPE_KEYS], { cwd: REPO_ROOT });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const template = result.templates[0]!;
    const input = template.inputSchema!.schema as Record<string, Record<string, unknown>>;
    expect(Object.keys(input.properties!)).toEqual(['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString']);
    expect(Object.getPrototypeOf(input.properties!)).toBe(null);
    expect(Object.keys(input.definitions!)).toEqual(['toString', '__proto__']);
    expect(template.steps.map((s) => s.name)).toEqual(['__proto__', 'constructor', 'toString', 'hasOwnProperty']);
  });

  it('generates code that compiles, keeps every such key, and returns own properties', () => {
    const { consumer, run } = generated(PROTOTYPE_KEYS);
    expect(run.code, run.stderr).toBe(0);
    const contracts = consumer.read('src/contracts/key_data/prototype_keys.ts');
    expect(contracts).toMatch(
      /export type TaskInput = \{\n {2}"__proto__": string\n {2}"constructor": number\n {2}prototype\?: TaskInputToString\n/,
    );
    expect(contracts).toContain('"toString"?: ("__proto__" | "constructor" | "prototype" | "hasOwnProperty" | "toString")');
    expect(contracts).toMatch(/export type ConstructorResultProto = \{\n {2}"constructor": number\n\};/);
    // A computed key is an own property in an object literal; `__proto__: …` would set the prototype.
    expect(consumer.read('src/handlers/key_data/proto.ts')).toContain("return { ['__proto__']: '', ok: 0 };");
    const tsc = runTsc(consumer.dir);
    expect(formatDiagnostics(tsc.diagnostics)).toBe('');
  });
});

describe('names that collide in TypeScript still generate, deterministically', () => {
  it('gives the colliding names distinct spellings, keeps the others, and says so in infos', () => {
    const { consumer, run, diagnostics } = generated(COLLISIONS);
    expect(run.code, run.stderr).toBe(0);
    const contracts = consumer.read('src/contracts/collide/name_collisions.ts');
    const declared = [...contracts.matchAll(/^export (?:interface|type) (\w+)/gm)].map((m) => m[1]);
    expect(declared).toEqual(
      expect.arrayContaining([
        'Fetch_DataStep',
        'Fetch__DataStep',
        'Fetch_DataResult',
        'Fetch__DataResult',
        'FetchDataResultRow',
        'Payment_1Step',
        'Payment1Step',
        'Payment_1Result',
        'Payment1Result',
        'TaskInputLine_Item',
        'TaskInputLineItem',
        'TaskInputStep',
        'TaskInputResult',
      ]),
    );
    expect(new Set(declared).size).toBe(declared.length);
    const collisions = diagnostics.filter((d) => d.code === 'type-name-collision');
    expect(collisions.every((d) => d.severity === 'info')).toBe(true);
    expect(collisions.map((d) => d.message)).toContainEqual(
      expect.stringMatching(
        /would be named `FetchDataStep`; the contract of step `fetch_data` .* is named `Fetch_DataStep`, the contract of step `fetch__data` .* is named `Fetch__DataStep`/,
      ),
    );
    // Two callables whose stub files would collide get a hash in their names.
    const paths = diagnostics.filter((d) => d.code === 'output-path-collision').map((d) => d.message);
    expect(paths).toEqual([expect.stringMatching(/callables `Collide.FetchData` and `collide.fetch_data` would share one handler file/)]);
    expect(formatDiagnostics(runTsc(consumer.dir).diagnostics)).toBe('');
  });

  it('an unrelated step, or another step order, renames nothing', () => {
    const original = readFileSync(path.join(REPO_ROOT, COLLISIONS), 'utf8');
    const project = tempProject({
      'a/t.yaml': original,
      // An unrelated step first, and the steps in reverse order.
      'b/t.yaml': reorderSteps(original),
    });
    cleanups.push(project.cleanup);
    const names = (folder: string) => {
      const run = runCli(['generate', `${folder}/t.yaml`, '--out', `${folder}/gen`, '-q'], { cwd: project.dir });
      expect(run.code, run.stderr).toBe(0);
      const text = readFileSync(path.join(project.dir, folder, 'gen/contracts/collide/name_collisions.ts'), 'utf8');
      const tasker = readFileSync(path.join(project.dir, folder, 'gen/index.ts'), 'utf8');
      return {
        types: [...text.matchAll(/^export (?:interface|type) (\w+)/gm)].map((m) => m[1]),
        imports: [...tasker.matchAll(/^import \{ (\w+ as \w+) \} from '(.+)';$/gm)].map((m) => `${m[1]} ${m[2]}`),
      };
    };
    const before = names('a');
    const after = names('b');
    expect(after.types).toEqual(expect.arrayContaining(before.types));
    expect(after.types.filter((t) => !before.types.includes(t))).toEqual(['ZetaResult', 'ZetaStep']);
    expect(after.imports).toEqual(expect.arrayContaining(before.imports));
  });
});

/** The template with an unrelated step `zeta` added first and the other steps in reverse order. */
function reorderSteps(text: string): string {
  const [head, body] = text.split('\nsteps:\n');
  const steps = body!.split(/\n(?= {2}- name: )/).map((s) => s.replace(/\n+$/, ''));
  const zeta =
    '  - name: zeta\n    handler: { callable: Collide.Zeta }\n    result_schema: { type: object, properties: { z: { type: string } } }';
  return `${head}\nsteps:\n${[zeta, ...steps.reverse()].join('\n')}\n`;
}

describe('an unclosed bracket or quote is reported where it opens', () => {
  it.each([
    [
      '[',
      'name: x\nnamespace_name: y\nversion: 1.0.0\nsteps:\n  - name: a\n    handler:\n      callable: [Shop.ValidateCart\n    dependencies: []\n',
      { line: 7, column: 17 },
      { line: 8, column: 5 },
    ],
    [
      '{',
      'name: x\nnamespace_name: y\nversion: 1.0.0\nmetadata: {author: me\nsteps: []\n',
      { line: 4, column: 11 },
      { line: 5, column: 1 },
    ],
    ['"', 'name: "x\nnamespace_name: y\n', { line: 1, column: 7 }, { line: 3, column: 1 }],
  ])('`%s`', (delimiter, text, at, gaveUp) => {
    const { diagnostics } = loadTemplateText(text, 'broken.yaml');
    expect(diagnostics).toHaveLength(1);
    const [d] = diagnostics;
    expect(d).toMatchObject({ code: 'yaml-syntax', severity: 'error', ...at, endLine: at.line, endColumn: at.column + 1 });
    expect(d!.message).toContain(`unclosed \`${delimiter}\``);
    expect(d!.related).toEqual([
      expect.objectContaining({ file: 'broken.yaml', ...gaveUp, message: expect.stringContaining('the YAML parser gave up here') }),
    ]);
  });
});

describe('the severity policy is applied once', () => {
  it('a template whose errors a per-path override lowers to warnings is generated', async () => {
    const project = tempProject({
      '.config/tasker.toml': '[codegen]\n[[codegen.overrides]]\npaths = ["legacy/**"]\nseverities = { "unknown-dependency" = "warning" }\n',
      'legacy/t.yaml':
        'name: t\nnamespace_name: legacy\nversion: 1.0.0\nsteps:\n  - name: a\n    handler: { callable: Legacy.A }\n    dependencies: [nope]\n    result_schema: { type: object }\n',
    });
    cleanups.push(project.cleanup);
    const run = runCli(['generate', 'legacy', '--out', 'gen'], { cwd: project.dir });
    expect(run.stderr).toMatch(/warning unknown-dependency/);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('created contracts/legacy/t.ts');
    // Through the API the policy is the caller's, applied once as well.
    const result = await generateProject(['legacy'], { cwd: project.dir, outDir: 'gen2', severities: { 'unknown-dependency': 'warning' } });
    expect(result.summary.errors).toBe(0);
    expect(result.skipped).toEqual([]);
  });

  it('a template left out is named with its reason, and the exit code comes with an error', () => {
    const project = tempProject({
      't.yaml':
        'name: t\nnamespace_name: bad\nversion: 1.0.0\nsteps:\n  - name: a\n    handler: { callable: Bad.A }\n    dependencies: [nope]\n',
    });
    cleanups.push(project.cleanup);
    const run = runCli(['generate', 't.yaml', '--out', 'gen'], { cwd: project.dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/error unknown-dependency/);
    expect(run.stderr).toContain('t.yaml: template bad/t not generated (1 error)');
  });
});
