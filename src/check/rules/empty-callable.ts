import { valueAtPointer } from '../../model/json-pointer.js';
import { joinPointer } from '../../model/source.js';
import { defineRule } from '../rule.js';

export const emptyCallable = defineRule({
  code: 'empty-callable',
  severity: 'error',
  category: 'dag',
  summary: '`handler.callable` is empty.',
  check({ template, report }) {
    for (const step of template.steps) {
      const pointer = joinPointer(step.handler.pointer, 'callable');
      // Only a string callable can be empty; null or another type is missing-field / wrong-type.
      if (step.handler.callable.trim() !== '' || typeof valueAtPointer(template.raw, pointer) !== 'string') continue;
      report(pointer, {
        message: `step \`${step.name}\` has an empty handler callable`,
        hint: 'Set it to the name the handler is registered under, e.g. `Namespace.StepHandlers.MyHandler`.',
      });
    }
  },
});
