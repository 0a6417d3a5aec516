/**
 * Hostile JSON Schemas and names that Tasker accepts (fixtures/generate/hostile_schemas.yaml):
 * none may end in an internal error, and the output compiles (test/generate/corpus-typecheck
 * compiles it with everything else; the generated tests run in generated-tests).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Consumer, createConsumer, formatDiagnostics, runTsc } from './consumer.js';

const HOSTILE = 'fixtures/generate/hostile_schemas.yaml';

interface JsonDiagnostic {
  code: string;
  severity: string;
  message: string;
  line: number;
  pointer: string;
}

describe('hostile schemas generate, and what they generate compiles', () => {
  let consumer: Consumer;
  let diagnostics: JsonDiagnostic[];
  let code: number;
  beforeAll(() => {
    consumer = createConsumer();
    const run = consumer.generate([HOSTILE], ['--with-tests', '--format', 'json']);
    code = run.code;
    diagnostics = (JSON.parse(run.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics;
  }, 60_000);
  afterAll(() => consumer.cleanup());
  const stub = (name: string) => consumer.read(`src/handlers/hostile_schemas/${name}.ts`);
  const contracts = () => consumer.read('src/contracts/hostile_schemas/hostile_schemas.ts');

  it('exits 0: no internal error, nothing refused', () => {
    expect(code).toBe(0);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('a $ref that loops without a property or item is left out, with an info at the $ref', () => {
    const infos = diagnostics.filter((d) => d.code === 'self-referencing-schema');
    expect(infos.map((d) => d.pointer)).toEqual([
      '/input_schema/allOf/0/$ref',
      '/steps/2/result_schema/oneOf/0/$ref',
      '/steps/3/result_schema/$ref',
    ]);
    expect(infos.every((d) => d.severity === 'info')).toBe(true);
    // allOf: [$ref '#'] adds nothing; oneOf with itself is its other branch; `$ref: '#'` alone is any JSON.
    expect(contracts()).toMatch(/export type TaskInput = \{\n {2}id: string\n\};/);
    expect(contracts()).toMatch(/export type UnionSelfResult = UnionSelfResultOption2/);
    expect(contracts()).toContain('export type OnlySelfResult = JsonValue');
  });

  it('recursion through properties (a root that contains itself, mutual definitions) becomes named recursive types', () => {
    expect(contracts()).toMatch(/export type RootSelfResult = \{\n {2}name: string\n {2}child\?: RootSelfResult\n\};/);
    expect(contracts()).toMatch(
      /export type MutualResultA = \{\n {2}b\?: MutualResultB\n\};\nexport type MutualResultB = \{\n {2}a\?: MutualResultA\n\};/,
    );
  });

  it('a stub returns a value of its result type at any depth, and throws where no value exists', () => {
    expect(stub('deep')).toContain("leaf: 'bottom'");
    expect(stub('deep')).toMatch(/\): HandlerResult<'HostileSchemas\.Deep'> => \{/);
    expect(stub('contradiction')).toMatch(
      /throw new PermanentError\('not implemented: no value satisfies the result type of HostileSchemas\.Contradiction \(property `value`: a value cannot be both string and number\)'\);/,
    );
    expect(stub('endless')).toContain('a required value contains itself');
    const unsatisfiable = diagnostics.filter((d) => d.code === 'unsatisfiable-result').map((d) => [d.severity, d.pointer]);
    expect(unsatisfiable).toEqual([
      ['info', '/steps/4/result_schema'],
      ['info', '/steps/5/result_schema'],
      ['warning', '/steps/10/result_schema'],
    ]);
  });

  it('a required key named like an Object member, covered only by additionalProperties, is declared (else TypeScript types it Function)', () => {
    expect(contracts()).toMatch(
      /export type ObjectMemberKeyResultEntryOption1 = \{\n {2}"constructor": string\n {2}\[k: string\]: string\n\};/,
    );
    expect(stub('object_member_key')).toContain("return { entry: { constructor: '' } };");
  });

  it('a callable shared by steps with different results is typed and sampled to satisfy them all', () => {
    // `result_schema: {}` (any JSON) does not blur the other step's result type.
    expect(consumer.read('src/tasker.ts')).toMatch(
      /'HostileSchemas\.Shared': \{[^}]*result: hostileSchemasHostileSchemas\.SharedTupleResult;/,
    );
    expect(stub('shared')).toContain("return { pair: ['', [1, [2, [3]]]], fixed: [[1, 2], [3]] };");
    // Two results no value satisfies at once: the stub throws, and a warning names both steps.
    expect(stub('conflict')).toContain('throw new PermanentError(');
    expect(diagnostics.find((d) => d.code === 'unsatisfiable-result' && d.severity === 'warning')?.message).toMatch(
      /handles step `shared_conflict_b` and step `shared_conflict_a`/,
    );
  });

  it('a name too long for a file system gets a short, deterministic file name; the full callable stays in the code', () => {
    const files = readdirSync(path.join(consumer.src, 'handlers/hostile_schemas')).filter((f) => f.startsWith('a_very_long'));
    expect(files).toEqual([
      'a_very_long_callable_name_that_goes_on_and_on_and_on_beyond_what_any_fi_8a991c.test.ts',
      'a_very_long_callable_name_that_goes_on_and_on_and_on_beyond_what_any_fi_8a991c.ts',
    ]);
    expect(stub('a_very_long_callable_name_that_goes_on_and_on_and_on_beyond_what_any_fi_8a991c')).toContain(
      "'HostileSchemas.AVeryLongCallableNameThatGoesOnAndOnAndOnBeyondWhatAnyFileSystemWillAcceptForASingleFileNameBecauseItKeepsGoing",
    );
  });

  it('compiles under tsc --strict', () => {
    expect(formatDiagnostics(runTsc(consumer.dir).diagnostics)).toBe('');
  });
});
