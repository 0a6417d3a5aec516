import { joinPointer } from '../../model/source.js';
import { defineRule } from '../rule.js';

export const orphanStep = defineRule({
  code: 'orphan-step',
  severity: 'warning',
  category: 'dag',
  summary: 'A step has no dependencies and no dependents.',
  check({ template, report }) {
    if (template.steps.length < 2) return;
    const referenced = new Set<string>();
    for (const step of template.steps) {
      for (const dep of step.dependencies) referenced.add(dep.step);
      if (step.batchConfig?.workerTemplate) referenced.add(step.batchConfig.workerTemplate);
    }
    for (const step of template.steps) {
      if (step.name === '' || step.dependencies.length > 0 || referenced.has(step.name)) continue;
      report(joinPointer(step.pointer, 'name'), {
        message: `step \`${step.name}\` has no dependencies and no dependents`,
        hint: 'Connect it to the DAG, or move it to a template of its own.',
      });
    }
  },
});
