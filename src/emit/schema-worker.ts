/** Worker thread: compiles the schemas it is given and posts the declarations back, in order. */
import { parentPort, workerData } from 'node:worker_threads';
import { compileSchema } from './schema-to-ts.js';

const jobs = workerData as Array<{ schema: unknown; name: string }>;
const texts: string[] = [];
for (const job of jobs) texts.push(await compileSchema(job.schema, job.name));
parentPort!.postMessage(texts);
