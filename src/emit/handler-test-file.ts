/** A vitest test beside a new handler stub; it passes as generated. */
import type { HandlerPlan, StepPlan } from '../plan/index.js';
import { propertyKey, stringLiteral } from '../plan/naming.js';
import { sampleValue } from './sample.js';
import { createWriter } from './writer.js';

export function emitHandlerTestFile(handler: HandlerPlan, runtimeModule: string): string {
  const [use] = handler.uses as [StepPlan];
  const input = use.template.input ? sampleValue(use.template.input.schema) : '{}';
  const results = use.ancestors.map((a) => {
    const step = use.template.steps.find((s) => s.step.name === a.step);
    return `${propertyKey(a.step)}: ${step?.result ? sampleValue(step.result.schema) : '{}'}`;
  });
  const moduleName = handler.modulePath.split('/').pop()!;
  const w = createWriter();
  w.writeLine("import { describe, expect, it } from 'vitest';");
  w.writeLine(`import { createStepContext } from ${stringLiteral(runtimeModule)};`);
  w.writeLine(`import { ${handler.exportName} } from ${stringLiteral(`./${moduleName}.js`)};`);
  w.blankLine();
  w.write(`describe(${stringLiteral(`${handler.exportName} (${handler.callable})`)}, () => `).inlineBlock(() => {
    w.write("it('succeeds on a minimal task input', async () => ").inlineBlock(() => {
      w.write('const context = createStepContext(').inlineBlock(() => {
        w.writeLine(`stepName: ${stringLiteral(use.step.name)},`);
        w.writeLine(`input: ${input},`);
        w.writeLine(`dependencyResults: { ${results.join(', ')} },`);
      });
      w.write(');').newLine();
      w.writeLine(`const result = await new ${handler.exportName}().call(context);`);
      w.writeLine('expect(result.errorMessage).toBeNull();');
      w.writeLine('expect(result.success).toBe(true);');
    });
    w.write(');').newLine();
  });
  w.write(');').newLine();
  return w.toString();
}
