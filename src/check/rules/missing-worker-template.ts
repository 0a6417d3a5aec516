import { joinPointer } from '../../model/source.js';
import { batchWorkerTemplates } from '../../model/steps.js';
import { defineRule } from '../rule.js';

/** A batchable step whose analyzer has no `batch_worker` step to create: its workers would never run. */
export const missingWorkerTemplate = defineRule({
  code: 'missing-worker-template',
  severity: 'error',
  category: 'dag',
  summary: 'A batchable step has no `batch_worker` step for its analyzer to create.',
  check({ template, report }) {
    for (const step of template.steps) {
      if (step.type !== 'batchable' || batchWorkerTemplates(template, step).length > 0) continue;
      report(joinPointer(step.pointer, step.typeKey), {
        message: `batchable step \`${step.name}\` has no batch worker: no \`batch_worker\` step depends on it, and neither \`handler.initialization.worker_template_name\` nor \`batch_config.worker_template\` names one`,
        hint:
          'Add a step with `type: batch_worker` and `dependencies: [' +
          step.name +
          ']`, or name one in `handler.initialization.worker_template_name`.',
      });
    }
  },
});
