/**
 * Worker thread of the contracts pool: compiles each chunk of schemas it is
 * sent and posts back [key, declarations] pairs. It warms up first (module
 * loading and the first, slow, runs of the compiler) while the main thread
 * starts loading; chunks sent meanwhile wait in the port. A schema that fails
 * is left out: the main thread compiles it again and reports the failure.
 */
import { parentPort } from 'node:worker_threads';
import { compileJobs, compileSchema, type CompileJob } from './schema-to-ts.js';

const WARM_UP = {
  type: 'object',
  required: ['id', 'items'],
  properties: {
    id: { type: 'string', description: 'warm-up' },
    status: { type: 'string', enum: ['a', 'b'] },
    items: { type: 'array', items: { type: 'object', title: 'WarmUpItem', properties: { n: { type: 'integer' } } } },
  },
};
for (let i = 0; i < 10; i++) await compileSchema(WARM_UP, 'WarmUp');

parentPort!.on('message', async (jobs: CompileJob[]) => {
  parentPort!.postMessage(await compileJobs(jobs));
});
