import { findCycles } from '../../model/dag.js';
import { defineRule } from '../rule.js';
import { toStepEdges } from '../views.js';

export const dependencyCycle = defineRule({
  code: 'dependency-cycle',
  severity: 'error',
  category: 'dag',
  summary: 'Dependencies form a cycle.',
  check({ template, report }) {
    for (const cycle of findCycles(toStepEdges(template))) {
      const [from, to] = cycle as [string, string];
      const step = template.steps.find((s) => s.name === from)!;
      const entry = step.dependencies.find((d) => d.step === to)!;
      report(entry.pointer, {
        message: `dependency cycle: ${cycle.join(' → ')}`,
        hint: 'A task template is a DAG; remove one of these dependencies.',
      });
    }
  },
});
