/**
 * The negative tsc runs, on each runtime (tasker-ctl/runtime, and the real
 * SDK's declarations when ../shared/reference is there): a consumer generated
 * from rich_schemas.yaml plus hand-written files that misuse the typed DSL.
 * Each misuse must be exactly one compile error at its line, whose first line
 * matches the marker (`// @expect TSxxxx /message/`), with nothing else
 * failing. The same run compiles templates that reproduced generator bugs once
 * (in `bugs/`, one --out folder each): they are kept as regression tests.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, HAS_SDK_REFERENCE, REPO_ROOT, runCli } from '../helpers.js';
import { type Consumer, createConsumer, formatDiagnostics, type RuntimeName, runTsc, type TscDiagnostic, type TscRun } from './consumer.js';
import { type ExpectedError, expectedErrors, RICH_NEGATIVE_CASES } from './typecheck-sources.js';

const RICH = 'fixtures/generate/rich_schemas.yaml';
const EXPRESS_STUB = 'src/handlers/rich_shop/step_handlers/express_lane.ts';

/** The user "moved" the ExpressLane stub to StandardLane: two handlers for one callable, none for ExpressLane. */
const EDITED_EXPRESS_STUB = `import { defineHandler } from '../../../tasker.js';

// Edited by hand: this file now handles StandardLane as well, so the index files it under a callable it does not serve.
export const ExpressLaneHandler = defineHandler(
  'RichShop.StepHandlers.StandardLane',
  { depends: { routeOrderResult: 'route_order' } },
  async () => ({ lane: 'standard', queued_at: '2024-01-01T00:00:00Z' }),
);
`;

/**
 * Templates that reproduce generator bugs found while writing these tests. Each is generated
 * into `bugs/<name>/` (its own --out folder, so its errors stay there) and must compile.
 */
const BUG_TEMPLATES: Record<string, string> = {
  // src/emit/sample.ts: stub return values ignore part of the schema.
  'stub-samples': `name: stub_samples
namespace_name: bugs
version: 1.0.0
input_schema:
  type: object
  required: [id]
  properties:
    id: { type: string }
steps:
  - name: all_of_with_sibling
    handler: { callable: Bugs.AllOfSibling }
    result_schema:
      type: object
      required: [id]
      properties:
        id: { type: string }
      allOf:
        - type: object
          required: [extra]
          properties:
            extra: { type: integer }
  - name: one_of_with_sibling
    dependencies: [all_of_with_sibling]
    handler: { callable: Bugs.OneOfSibling }
    result_schema:
      type: object
      required: [id]
      properties:
        id: { type: string }
      oneOf:
        - type: object
          required: [a]
          properties:
            a: { type: integer }
        - type: object
          required: [b]
          properties:
            b: { type: string }
  - name: required_from_additional
    dependencies: [one_of_with_sibling]
    handler: { callable: Bugs.RequiredFromAdditional }
    result_schema:
      type: object
      required: [count]
      additionalProperties: { type: integer }
  - name: tuple_items
    dependencies: [required_from_additional]
    handler: { callable: Bugs.TupleItems }
    result_schema:
      type: object
      required: [pair]
      properties:
        pair:
          type: array
          items: [{ type: string }, { type: integer }]
`,
  // src/plan/index.ts (indexAlias) + src/emit/index-file.ts: the alias of callable \`callable\` is \`Callable\`.
  'callable-named-callable': `name: naming
namespace_name: bugs
version: 1.0.0
steps:
  - name: first
    handler: { callable: callable }
`,
  // src/check (no rule) + src/emit/tasker-file.ts: a non-object input_schema passes validation, but
  // \`StepContext<Input<C>, …>\` requires an object, so the shared tasker.ts (every handler's types) breaks.
  'input-schema-not-object': `name: scalar_input
namespace_name: bugs
version: 1.0.0
input_schema:
  type: string
steps:
  - name: first
    handler: { callable: Bugs.ScalarInput }
    result_schema: { type: object, required: [ok], properties: { ok: { type: boolean } } }
`,
  // src/plan/index.ts (moduleAlias) + src/emit/tasker-file.ts: template define/handler → \`import type * as defineHandler\`.
  'template-named-define-handler': `name: handler
namespace_name: define
version: 1.0.0
steps:
  - name: first
    handler: { callable: Define.First }
`,
};

/**
 * What must compile once each bug is fixed: a file or folder (prefix) relative to the consumer
 * root. A fix may also reject the template with a diagnostic: then nothing is generated there.
 */
const BUG_CASES: Array<{ title: string; file: string }> = [
  {
    title: 'stub of a result with allOf beside its own required properties returns them all (src/emit/sample.ts)',
    file: 'bugs/stub-samples/handlers/bugs/all_of_sibling.ts',
  },
  {
    title: 'stub of a result with oneOf beside its own required properties returns them all (src/emit/sample.ts)',
    file: 'bugs/stub-samples/handlers/bugs/one_of_sibling.ts',
  },
  {
    title: 'stub of a required key typed only by additionalProperties returns a value of that type (src/emit/sample.ts)',
    file: 'bugs/stub-samples/handlers/bugs/required_from_additional.ts',
  },
  {
    title: 'stub of a tuple (items: [...]) returns a full tuple (src/emit/sample.ts)',
    file: 'bugs/stub-samples/handlers/bugs/tuple_items.ts',
  },
  {
    title: 'a callable named `callable` does not clash with the `Callable` type in index.ts (src/plan/index.ts)',
    file: 'bugs/callable-named-callable/index.ts',
  },
  {
    title: 'a template define/handler does not clash with `defineHandler` in tasker.ts (src/plan/index.ts)',
    file: 'bugs/template-named-define-handler/tasker.ts',
  },
  {
    title: 'a template whose input_schema is not an object is rejected, or its output compiles (src/check, src/emit/tasker-file.ts)',
    file: 'bugs/input-schema-not-object/',
  },
];

const RUNTIMES: RuntimeName[] = ['tasker-ctl/runtime', '@tasker-systems/tasker'];

for (const runtime of RUNTIMES) {
  const skip = runtime === '@tasker-systems/tasker' && !HAS_SDK_REFERENCE;
  describe.skipIf(skip)(
    `misusing the generated DSL is a compile error (one tsc run on ${runtime})${skip ? ' [skipped: ../shared/reference is not beside this clone]' : ''}`,
    () => {
      let consumer: Consumer;
      const generations: Array<{ what: string; run: CliRun }> = [];
      let tsc: TscRun;
      const expected: ExpectedError[] = [];
      let indexLine = 0;

      beforeAll(() => {
        consumer = createConsumer({ include: ['src', 'bugs'], runtime });
        generations.push({ what: RICH, run: consumer.generate([RICH]) });
        for (const negative of RICH_NEGATIVE_CASES) {
          consumer.write(`src/${negative.file}`, negative.text);
          expected.push(...expectedErrors(`src/${negative.file}`, negative.text));
        }
        consumer.write(EXPRESS_STUB, EDITED_EXPRESS_STUB);
        indexLine =
          consumer
            .read('src/index.ts')
            .split('\n')
            .findIndex((line) => line.startsWith('export const everyCallableHasAHandler')) + 1;
        for (const [name, yaml] of Object.entries(BUG_TEMPLATES)) {
          consumer.write(`templates/${name}.yaml`, yaml);
          const run = runCli(
            ['generate', path.join(consumer.dir, 'templates', `${name}.yaml`), '--out', path.join(consumer.dir, 'bugs', name)],
            { cwd: REPO_ROOT },
          );
          generations.push({ what: name, run });
        }
        tsc = runTsc(consumer.dir);
        console.log(`[type-safety] negative tsc run: ${tsc.ms} ms; ${tsc.diagnostics.length} errors`);
      }, 600_000);

      afterAll(() => consumer?.cleanup());

      const inRich = (): TscDiagnostic[] => tsc.diagnostics.filter((d) => d.file.startsWith('src/'));

      it('generation exits 0 for rich_schemas.yaml, and does not crash on the bug templates', () => {
        for (const { what, run } of generations) {
          if (what === RICH) expect(run.code, `${what}\n${run.stderr}`).toBe(0);
          else expect([0, 1], `${what}\n${run.stderr}`).toContain(run.code);
        }
      });

      it('has expectations for every negative case', () => {
        // depends ×2, inputs ×1, results ×6, unknown callable ×1, wrong define ×2, decisions and batches ×4, context accessors ×4
        expect(expected).toHaveLength(20);
        expect(indexLine).toBeGreaterThan(0);
      });

      it.each(
        RICH_NEGATIVE_CASES.flatMap((c) => expectedErrors(`src/${c.file}`, c.text)).map(
          (e) => [`${e.file}:${e.line} ${e.code} ${e.pattern}`, e] as const,
        ),
      )('%s', (_title, want) => {
        const onLine = tsc.diagnostics.filter((d) => d.file === want.file && d.line === want.line);
        expect(onLine, formatDiagnostics(tsc.diagnostics.filter((d) => d.file === want.file))).toHaveLength(1);
        expect(onLine[0]!.code).toBe(want.code);
        expect(onLine[0]!.message).toMatch(want.pattern);
      });

      it('a handler filed under another callable than it serves fails index.ts, naming that callable', () => {
        const inIndex = tsc.diagnostics.filter((d) => d.file === 'src/index.ts');
        expect(inIndex, formatDiagnostics(inIndex)).toHaveLength(1);
        expect(inIndex[0]!.line).toBe(indexLine);
        expect(inIndex[0]!.code).toBe('TS2322');
        expect(inIndex[0]!.message).toContain('missingOrMisnamed: "RichShop.StepHandlers.ExpressLane"');
        // Only the callable left without its handler is named.
        expect(inIndex[0]!.message).not.toContain('StandardLane');
      });

      it('no other errors: generated files and the edited stub compile', () => {
        const unexpected = inRich().filter(
          (d) => !(d.file === 'src/index.ts' && d.line === indexLine) && !expected.some((e) => e.file === d.file && e.line === d.line),
        );
        expect(formatDiagnostics(unexpected)).toBe('');
        expect(tsc.diagnostics.filter((d) => !d.file.startsWith('src/') && !d.file.startsWith('bugs/'))).toEqual([]);
      });

      describe('former generator bugs (regressions; the titles name the file that was fixed)', () => {
        for (const { title, file } of BUG_CASES) {
          // The generated file must compile; see BUG_TEMPLATES for the input.
          it(title, () => {
            const inFile = tsc.diagnostics.filter((d) => d.file.startsWith(file));
            expect(formatDiagnostics(inFile)).toBe('');
          });
        }
      });
    },
  );
}
