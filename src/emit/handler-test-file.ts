/** A vitest test beside a new handler stub; it passes as generated. */
import type { HandlerPlan, StepPlan } from '../plan/index.js';
import { objectKey, stringLiteral } from '../plan/naming.js';
import { JSON_OBJECT_SAMPLE, NoSample, sampleOf } from '../plan/sample.js';
import type { PreparedSchema } from '../plan/schema-types.js';
import { jsonText, sampleText } from './value.js';

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
  const lines = [
    "import { describe, expect, it } from 'vitest';",
    `import { createStepContext } from ${stringLiteral(contextModule)};`,
    `import { ${[...exportNames].sort().join(', ')} } from ${stringLiteral(handlerModule)};`,
  ];
  handlers.forEach((handler, index) => {
    lines.push('', ...handlerTestLines(handler, exportNames[index]!));
  });
  return `${lines.join('\n')}\n`;
}

function handlerTestLines(handler: HandlerPlan, exportName: string): string[] {
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
  const config = use.step.handler.initialization;
  return [
    `describe(${stringLiteral(`${exportName} (${handler.callable})`)}, () => {`,
    `  it(${stringLiteral(succeeds ? 'succeeds on a minimal task input' : 'fails until implemented: no value satisfies its result type')}, async () => {`,
    '    const context = createStepContext({',
    `      stepName: ${stringLiteral(use.step.name)},`,
    `      input: ${input},`,
    `      dependencyResults: { ${results.join(', ')} },`,
    ...(Object.keys(config).length > 0 ? [`      config: ${jsonText(config)},`] : []),
    '    });',
    `    const result = await new ${exportName}().call(context);`,
    ...(succeeds ? ['    expect(result.errorMessage).toBeNull();'] : []),
    `    expect(result.success).toBe(${succeeds});`,
    '  });',
    '});',
  ];
}
