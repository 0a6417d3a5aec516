/** A vitest test beside a new handler stub; it passes as generated. */
import type { HandlerPlan, StepPlan } from '../plan/index.js';
import { propertyKey, stringLiteral } from '../plan/naming.js';
import { sampleValue } from './sample.js';
import { createWriter } from './writer.js';

/**
 * One vitest test per handler, importing them from `./<moduleName>.js`
 * (the stub beside it, or the single file of `generate handler`).
 */
export function emitHandlerTestFile(handlers: readonly HandlerPlan[], runtimeModule: string, moduleName: string, exportNames = handlers.map((h) => h.exportName)): string {
  const w = createWriter();
  w.writeLine("import { describe, expect, it } from 'vitest';");
  w.writeLine(`import { createStepContext } from ${stringLiteral(runtimeModule)};`);
  w.writeLine(`import { ${[...exportNames].sort().join(', ')} } from ${stringLiteral(`./${moduleName}.js`)};`);
  handlers.forEach((handler, index) => {
    w.blankLine();
    writeHandlerTest(w, handler, exportNames[index]!);
  });
  return w.toString();
}

function writeHandlerTest(w: ReturnType<typeof createWriter>, handler: HandlerPlan, exportName: string): void {
  const [use] = handler.uses as [StepPlan];
  const input = use.template.input ? sampleValue(use.template.input.schema) : '{}';
  const results = use.ancestors.map((a) => {
    const step = use.template.steps.find((s) => s.step.name === a.step);
    return `${propertyKey(a.step)}: ${step?.result ? sampleValue(step.result.schema) : '{}'}`;
  });
  w.write(`describe(${stringLiteral(`${exportName} (${handler.callable})`)}, () => `).inlineBlock(() => {
    w.write("it('succeeds on a minimal task input', async () => ").inlineBlock(() => {
      w.write('const context = createStepContext(').inlineBlock(() => {
        w.writeLine(`stepName: ${stringLiteral(use.step.name)},`);
        w.writeLine(`input: ${input},`);
        w.writeLine(`dependencyResults: { ${results.join(', ')} },`);
      });
      w.write(');').newLine();
      w.writeLine(`const result = await new ${exportName}().call(context);`);
      w.writeLine('expect(result.errorMessage).toBeNull();');
      w.writeLine('expect(result.success).toBe(true);');
    });
    w.write(');').newLine();
  });
  w.write(');').newLine();
}
