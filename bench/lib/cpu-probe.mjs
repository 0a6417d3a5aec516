/**
 * Appends the process's CPU time (user + system, all threads, in ms) to the
 * file named by TASKER_BENCH_CPU_LOG when the process exits. Loaded with
 * `node --import` into every process the benchmarks time, baseline included,
 * so its own small cost cancels out in differences. CPU time barely moves when
 * other processes compete for the cores; wall time does.
 */
import { appendFileSync } from 'node:fs';

const log = process.env.TASKER_BENCH_CPU_LOG;
if (log) {
  process.on('exit', () => {
    const { user, system } = process.cpuUsage();
    appendFileSync(log, `${(user + system) / 1000}\n`);
  });
}
