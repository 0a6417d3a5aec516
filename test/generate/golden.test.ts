/**
 * Golden files: the whole generated tree (with --with-tests) for a few
 * templates, compared byte for byte with fixtures/generate/golden/<case>/.
 *
 * To rewrite them after an intended change: `UPDATE_GOLDEN=1 npx vitest run test/generate/golden.test.ts`,
 * then read the diff (`git diff fixtures/generate/golden`) before committing.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli, tempProject } from '../helpers.js';
import { isDirectory, snapshotTree } from './consumer.js';

const GOLDEN_DIR = path.join(REPO_ROOT, 'fixtures/generate/golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** Case name → template path relative to REPO_ROOT (the generator's cwd, so banners are stable). */
const CASES: Record<string, string> = {
  rich_schemas: 'fixtures/generate/rich_schemas.yaml',
  'ecommerce-order-processing': 'fixtures/templates/clean/ecommerce-order-processing.yaml',
  hostile_names: 'fixtures/generate/hostile_names.yaml',
};

describe.each(Object.entries(CASES))('golden output for %s', (name, template) => {
  const out = tempProject();
  afterAll(() => out.cleanup());
  const goldenDir = path.join(GOLDEN_DIR, name);

  it('matches fixtures/generate/golden byte for byte', () => {
    const run = runCli(['generate', template, '--out', out.dir, '--with-tests', '--quiet'], { cwd: REPO_ROOT });
    expect(run.code, run.stderr).toBe(0);
    const actual = snapshotTree(out.dir);
    expect(actual.size).toBeGreaterThan(3);

    if (UPDATE) {
      rmSync(goldenDir, { recursive: true, force: true });
      for (const [file, bytes] of actual) {
        mkdirSync(path.dirname(path.join(goldenDir, file)), { recursive: true });
        writeFileSync(path.join(goldenDir, file), bytes);
      }
    }

    expect(isDirectory(goldenDir), `missing ${goldenDir}: run with UPDATE_GOLDEN=1`).toBe(true);
    const golden = snapshotTree(goldenDir);
    expect([...actual.keys()]).toEqual([...golden.keys()]);
    for (const [file, bytes] of actual) {
      const want = golden.get(file)!;
      // Compare as text first for a readable diff, then as bytes (encoding, BOM, line endings).
      expect(bytes.toString('utf8'), file).toBe(want.toString('utf8'));
      expect(bytes.equals(want), file).toBe(true);
    }
  });
});
