import type { Rule } from '../rule.js';
import { joinPointer } from '../../load/index.js';

export const emptyCallable: Rule = {
  code: 'empty-callable',
  check({ template, report }) {
    for (const step of template.steps) {
      const pointer = joinPointer(step.handler.pointer, 'callable');
      if (step.handler.callable.trim() !== '' || !template.source.has(pointer)) continue;
      report(pointer, {
        code: 'empty-callable',
        message: `step \`${step.name}\` has an empty handler callable`,
        hint: 'Set it to the name the handler is registered under, e.g. `Namespace.StepHandlers.MyHandler`.',
      });
    }
  },
};
