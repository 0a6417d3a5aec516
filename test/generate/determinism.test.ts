/**
 * Determinism: the output bytes depend only on the inputs. Two fresh runs give
 * the same tree; the order of the paths, duplicates and overlapping
 * directory/file arguments change nothing; no absolute path, temp folder or
 * CR ends up in the output.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_DIR, HAS_CORPUS, REPO_ROOT, runCli, tempProject } from '../helpers.js';
import { snapshotTree } from './consumer.js';

/** The corpus's TypeScript templates when ../shared is there; the project's own fixtures always. */
const CORPUS_TS = HAS_CORPUS ? [path.relative(REPO_ROOT, path.join(CORPUS_DIR, 'tasker-core/typescript'))] : [];
const RICH = 'fixtures/generate/rich_schemas.yaml';
const HOSTILE = 'fixtures/generate/hostile_names.yaml';
const CLEAN = 'fixtures/templates/clean';
const LOAN = 'fixtures/templates/clean/diamond-loan-underwriting.yaml';
const ECOMMERCE = 'fixtures/templates/clean/ecommerce-order-processing.yaml';

const cleanups: Array<() => void> = [];
afterAll(() => {
  for (const cleanup of cleanups) cleanup();
});

/** Generates `paths` (relative to REPO_ROOT) into a fresh folder; returns its tree. */
function generate(paths: string[]): { dir: string; tree: Map<string, Buffer> } {
  const out = tempProject();
  cleanups.push(out.cleanup);
  const run = runCli(['generate', ...paths, '--out', out.dir, '--with-tests', '--quiet'], { cwd: REPO_ROOT });
  expect(run.code, run.stderr).toBe(0);
  return { dir: out.dir, tree: snapshotTree(out.dir) };
}

function expectSameTree(actual: Map<string, Buffer>, expected: Map<string, Buffer>): void {
  expect([...actual.keys()]).toEqual([...expected.keys()]);
  for (const [file, bytes] of actual) {
    expect(bytes.toString('utf8'), file).toBe(expected.get(file)!.toString('utf8'));
    expect(bytes.equals(expected.get(file)!), file).toBe(true);
  }
}

describe('generate is deterministic', () => {
  const baseline = [CLEAN, RICH, HOSTILE, ...CORPUS_TS];
  let first: { dir: string; tree: Map<string, Buffer> };
  beforeAll(() => {
    first = generate(baseline);
  }, 120_000);

  it('produces a non-trivial tree', () => {
    expect(first.tree.size).toBeGreaterThan(20);
    expect([...first.tree.keys()]).toContain('tasker.ts');
    expect([...first.tree.keys()]).toContain('index.ts');
  });

  it('two runs into fresh folders give identical bytes', () => {
    expectSameTree(generate(baseline).tree, first.tree);
  });

  it('reversed path order gives identical bytes', () => {
    expectSameTree(generate([...baseline].reverse()).tree, first.tree);
  });

  it('shuffled paths with duplicates and overlapping directory/file arguments give identical bytes', () => {
    const paths = [HOSTILE, ...CORPUS_TS, ECOMMERCE, RICH, CLEAN, `./${RICH}`, LOAN, HOSTILE, ...CORPUS_TS, `${CLEAN}/`];
    expectSameTree(generate(paths).tree, first.tree);
  });

  it('absolute paths give the same bytes as relative ones (banners show paths relative to cwd)', () => {
    expectSameTree(generate(baseline.map((p) => path.join(REPO_ROOT, p))).tree, first.tree);
  });

  it('the output holds no absolute path, temp folder, CR or timestamp', () => {
    for (const [file, bytes] of first.tree) {
      const text = bytes.toString('utf8');
      expect(text.includes(first.dir), file).toBe(false);
      expect(text.includes(REPO_ROOT), file).toBe(false);
      expect(text.includes('/tmp/'), file).toBe(false);
      expect(text.includes('\r'), file).toBe(false);
      expect(/\b20\d\d-\d\d-\d\dT\d\d:\d\d/.test(text), file).toBe(false);
    }
  });

  it('every file except index.ts ends with exactly one line break', () => {
    for (const [file, bytes] of first.tree) {
      if (file === 'index.ts') continue;
      const text = bytes.toString('utf8');
      expect(text.endsWith('\n') && !text.endsWith('\n\n'), file).toBe(true);
    }
  });

  // BUG (src/emit/index-file.ts): index.ts ends with `}` and no final line break (registerAll's block is the last write).
  it('index.ts ends with exactly one line break', () => {
    const text = first.tree.get('index.ts')!.toString('utf8');
    expect(text.endsWith('}\n')).toBe(true);
  });
});
