/** A vitest test beside a new handler stub; it passes as generated. */
import type { HandlerPlan, StepPlan } from '../plan/index.js';
import { objectKey, stringLiteral } from '../plan/naming.js';
import { JSON_OBJECT_SAMPLE, NoSample, sampleOf } from '../plan/sample.js';
import type { PreparedSchema } from '../plan/schema-types.js';
import { jsonText, sampleText } from './value.js';
import { createWriter } from './writer.js';

/**
 * One vitest test per handler, importing them from `handlerModule` (the stub
 * beside it, or the single file of `generate handler`) and the test context
 * from `contextModule` (the typed layer, or the runtime): both specifiers
 * relative to the test file.
 */
export function emitHandlerTestFile(
  handlers: readonly HandlerPlan[],
  contextModule: string,
  handlerModule: string,
  exportNames = handlers.map((h) => h.exportName),
): string {
  const w = createWriter();
  w.writeLine("import { describe, expect, it } from 'vitest';");
  w.writeLine(`import { createStepContext } from ${stringLiteral(contextModule)};`);
  w.writeLine(`import { ${[...exportNames].sort().join(', ')} } from ${stringLiteral(handlerModule)};`);
  handlers.forEach((handler, index) => {
    w.blankLine();
    writeHandlerTest(w, handler, exportNames[index]!);
  });
  return w.toString();
}

function writeHandlerTest(w: ReturnType<typeof createWriter>, handler: HandlerPlan, exportName: string): void {
  const [use] = handler.uses as [StepPlan];
  const keys = use.template.schemaKeys;
  const sample = (prepared: PreparedSchema | undefined): string => {
    const value = prepared ? sampleOf(prepared, keys) : JSON_OBJECT_SAMPLE;
    return value instanceof NoSample ? '{}' : sampleText(value);
  };
  const input = sample(use.template.input);
  const results = use.ancestors.map(
    (a) => `${objectKey(a.step)}: ${sample(use.template.steps.find((s) => s.step.name === a.step)?.result)}`,
  );
  const succeeds = !(handler.result instanceof NoSample);
  w.write(`describe(${stringLiteral(`${exportName} (${handler.callable})`)}, () => `).inlineBlock(() => {
    w.write(
      `it(${stringLiteral(succeeds ? 'succeeds on a minimal task input' : 'fails until implemented: no value satisfies its result type')}, async () => `,
    ).inlineBlock(() => {
      w.write('const context = createStepContext(').inlineBlock(() => {
        w.writeLine(`stepName: ${stringLiteral(use.step.name)},`);
        w.writeLine(`input: ${input},`);
        w.writeLine(`dependencyResults: { ${results.join(', ')} },`);
        if (Object.keys(use.step.handler.initialization).length > 0) w.writeLine(`config: ${jsonText(use.step.handler.initialization)},`);
      });
      w.write(');').newLine();
      w.writeLine(`const result = await new ${exportName}().call(context);`);
      if (succeeds) w.writeLine('expect(result.errorMessage).toBeNull();');
      w.writeLine(`expect(result.success).toBe(${succeeds});`);
    });
    w.write(');').newLine();
  });
  w.write(');').newLine();
}
