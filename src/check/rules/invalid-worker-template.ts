import { joinPointer } from '../../model/source.js';
import { didYouMean } from '../../model/suggest.js';
import { defineRule } from '../rule.js';

export const invalidWorkerTemplate = defineRule({
  code: 'invalid-worker-template',
  severity: 'error',
  category: 'dag',
  summary: '`batch_config.worker_template` does not name a `batch_worker` step.',
  check({ template, report }) {
    for (const step of template.steps) {
      const worker = step.batchConfig?.workerTemplate;
      if (!step.batchConfig || worker === undefined) continue;
      const target = template.steps.find((s) => s.name === worker);
      if (target?.type === 'batch_worker') continue;
      const workers = template.steps.filter((s) => s.type === 'batch_worker').map((s) => s.name);
      report(joinPointer(step.batchConfig.pointer, 'worker_template'), {
        message: target
          ? `worker_template \`${worker}\` is a \`${target.type}\` step, not a \`batch_worker\` step`
          : `worker_template \`${worker}\` is not a step of this template`,
        hint: target
          ? `Set \`type: batch_worker\` on step \`${worker}\`.`
          : (didYouMean(worker, workers) ??
            (workers.length ? `batch_worker steps: ${workers.join(', ')}.` : 'Declare a step with `type: batch_worker`.')),
      });
    }
  },
});
