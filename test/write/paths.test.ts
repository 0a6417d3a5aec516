import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type OutputFile, OutputPathError, type WriteMode, writeOutputs } from '../../src/write/index.js';
import { gen, generatedContent, listAll, snapshot, stub, tempProjects } from './fixtures.js';

const project = tempProjects();

const MODES: WriteMode[] = ['write', 'check', 'dry-run'];

/** Runs writeOutputs in every mode under root/out with a valid file first and `bad` second; expects OutputPathError and an untouched root. */
async function expectRejected(root: string, bad: OutputFile[], message?: RegExp): Promise<void> {
  const before = snapshot(root);
  for (const mode of MODES) {
    let error: unknown;
    try {
      await writeOutputs(path.join(root, 'out'), [gen('first.ts', 'ok\n'), ...bad], { mode });
    } catch (caught) {
      error = caught;
    }
    expect(error, `mode ${mode}`).toBeInstanceOf(OutputPathError);
    if (message) expect((error as Error).message).toMatch(message);
    expect(snapshot(root), `mode ${mode}`).toEqual(before);
  }
}

describe('output path validation', () => {
  it.each([
    ['../x.ts', /'\.\.' segment/],
    ['/etc/x', /absolute/],
    ['a/../../x', /'\.\.' segment/],
    ['a\\..\\x', /backslash/],
    ['a/./b.ts', /'\.' segment/],
    ['a//b.ts', /empty segment/],
    ['a/', /empty segment/],
    ['', /empty/],
    ['C:/x.ts', /drive letter/],
    ['c:x.ts', /drive letter/],
    ['a/b.ts:stream', /':'/],
    ['a\0b.ts', /NUL/],
    ['a\nb.ts', /control/],
    ['dir./b.ts', /ending in '\.'/],
  ])('rejects %j before writing anything', async (bad, message) => {
    const root = project({ 'keep.txt': 'x' });
    await expectRejected(root, [gen(bad, 'bad\n')], message);
    await expectRejected(root, [stub(bad, 'bad\n')], message);
  });

  it('accepts ordinary nested paths and names starting with dots', async () => {
    const out = project();
    const report = await writeOutputs(out, [gen('a/b/c.ts', 'x\n'), gen('..foo.ts', 'y\n'), gen('a/.b.ts', 'z\n')], { mode: 'write' });
    expect(report.changes.map((change) => change.action)).toEqual(['create', 'create', 'create']);
    expect(listAll(out)).toEqual(['..foo.ts', 'a', 'a/.b.ts', 'a/b', 'a/b/c.ts']);
  });

  it('lists every invalid path in one error', async () => {
    const out = project();
    try {
      await writeOutputs(out, [gen('../a.ts', 'a\n'), gen('/b.ts', 'b\n')], { mode: 'write' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(OutputPathError);
      expect((error as OutputPathError).problems).toHaveLength(2);
      expect((error as Error).message).toContain('(from templates/order.yaml)');
    }
  });

  it('rejects duplicate paths', async () => {
    const root = project();
    await expectRejected(root, [gen('a.ts', 'a\n'), gen('a.ts', 'b\n')], /duplicate output path "a\.ts"/);
    await expectRejected(root, [gen('a.ts', 'a\n'), stub('a.ts', 'b\n')], /duplicate/);
  });

  it('rejects paths that collide case-insensitively or by Unicode normalisation', async () => {
    const root = project();
    await expectRejected(root, [gen('Tasks/Order.ts', 'a\n'), gen('tasks/order.ts', 'b\n')], /differ only in case/);
    await expectRejected(root, [gen('caf\u00e9.ts', 'a\n'), gen('cafe\u0301.ts', 'b\n')], /differ only in case/);
  });

  it('rejects a path that needs another output file to be a folder', async () => {
    const root = project();
    await expectRejected(root, [gen('a.ts', 'a\n'), gen('A.ts/b.ts', 'b\n')], /also an output file/);
  });
});

describe('symlinks and the disk', () => {
  it('refuses a symlinked folder leading outside the output folder, in every mode', async () => {
    const root = project({ 'outside/victim.ts': 'precious\n', 'out/.keep': '' });
    symlinkSync(path.join(root, 'outside'), path.join(root, 'out/escape'), 'dir');
    await expectRejected(root, [gen('escape/victim.ts', 'pwned\n')], /symbolic link leading outside/);
    await expectRejected(root, [gen('escape/new/x.ts', 'pwned\n')], /symbolic link leading outside/);
    await expectRejected(root, [stub('escape/stub.ts', 'pwned\n')], /symbolic link leading outside/);
  });

  it('refuses a symlink to a parent of the output folder', async () => {
    const root = project({ 'out/.keep': '' });
    symlinkSync('..', path.join(root, 'out/up'), 'dir');
    await expectRejected(root, [gen('up/x.ts', 'x\n')], /outside/);
  });

  it('allows a symlinked folder that stays inside the output folder', async () => {
    const root = project({ 'out/real/.keep': '' });
    symlinkSync('real', path.join(root, 'out/alias'), 'dir');
    const report = await writeOutputs(path.join(root, 'out'), [gen('alias/x.ts', 'x\n')], { mode: 'write' });
    expect(report.changes[0]!.action).toBe('create');
    expect(listAll(path.join(root, 'out'))).toContain('real/x.ts');
  });

  it('allows the output folder itself to be a symlink', async () => {
    const root = project({ 'real/.keep': '' });
    symlinkSync(path.join(root, 'real'), path.join(root, 'out'), 'dir');
    await writeOutputs(path.join(root, 'out'), [gen('x.ts', 'x\n')], { mode: 'write' });
    expect(listAll(path.join(root, 'real'))).toContain('x.ts');
  });

  it('refuses to replace a generated path that is a symlink', async () => {
    const root = project({ 'outside.ts': generatedContent('x\n'), 'out/.keep': '' });
    symlinkSync(path.join(root, 'outside.ts'), path.join(root, 'out/x.ts'));
    await expectRejected(root, [gen('x.ts', 'y\n')], /symbolic link/);
  });

  it('refuses when a parent on disk is a file, or the target is a folder', async () => {
    const root = project({ 'out/a': 'a file\n' });
    await expectRejected(root, [gen('a/b.ts', 'b\n')], /not a directory/);
    mkdirSync(path.join(root, 'out/dir.ts'));
    writeFileSync(path.join(root, 'out/dir.ts/inner.txt'), 'x');
    await expectRejected(root, [gen('dir.ts', 'b\n')], /not a regular file/);
  });
});
