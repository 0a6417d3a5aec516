import { joinPointer } from '../../model/source.js';
import { defineRule } from '../rule.js';

export const duplicateStep = defineRule({
  code: 'duplicate-step',
  severity: 'error',
  category: 'dag',
  summary: 'Two steps share a name.',
  check({ template, report }) {
    const first = new Map<string, number>();
    for (const step of template.steps) {
      if (step.name === '') continue;
      const line = first.get(step.name);
      if (line === undefined) {
        first.set(step.name, template.source.position(joinPointer(step.pointer, 'name')).line);
        continue;
      }
      report(joinPointer(step.pointer, 'name'), {
        message: `step \`${step.name}\` is declared twice (first on line ${line})`,
        hint: 'Step names must be unique within a template; rename one of them.',
      });
    }
  },
});
