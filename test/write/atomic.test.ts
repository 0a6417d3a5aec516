import * as fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { atomicWriteFileSync } from '../../src/write/atomic.js';
import { OutputPathError, writeOutputs } from '../../src/write/index.js';
import { tempProject } from '../helpers.js';
import { gen, generatedContent, listAll, read, snapshot } from './fixtures.js';

/** Lets a test make renameSync or writeFileSync fail for one target, as a full disk or a permission problem would. */
const faults = vi.hoisted(() => ({ renameTo: undefined as string | undefined, writeCode: undefined as string | undefined }));
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const fail = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });
  return {
    ...real,
    renameSync: (from: fs.PathLike, to: fs.PathLike) => {
      if (faults.renameTo !== undefined && String(to).endsWith(faults.renameTo)) throw fail('EACCES');
      return real.renameSync(from, to);
    },
    writeFileSync: (...args: Parameters<typeof real.writeFileSync>) => {
      if (faults.writeCode !== undefined && String(args[0]).endsWith('.tmp')) {
        // Leave a partial temp file behind, as a disk filling up mid-write would.
        real.writeFileSync(args[0], 'partial');
        throw fail(faults.writeCode);
      }
      return real.writeFileSync(...args);
    },
  };
});

const cleanups: (() => void)[] = [];
afterEach(() => {
  faults.renameTo = undefined;
  faults.writeCode = undefined;
  while (cleanups.length) cleanups.pop()?.();
});
function project(files: Record<string, string> = {}): string {
  const { dir, cleanup } = tempProject(files);
  cleanups.push(cleanup);
  return dir;
}
const temps = (dir: string) => listAll(dir).filter((name) => name.endsWith('.tmp'));

describe('atomic writes', () => {
  it('removes the temp file when the target is a folder and rethrows', async () => {
    const dir = project({ 'target.ts/inside.txt': 'x' });
    expect(() => atomicWriteFileSync(path.join(dir, 'target.ts'), 'content\n')).toThrow();
    expect(listAll(dir)).toEqual(['target.ts', 'target.ts/inside.txt']);
  });

  it('creates a folder again when it was removed after an earlier write into it', async () => {
    const { dir, cleanup } = tempProject();
    try {
      const target = path.join(dir, 'a/b/file.ts');
      atomicWriteFileSync(target, 'one\n');
      fs.rmSync(path.join(dir, 'a'), { recursive: true, force: true });
      atomicWriteFileSync(target, 'two\n');
      expect(fs.readFileSync(target, 'utf8')).toBe('two\n');
      expect(fs.readdirSync(path.join(dir, 'a/b'))).toEqual(['file.ts']);
    } finally {
      cleanup();
    }
  });

  it('replaces an existing file and keeps its permission bits, creating parents as needed', async () => {
    const dir = project({ 'a.ts': 'old\n' });
    fs.chmodSync(path.join(dir, 'a.ts'), 0o640);
    atomicWriteFileSync(path.join(dir, 'a.ts'), 'new\n');
    atomicWriteFileSync(path.join(dir, 'deep/er/b.ts'), 'b\n');
    expect(read(dir, 'a.ts')).toBe('new\n');
    expect(fs.statSync(path.join(dir, 'a.ts')).mode & 0o777).toBe(0o640);
    expect(listAll(dir)).toEqual(['a.ts', 'deep', 'deep/er', 'deep/er/b.ts']);
  });

  it('rejects a folder at a generated path before writing any file', async () => {
    const root = project({ 'out/b.ts/inside.txt': 'x' });
    const before = snapshot(root);
    await expect(writeOutputs(path.join(root, 'out'), [gen('a.ts', 'a\n'), gen('b.ts', 'b\n')], { mode: 'write' })).rejects.toThrow(
      OutputPathError,
    );
    expect(snapshot(root)).toEqual(before);
  });

  it('propagates a failed rename (EACCES), leaves no temp file, and never a half-written target', async () => {
    const out = project({ 'b.ts': generatedContent('old b\n') });
    faults.renameTo = `${path.sep}b.ts`;
    let error: unknown;
    try {
      await writeOutputs(out, [gen('a.ts', 'a\n'), gen('b.ts', 'new b\n'), gen('c.ts', 'c\n')], { mode: 'write' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(OutputPathError);
    expect((error as NodeJS.ErrnoException).code).toBe('EACCES');
    expect(temps(out)).toEqual([]);
    // The batch stops at the failure: each file is whole or untouched, and b.ts still holds its old content in full.
    expect(read(out, 'a.ts')).toBe(gen('a.ts', 'a\n').content);
    expect(read(out, 'b.ts')).toBe(generatedContent('old b\n'));
    if (listAll(out).includes('c.ts')) expect(read(out, 'c.ts')).toBe(gen('c.ts', 'c\n').content);
    // A rerun once the problem is gone completes the job.
    faults.renameTo = undefined;
    const report = await writeOutputs(out, [gen('a.ts', 'a\n'), gen('b.ts', 'new b\n'), gen('c.ts', 'c\n')], { mode: 'write' });
    expect(report.changes.map((change) => change.action).slice(0, 2)).toEqual(['unchanged', 'update']);
    expect(read(out, 'c.ts')).toBe(gen('c.ts', 'c\n').content);
  });

  it('removes a partly written temp file when writing it fails (ENOSPC)', async () => {
    const out = project({ 'a.ts': generatedContent('old\n') });
    faults.writeCode = 'ENOSPC';
    await expect(writeOutputs(out, [gen('a.ts', 'new\n')], { mode: 'write' })).rejects.toThrow(/ENOSPC/);
    expect(temps(out)).toEqual([]);
    expect(read(out, 'a.ts')).toBe(generatedContent('old\n'));
  });
});
