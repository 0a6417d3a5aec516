/**
 * The contracts file of one template: the task input type, a result type per
 * step, and per step its contract (callable, inputs, the results it may read,
 * its own result).
 */
import path from 'node:path';
import type { AncestorPlan, StepPlan, TemplatePlan } from '../plan/index.js';
import { propertyKey, stringLiteral } from '../plan/naming.js';
import { jsDocLines } from './lines.js';
import type { CompiledSchemas } from './schema-to-ts.js';
import { jsonTypeText } from './value.js';

/** Relative import specifier from one generated file to another (`.ts` → `.js`, `.mts` → `.mjs`, as NodeNext wants). */
export function importSpecifier(fromFile: string, toFile: string): string {
  let relative = path.posix.relative(path.posix.dirname(fromFile), toFile).replace(/\.(m?)ts$/, '.$1js');
  if (!relative.startsWith('.')) relative = `./${relative}`;
  return relative;
}

/** The contracts file of a template, from its compiled schemas (`compileSchemas` of `contractsSchema(plan)`, all compiled). */
export function emitContractsFile(plan: TemplatePlan, compiled: CompiledSchemas, taskerFile: string): string {
  const body = contractDeclarations(plan, compiled);
  const used = ['JsonObject', 'JsonValue'].filter((name) => new RegExp(`\\b${name}\\b`).test(body));
  const header = [
    templateComment(plan),
    ...(used.length ? [`import type { ${used.join(', ')} } from ${stringLiteral(importSpecifier(plan.contractsPath, taskerFile))};`] : []),
  ];
  return `${header.join('\n')}\n\n${body}\n`;
}

export function templateComment(plan: TemplatePlan): string {
  const { template } = plan;
  return `// Task template ${oneLine(plan.key)} v${oneLine(template.version)}${template.description ? `: ${oneLine(template.description)}` : ''}`;
}

/**
 * The declarations of a contracts file: the compiled schema types, `Results`,
 * step contracts and `Steps`. With `only`, just what that step's contract needs
 * (its result and its ancestors' results); `compiled` must then come from
 * `contractsSchema(plan, contractSteps(plan, only))`.
 */
export function contractDeclarations(plan: TemplatePlan, compiled: CompiledSchemas, only?: StepPlan): string {
  const steps = only ? contractSteps(plan, only) : plan.steps;
  const sections: string[] = [];
  if (!plan.input)
    sections.push(
      `/** ${oneLine(plan.key)} declares no object input_schema: the task input is any JSON object. */\nexport type TaskInput = JsonObject;`,
    );
  if (compiled.declarations !== '') sections.push(compiled.declarations);

  const contracts = only ? [only] : plan.steps;
  const lines = [
    ...jsDocLines([`Results of ${only ? 'the steps' : 'every step'} of ${plan.key}, by step name.`]),
    'export interface Results {',
    ...steps.map((step) => `  ${propertyKey(step.step.name)}: ${step.resultType};`),
    '}',
    '',
    ...contracts.flatMap((step) => [...stepContractLines(plan, step), '']),
    ...jsDocLines([`${only ? 'The' : 'Every'} step contract of ${plan.key}, by step name.`]),
    'export interface Steps {',
    ...contracts.map((step) => `  ${propertyKey(step.step.name)}: ${step.contractName};`),
    '}',
  ];
  sections.push(lines.join('\n'));
  return sections.join('\n\n');
}

/** The steps whose results a step's contract names: itself and its ancestors, in template order. */
export function contractSteps(plan: TemplatePlan, step: StepPlan): StepPlan[] {
  const needed = new Set([step.step.name, ...step.ancestors.map((a) => a.step)]);
  return plan.steps.filter((s) => needed.has(s.step.name));
}

function stepContractLines(plan: TemplatePlan, step: StepPlan): string[] {
  const { step: definition } = step;
  const resultTypes = new Map(plan.steps.map((s) => [s.step.name, s.resultType]));
  const members = (name: string, entries: readonly AncestorPlan[], type: (entry: AncestorPlan) => string): string[] =>
    entries.length === 0
      ? [`  ${name}: {};`]
      : [`  ${name}: {`, ...entries.map((entry) => `    ${propertyKey(entry.step)}: ${type(entry)};`), '  }'];
  const union = (names: readonly string[]): string => (names.length === 0 ? 'never' : names.map(stringLiteral).join(' | '));
  return [
    ...jsDocLines([
      `Step \`${definition.name}\` (${definition.type}), handled by \`${definition.handler.callable}\`.`,
      ...(definition.description ? [definition.description] : []),
    ]),
    `export interface ${step.contractName} {`,
    `  template: ${stringLiteral(plan.key)};`,
    `  step: ${stringLiteral(definition.name)};`,
    `  callable: ${stringLiteral(definition.handler.callable)};`,
    `  kind: ${stringLiteral(definition.type)};`,
    '  input: TaskInput;',
    ...jsDocLines(['Results this step may read: its ancestors (`| null` where a deferred convergence may not have run them).'], '  '),
    ...members('ancestors', step.ancestors, (a) => `${resultTypes.get(a.step) ?? 'JsonObject'}${a.guaranteed ? '' : ' | null'}`),
    ...jsDocLines(["Batch workers upstream: every instance's result, read with `context.getAllDependencyResults(name)`."], '  '),
    ...members('batches', step.batches, (b) => resultTypes.get(b.step) ?? 'JsonObject'),
    `  result: ${step.resultType};`,
    ...jsDocLines(["The step's `handler.initialization`, typed from its values."], '  '),
    `  config: ${jsonTypeText(definition.handler.initialization)};`,
    ...jsDocLines(['The steps a decision may create (the steps that depend on it).'], '  '),
    `  routes: ${union(step.routes)};`,
    ...jsDocLines(['The `batch_worker` step a batch analyzer creates instances of.'], '  '),
    `  workers: ${union(step.workers)};`,
    '}',
  ];
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
