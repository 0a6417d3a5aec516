/** `generate --watch`: edit, break and fix a template (and the configuration) while the watcher runs. */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, REPO_ROOT, tempProject } from '../helpers.js';

const TEMPLATE = readFileSync(path.join(REPO_ROOT, 'fixtures/templates/clean/ecommerce-order-processing.yaml'), 'utf8');

describe('tasker-ctl generate --watch', () => {
  const project = tempProject({
    'tasks/order.yaml': TEMPLATE,
    '.config/tasker.toml': '[codegen]\ntemplates = ["tasks"]\nout = "gen"\n',
  });
  let child: ChildProcess | undefined;
  let stderr = '';
  afterAll(() => {
    child?.kill('SIGKILL');
    project.cleanup();
  });
  const file = (rel: string) => path.join(project.dir, rel);
  const read = (rel: string) => readFileSync(file(rel), 'utf8');

  /** Waits until stderr has `count` lines matching `pattern` (each cycle prints one line). */
  const waitFor = async (pattern: RegExp, count = 1): Promise<string> => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const lines = stderr.split('\n').filter((line) => pattern.test(line));
      if (lines.length >= count) return lines[count - 1]!;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; stderr so far:\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  it('generates once, then regenerates what an edit changes, in one line per cycle', async () => {
    child = spawn(process.execPath, [BIN, 'generate', '--watch'], { cwd: project.dir, env: { ...process.env, NO_COLOR: '1' } });
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    await waitFor(/watching for changes/);
    expect(read('gen/contracts/ecommerce/order_processing.ts')).toContain('subtotal: number');

    writeFileSync(file('tasks/order.yaml'), TEMPLATE.replace('        subtotal:\n', '        sub_total:\n'));
    const line = await waitFor(/order\.yaml changed: /);
    expect(line).toMatch(
      /^tasker-ctl: \d\d:\d\d:\d\d tasks\/order\.yaml changed: 1 file written \(contracts\/ecommerce\/order_processing\.ts\) in \d+ ms$/,
    );
    expect(read('gen/contracts/ecommerce/order_processing.ts')).toContain('sub_total?: number');
  });

  it('a broken template prints its diagnostics, keeps the last good output and the watcher running; fixing it regenerates', async () => {
    const good = read('gen/contracts/ecommerce/order_processing.ts');
    const stub = 'gen/handlers/ecommerce/step_handlers/validate_cart_handler.ts';
    writeFileSync(file(stub), `${read(stub)}// my edit\n`);
    writeFileSync(file('tasks/order.yaml'), TEMPLATE.replace('steps:\n', 'steps:\n  - broken: [\n'));
    expect(await waitFor(/order\.yaml changed: /, 2)).toMatch(/not generated \(\d+ errors?\); gen keeps the last good output/);
    expect(stderr).toContain('error yaml-syntax unclosed `[`');
    expect(read('gen/contracts/ecommerce/order_processing.ts')).toBe(good);

    writeFileSync(file('tasks/order.yaml'), TEMPLATE.replace('total:\n          type: number', 'total:\n          type: integer'));
    expect(await waitFor(/order\.yaml changed: /, 3)).toMatch(/file(s)? written .*contracts\/ecommerce\/order_processing\.ts/);
    expect(read('gen/contracts/ecommerce/order_processing.ts')).toContain('subtotal: number');
    // User-owned stubs are never touched.
    expect(read(stub)).toContain('// my edit');
  });

  it('a change to .config/tasker.toml is picked up', async () => {
    writeFileSync(file('.config/tasker.toml'), '[codegen]\ntemplates = ["tasks"]\nout = "gen"\nruntime = "@tasker-systems/tasker"\n');
    expect(await waitFor(/tasker\.toml changed: /)).toMatch(/tasker\.ts/);
    expect(read('gen/tasker.ts')).toContain("from '@tasker-systems/tasker'");
  });

  it('stops on SIGINT with exit code 0', async () => {
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child!.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
