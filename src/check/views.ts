/** Views of a template that several rules share. */

import type { StepEdges } from '../model/dag.js';
import type { SchemaNode, StepDefinition, TaskTemplate } from '../model/template.js';

export function toStepEdges(template: TaskTemplate): StepEdges[] {
  return template.steps.map((s) => ({ name: s.name, dependencies: s.dependencies.map((d) => d.step) }));
}

/** Pointer of the key that set the step's type (`type` or its alias `step_type`). */
export function stepTypePointer(step: StepDefinition): string {
  return `${step.pointer}/${step.typeKey}`;
}

export interface LabelledSchema {
  /** How messages name the schema, e.g. `result_schema of validate_cart`. */
  label: string;
  node: SchemaNode;
}

/** The JSON Schemas a template declares: task input, step results and event payloads. */
export function templateSchemas(template: TaskTemplate): LabelledSchema[] {
  const out: LabelledSchema[] = [];
  if (template.inputSchema) out.push({ label: 'input_schema', node: template.inputSchema });
  for (const step of template.steps) {
    if (step.resultSchema) out.push({ label: `result_schema of \`${step.name}\``, node: step.resultSchema });
  }
  const events = [...template.domainEvents, ...template.steps.flatMap((s) => s.publishesEvents)];
  for (const event of events) {
    if (event.schema) out.push({ label: `schema of event \`${event.name}\``, node: event.schema });
  }
  return out;
}
