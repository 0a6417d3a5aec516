/** Worker thread: compiles each chunk of schemas it is sent and posts the declarations back, in order. */
import { parentPort } from 'node:worker_threads';
import { compileSchema } from './schema-to-ts.js';

parentPort!.on('message', async ({ start, jobs }: { start: number; jobs: Array<{ schema: unknown; name: string }> }) => {
  const texts: string[] = [];
  for (const job of jobs) texts.push(await compileSchema(job.schema, job.name));
  parentPort!.postMessage({ start, texts });
});
