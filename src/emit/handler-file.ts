/**
 * Handler stubs, owned by the user once created: one per callable, in the DSL
 * shape users know, wiring the step's direct dependencies and the task input
 * fields, with a body whose return value already satisfies the result type.
 */
import type { HandlerPlan, StepPlan } from '../plan/index.js';
import type { Sample } from '../plan/sample.js';
import { identifierStyle, propertyKey, resolveNames, stringLiteral } from '../plan/naming.js';
import { isJsonObject } from '../model/json.js';
import { importSpecifier } from './contracts-file.js';
import { NoSample } from '../plan/sample.js';
import { sampleText } from './value.js';
import { TASKER_FILE } from './tasker-file.js';
import { jsDocLines } from './writer.js';

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
}

/** The arguments a stub wires: direct dependencies and top-level input keys common to every use of the callable. */
export function handlerWiring(handler: HandlerPlan): Wiring {
  const [first, ...rest] = handler.uses as [StepPlan, ...StepPlan[]];
  const commonDeps = first.step.dependencies
    .map((d) => d.step)
    .filter((step, i, all) => all.indexOf(step) === i)
    .filter((step) => rest.every((use) => use.ancestors.some((a) => a.step === step)));
  const inputKeys = (use: StepPlan): string[] | undefined => {
    const schema = use.template.template.inputSchema?.schema;
    return isJsonObject(schema) && isJsonObject(schema.properties) ? Object.keys(schema.properties) : undefined;
  };
  const typedUses = handler.uses.map(inputKeys).filter((keys): keys is string[] => keys !== undefined);
  const commonKeys = typedUses.length === 0 ? [] : typedUses[0]!.filter((key) => typedUses.every((keys) => keys.includes(key)));
  const reserved = ['context', 'batchContext'];
  const names = resolveNames(
    [...commonDeps.map((step) => ({ parts: [step, 'result'], key: `depends:${step}` })), ...commonKeys.map((key) => ({ parts: [key], key: `inputs:${key}` }))],
    reserved,
    (name) => identifierStyle(name),
  ).names;
  return {
    depends: commonDeps.map((step, i) => ({ argument: names[i]!, step })),
    inputs: commonKeys.map((key, i) => ({ argument: names[commonDeps.length + i]!, key })),
  };
}

export function emitHandlerFile(handler: HandlerPlan): string {
  const path = `${handler.modulePath}.ts`;
  const define = DEFINE_FUNCTION[handler.kind];
  const returnsResult = handler.kind !== 'decision' && handler.kind !== 'batchable' && !(handler.result instanceof NoSample);
  const imports = [define, ...(handler.kind === 'decision' ? ['Decision'] : []), ...(handler.result instanceof NoSample ? ['PermanentError'] : []), ...(returnsResult ? ['type ResultOf'] : [])]
    .sort((a, b) => a.replace(/^type /, '').localeCompare(b.replace(/^type /, '')))
    .join(', ');
  // Plain lines rather than a code writer: ten thousand stubs must cost milliseconds.
  return [
    `import { ${imports} } from ${stringLiteral(importSpecifier(path, TASKER_FILE))};`,
    '',
    ...handlerDefinitionLines(handler, '', `ResultOf<${stringLiteral(handler.callable)}>`),
    '',
  ].join('\n');
}

/** The DSL function a handler of this kind is defined with. */
export function defineFunctionFor(handler: HandlerPlan): string {
  return DEFINE_FUNCTION[handler.kind];
}

/**
 * `export const X = defineY(callable, { depends, inputs }, async (…) => …);`
 * as lines. `typeArguments` (e.g. `<Args, Result, Context>`) is given when the
 * file targets the runtime directly instead of the generated typed layer.
 */
export function handlerDefinitionLines(handler: HandlerPlan, typeArguments = '', resultType?: string): string[] {
  const define = DEFINE_FUNCTION[handler.kind];
  const wiring = handlerWiring(handler);
  const [first] = handler.uses as [StepPlan];
  const options: string[] = [];
  if (wiring.depends.length > 0) options.push(`depends: { ${wiring.depends.map((d) => `${propertyKey(d.argument)}: ${stringLiteral(d.step)}`).join(', ')} },`);
  if (wiring.inputs.length > 0) options.push(`inputs: { ${wiring.inputs.map((i) => `${propertyKey(i.argument)}: ${stringLiteral(i.key)}`).join(', ')} },`);
  if (handler.kind === 'batchable') options.push(`workerTemplate: ${stringLiteral(first.step.batchConfig?.workerTemplate ?? '')},`);
  const args = [...wiring.depends.map((d) => d.argument), ...wiring.inputs.map((i) => i.argument), ...(handler.kind === 'batch_worker' ? ['batchContext'] : []), 'context'];
  return [
    ...jsDocLines([
      ...handler.uses.flatMap((use) => [
        `Handles step \`${use.step.name}\` of ${use.template.key} (${use.template.template.source.file})${use.step.handler.method ? `, method \`${use.step.handler.method}\`` : ''}.`,
        ...(use.step.description ? [use.step.description] : []),
      ]),
      '',
      'Generated once by tasker-ctl; this code is yours to edit and is never overwritten.',
    ]),
    `export const ${handler.exportName} = ${define}${typeArguments}(`,
    `  ${stringLiteral(handler.callable)},`,
    '  {',
    ...options.map((line) => `    ${line}`),
    '  },',
    `  async ({ ${args.join(', ')} }) => {`,
    ...stubBody(handler, resultType),
    '  },',
    ');',
  ];
}

/**
 * @param resultType the type the returned value `satisfies`: it gives the value
 * its type where it is written (so a wrong field is reported there) and keeps
 * literals and tuples from widening.
 */
function stubBody(handler: HandlerPlan, resultType: string | undefined): string[] {
  const what = handler.callable.replace(/\s+/g, ' ');
  if (handler.result instanceof NoSample) {
    const reason = `not implemented: no value satisfies the result type of ${what} (${handler.result.reason})`;
    return [`    throw new PermanentError(${stringLiteral(reason)});`];
  }
  const value = stubReturn(handler);
  const checked = resultType && handler.kind !== 'decision' && handler.kind !== 'batchable' ? `${value} satisfies ${resultType}` : value;
  return [`    // TODO: implement ${what}.`, `    return ${checked};`];
}

function stubReturn(handler: HandlerPlan): string {
  const [first] = handler.uses as [StepPlan];
  if (handler.kind === 'decision') {
    const template = first.template.template;
    const dependents = template.steps.filter((s) => s.dependencies.some((d) => d.step === first.step.name)).map((s) => s.name);
    return dependents.length > 0 ? `Decision.route([${stringLiteral(dependents[0]!)}])` : "Decision.skip('no branch applies')";
  }
  if (handler.kind === 'batchable') {
    return `{ totalItems: 0, batchSize: ${first.step.batchConfig?.batchSize ?? 100} }`;
  }
  const result = handler.result as Sample;
  // A literal returned as the whole result widens (1 to number) while the callable's type is inferred; `as const` keeps it.
  return result.kind === 'primitive' && result.value !== undefined && result.value !== null ? `${sampleText(result)} as const` : sampleText(result);
}
