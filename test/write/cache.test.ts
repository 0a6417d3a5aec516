/**
 * The reuse cache: a file is reused only when it was made from the same
 * inputs, by the same generator, and is unchanged on disk since.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OutputCache } from '../../src/write/cache.js';
import { runCli, tempProject } from '../helpers.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function project(files: Record<string, string> = {}): string {
  const { dir, cleanup } = tempProject({ 'package.json': '{"name":"p","type":"module"}\n', ...files });
  cleanups.push(cleanup);
  return dir;
}

describe('OutputCache', () => {
  it('reuses a file made from the same inputs by the same generator, unchanged since', () => {
    const dir = project({ 'gen/a.ts': 'made\n' });
    const out = path.join(dir, 'gen');
    const cache = OutputCache.open(out, 'generator-1');
    cache.record('a.ts', 'inputs-1', 'made\n');
    cache.save(new Set(['a.ts']));

    expect(OutputCache.open(out, 'generator-1').reusable('a.ts', 'inputs-1')?.toString()).toBe('made\n');
    expect(OutputCache.open(out, 'generator-1').reusable('a.ts', 'inputs-2')).toBeUndefined();
    // Another generator (an edited emitter, a linked checkout) starts from nothing.
    expect(OutputCache.open(out, 'generator-2').reusable('a.ts', 'inputs-1')).toBeUndefined();
    // A file edited on disk is not reused.
    writeFileSync(path.join(out, 'a.ts'), 'edited\n');
    expect(OutputCache.open(out, 'generator-1').reusable('a.ts', 'inputs-1')).toBeUndefined();
  });

  it('lives under node_modules/.cache/tasker-ctl of the project, and forgets removed files', () => {
    const dir = project({ 'gen/a.ts': 'a\n', 'gen/b.ts': 'b\n' });
    const out = path.join(dir, 'gen');
    const cache = OutputCache.open(out, 'g');
    cache.record('a.ts', 'i', 'a\n');
    cache.record('b.ts', 'i', 'b\n');
    cache.save(new Set(['a.ts']));
    const again = OutputCache.open(out, 'g');
    expect(again.reusable('a.ts', 'i')).toBeDefined();
    expect(again.reusable('b.ts', 'i')).toBeUndefined();
  });

  it('keeps nothing without a project (no package.json above the folder) and when disabled', () => {
    const cache = OutputCache.disabled('/nowhere');
    cache.record('a.ts', 'i', 'a\n');
    expect(cache.reusable('a.ts', 'i')).toBeUndefined();
  });
});

describe('generate with the cache', () => {
  const TEMPLATE =
    'name: t\nnamespace_name: c\nversion: 1.0.0\nsteps:\n  - name: a\n    handler: { callable: C.A }\n    result_schema: { type: object, properties: { x: { type: string } } }\n';

  it('--check trusts nothing it cannot see: an edited contracts file is stale, cache or not', () => {
    const dir = project({ 't.yaml': TEMPLATE });
    expect(runCli(['generate', 't.yaml', '--out', 'gen', '-q'], { cwd: dir }).code).toBe(0);
    expect(runCli(['generate', 't.yaml', '--out', 'gen', '--check'], { cwd: dir }).code).toBe(0);
    const file = path.join(dir, 'gen/contracts/c/t.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace('x?: string', 'x?: number'));
    const check = runCli(['generate', 't.yaml', '--out', 'gen', '--check'], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('+  x?: string');
  });

  it('--no-cache compiles again and gives the same bytes', () => {
    const dir = project({ 't.yaml': TEMPLATE });
    expect(runCli(['generate', 't.yaml', '--out', 'gen', '-q'], { cwd: dir }).code).toBe(0);
    const before = readFileSync(path.join(dir, 'gen/contracts/c/t.ts'), 'utf8');
    const run = runCli(['generate', 't.yaml', '--out', 'gen', '--no-cache', '--check'], { cwd: dir });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'gen/contracts/c/t.ts'), 'utf8')).toBe(before);
  });
});

describe('the generator key', () => {
  it('changes when any file of the generator (model, load, plan, emit, write, app) changes', async () => {
    const { generatorKey } = await import('../../src/app/generator-key.js');
    const files = {
      'model/json.ts': 'a',
      'load/index.ts': 'b',
      'plan/index.ts': 'c',
      'emit/contracts-file.ts': 'd',
      'write/banner.ts': 'e',
      'app/generate.ts': 'f',
      'cli/main.ts': 'g',
    };
    const before = generatorKey(project(files));
    expect(generatorKey(project(files))).toBe(before);
    for (const file of ['emit/contracts-file.ts', 'load/index.ts', 'write/banner.ts', 'app/generate.ts'])
      expect(generatorKey(project({ ...files, [file]: 'changed' })), file).not.toBe(before);
    // Code outside the generator does not shape its output.
    expect(generatorKey(project({ ...files, 'cli/main.ts': 'changed' }))).toBe(before);
  });
});
