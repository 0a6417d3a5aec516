/**
 * Records every module a Node process loads, for the start-up bench.
 *
 *   TASKER_BENCH_MODULE_LOG=/tmp/x.log node --import ./bench/lib/module-probe.mjs bin/tasker-ctl.js --help
 *
 * ES modules: a resolve hook (module-probe-hooks.mjs, off-thread) appends each
 * resolved URL as it is resolved. CommonJS modules (ts-morph, typescript and
 * json-schema-to-typescript are CommonJS, whether imported or required) are
 * read from require.cache on exit. Lines are `esm:<url>` or `cjs:<path>`.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

const log = process.env.TASKER_BENCH_MODULE_LOG;
if (log) {
  writeFileSync(log, '');
  register('./module-probe-hooks.mjs', import.meta.url, { data: { log } });
  const require = createRequire(import.meta.url);
  process.on('exit', () => {
    appendFileSync(
      log,
      Object.keys(require.cache)
        .map((file) => `cjs:${file}\n`)
        .join(''),
    );
  });
}
