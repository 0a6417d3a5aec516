/**
 * Worker thread of the contracts pool: compiles each chunk of schemas it is
 * sent, a template at a time, and posts back [key, declarations] pairs. A
 * schema that fails is left out: the main thread compiles it again and
 * reports the failure.
 */
import { parentPort } from 'node:worker_threads';
import { compileJobs, type CompileJob } from './schema-to-ts.js';

parentPort!.on('message', async (jobs: CompileJob[]) => {
  parentPort!.postMessage(await compileJobs(jobs));
});
