#!/usr/bin/env node
// Runs the compiled CLI (built by `npm run build`, which `npm ci` runs via `prepare`).
import { main } from '../dist/cli/main.js';

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`tasker-ctl: internal error: ${error?.message ?? error}\n`);
    process.exitCode = 3;
  },
);
