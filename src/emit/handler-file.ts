/**
 * Handler stubs, owned by the user once created: one per callable, in the DSL
 * shape users know, wiring the step's direct dependencies and the task input
 * fields, with a body whose return value already satisfies the result type.
 */

import { isJsonObject } from '../model/json.js';
import type { HandlerPlan, StepPlan } from '../plan/index.js';
import { identifierStyle, propertyKey, resolveNames, stringLiteral } from '../plan/naming.js';
import type { Sample } from '../plan/sample.js';
import { NoSample } from '../plan/sample.js';
import { importSpecifier } from './contracts-file.js';
import { jsDocLines } from './lines.js';
import { sampleText } from './value.js';

const DEFINE_FUNCTION = {
  standard: 'defineHandler',
  deferred_convergence: 'defineHandler',
  decision: 'defineDecisionHandler',
  batchable: 'defineBatchAnalyzer',
  batch_worker: 'defineBatchWorker',
} as const;

export interface Wiring {
  depends: Array<{ argument: string; step: string }>;
  inputs: Array<{ argument: string; key: string }>;
  /** Upstream batch workers, read with `context.getAllDependencyResults(step)` into `variable`. */
  batches: Array<{ variable: string; step: string }>;
}

/** The arguments a stub wires: direct dependencies (not batch workers) and top-level input keys common to every use of the callable. */
export function handlerWiring(handler: HandlerPlan): Wiring {
  const [first, ...rest] = handler.uses as [StepPlan, ...StepPlan[]];
  const commonDeps = first.step.dependencies
    .map((d) => d.step)
    .filter((step, i, all) => all.indexOf(step) === i)
    .filter((step) => handler.uses.every((use) => use.ancestors.some((a) => a.step === step)));
  const inputKeys = (use: StepPlan): string[] | undefined => {
    const schema = use.template.template.inputSchema?.schema;
    return isJsonObject(schema) && isJsonObject(schema.properties) ? Object.keys(schema.properties) : undefined;
  };
  const typedUses = handler.uses.map(inputKeys).filter((keys): keys is string[] => keys !== undefined);
  const commonKeys = typedUses.length === 0 ? [] : typedUses[0]!.filter((key) => typedUses.every((keys) => keys.includes(key)));
  const batches = first.batches.map((b) => b.step).filter((step) => rest.every((use) => use.batches.some((b) => b.step === step)));
  const reserved = ['context', 'batchContext', 'api'];
  const requests = [
    ...commonDeps.map((step) => ({ parts: [step, 'result'], key: `depends:${step}` })),
    ...commonKeys.map((key) => ({ parts: [key], key: `inputs:${key}` })),
    ...batches.map((step) => ({ parts: [step, 'results'], key: `batches:${step}` })),
  ];
  const names = resolveNames(requests, reserved, (name) => identifierStyle(name)).names;
  return {
    depends: commonDeps.map((step, i) => ({ argument: names[i]!, step })),
    inputs: commonKeys.map((key, i) => ({ argument: names[commonDeps.length + i]!, key })),
    batches: batches.map((step, i) => ({ variable: names[commonDeps.length + commonKeys.length + i]!, step })),
  };
}

/** The typed-layer type a stub's function declares as its return type (so a wrong field is reported where it is written). */
export function handlerReturnType(handler: HandlerPlan): string {
  if (handler.kind === 'decision') return `DecisionResult<${stringLiteral(handler.callable)}>`;
  if (handler.kind === 'batchable') return 'BatchResult';
  return `HandlerResult<${stringLiteral(handler.callable)}>`;
}

export function emitHandlerFile(handler: HandlerPlan, taskerFile: string): string {
  const define = DEFINE_FUNCTION[handler.kind];
  const resultType = handlerReturnType(handler).replace(/<.*/, '');
  const values = [
    define,
    ...(handler.kind === 'decision' ? ['Decision'] : []),
    ...(handler.result instanceof NoSample ? ['PermanentError'] : []),
  ];
  const imports = [...values, `type ${resultType}`]
    .sort((a, b) => a.replace(/^type /, '').localeCompare(b.replace(/^type /, '')))
    .join(', ');
  return [
    `import { ${imports} } from ${stringLiteral(importSpecifier(handler.file, taskerFile))};`,
    '',
    ...handlerDefinitionLines(handler, handlerReturnType(handler)),
    '',
  ].join('\n');
}

/**
 * `export const X = defineY(callable, { depends, inputs }, async (…): R => …);`
 * as lines, where R is the type the function declares it returns.
 */
export function handlerDefinitionLines(handler: HandlerPlan, resultType: string): string[] {
  const define = DEFINE_FUNCTION[handler.kind];
  const wiring = handlerWiring(handler);
  const [first] = handler.uses as [StepPlan];
  const options: string[] = [];
  if (wiring.depends.length > 0)
    options.push(`depends: { ${wiring.depends.map((d) => `${propertyKey(d.argument)}: ${stringLiteral(d.step)}`).join(', ')} },`);
  if (wiring.inputs.length > 0)
    options.push(`inputs: { ${wiring.inputs.map((i) => `${propertyKey(i.argument)}: ${stringLiteral(i.key)}`).join(', ')} },`);
  if (handler.kind === 'batchable') options.push(`workerTemplate: ${stringLiteral(first.workers[0]!)},`);
  const args = [
    ...wiring.depends.map((d) => d.argument),
    ...wiring.inputs.map((i) => i.argument),
    ...(handler.kind === 'batch_worker' ? ['batchContext'] : []),
    'context',
  ];
  return [
    ...jsDocLines([
      ...handler.uses.flatMap((use) => [
        `Handles step \`${use.step.name}\` of ${use.template.key} (${use.template.sourcePath})${use.step.handler.method ? `, method \`${use.step.handler.method}\`` : ''}.`,
        ...(use.step.description ? [use.step.description] : []),
      ]),
      '',
      'Generated once by tasker-ctl; this code is yours to edit and is never overwritten.',
    ]),
    `export const ${handler.exportName} = ${define}(`,
    `  ${stringLiteral(handler.callable)},`,
    ...(options.length > 0 ? ['  {', ...options.map((line) => `    ${line}`), '  },'] : ['  {},']),
    `  async ({ ${args.join(', ')} }): ${resultType} => {`,
    ...stubBody(handler, wiring, args),
    '  },',
    ');',
  ];
}

/**
 * The body: every argument marked as read (so the stub compiles under
 * `noUnusedParameters`; delete the line once the arguments are used), then
 * the smallest value of the result type, or a throw when none exists.
 */
function stubBody(handler: HandlerPlan, wiring: Wiring, args: readonly string[]): string[] {
  const what = handler.callable.replace(/\s+/g, ' ');
  const batches = wiring.batches.map((b) => `    const ${b.variable} = context.getAllDependencyResults(${stringLiteral(b.step)});`);
  const used = `    void [${[...args, ...wiring.batches.map((b) => b.variable)].join(', ')}];`;
  if (handler.result instanceof NoSample) {
    const reason = `not implemented: no value satisfies the result type of ${what} (${handler.result.reason})`;
    return [...batches, used, `    throw new PermanentError(${stringLiteral(reason)});`];
  }
  return [`    // TODO: implement ${what}.`, ...batches, used, `    return ${stubReturn(handler)};`];
}

function stubReturn(handler: HandlerPlan): string {
  const [first] = handler.uses as [StepPlan];
  if (handler.kind === 'decision')
    return first.routes.length > 0 ? `Decision.route([${stringLiteral(first.routes[0]!)}])` : "Decision.skip('no branch applies')";
  if (handler.kind === 'batchable') return `{ totalItems: 0, batchSize: ${first.step.batchConfig?.batchSize ?? 100} }`;
  return sampleText(handler.result as Sample);
}
