import type { Rule } from '../rule.js';
import { joinPointer } from '../../load/index.js';
import { valueAtPointer } from '../../model/json-pointer.js';

export const emptyCallable: Rule = {
  code: 'empty-callable',
  check({ template, report }) {
    for (const step of template.steps) {
      const pointer = joinPointer(step.handler.pointer, 'callable');
      // Only a string callable can be empty; null or another type is missing-field / wrong-type.
      if (step.handler.callable.trim() !== '' || typeof valueAtPointer(template.raw, pointer) !== 'string') continue;
      report(pointer, {
        code: 'empty-callable',
        message: `step \`${step.name}\` has an empty handler callable`,
        hint: 'Set it to the name the handler is registered under, e.g. `Namespace.StepHandlers.MyHandler`.',
      });
    }
  },
};
