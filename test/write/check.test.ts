import { describe, expect, it } from 'vitest';
import { writeOutputs } from '../../src/write/index.js';
import { gen, generatedContent, listAll, snapshot, stub, tempProjects } from './fixtures.js';

const project = tempProjects();

/** Content lines of a generated file, for building expected diffs. */
function lines(content: string): string[] {
  return content.replace(/\n$/, '').split('\n');
}

describe('check mode', () => {
  it('is up to date when every generated file is identical and user stubs exist', async () => {
    const out = project({ 'a.ts': generatedContent('export const a = 1;\n'), 'h.ts': 'edited stub\n' });
    const report = await writeOutputs(out, [gen('a.ts', 'export const a = 1;\n'), stub('h.ts', 'original stub\n')], { mode: 'check' });
    expect(report).toEqual({
      mode: 'check',
      outDir: out,
      changes: [
        { path: 'a.ts', action: 'unchanged' },
        { path: 'h.ts', action: 'skip-user-owned', reason: expect.any(String) },
      ],
      upToDate: true,
    });
  });

  it('reports a differing generated file as stale with a unified a/ b/ diff', async () => {
    const old = generatedContent('export const a = 1;\nexport const b = 2;\n');
    const out = project({ 'src/a.ts': old });
    const next = gen('src/a.ts', 'export const a = 1;\nexport const b = 3;\n');
    const report = await writeOutputs(out, [next], { mode: 'check' });
    expect(report.upToDate).toBe(false);
    expect(report.changes).toHaveLength(1);
    const [banner, oldSum] = lines(old);
    const newSum = lines(next.content)[1];
    expect(report.changes[0]!.action).toBe('update');
    expect(report.changes[0]!.diff).toBe(
      [
        '--- a/src/a.ts',
        '+++ b/src/a.ts',
        '@@ -1,4 +1,4 @@',
        ` ${banner}`,
        `-${oldSum}`,
        `+${newSum}`,
        ' export const a = 1;',
        '-export const b = 2;',
        '+export const b = 3;',
        '',
      ].join('\n'),
    );
  });

  it('reports a missing generated file as stale with a diff against empty', async () => {
    const out = project();
    const next = gen('a.ts', 'export {};\n');
    const report = await writeOutputs(out, [next], { mode: 'check' });
    expect(report.upToDate).toBe(false);
    expect(report.changes[0]).toEqual({
      path: 'a.ts',
      action: 'create',
      diff: ['--- /dev/null', '+++ b/a.ts', '@@ -0,0 +1,3 @@', ...lines(next.content).map((line) => `+${line}`), ''].join('\n'),
    });
  });

  it('counts a stale generated file that would be removed, with a removal diff', async () => {
    const content = generatedContent('export const old = 1;\n');
    const out = project({ 'a.ts': generatedContent('a\n'), 'old.ts': content });
    const report = await writeOutputs(out, [gen('a.ts', 'a\n')], { mode: 'check' });
    expect(report.upToDate).toBe(false);
    expect(report.changes[1]).toMatchObject({ path: 'old.ts', action: 'remove' });
    expect(report.changes[1]!.diff).toBe(
      ['--- a/old.ts', '+++ /dev/null', '@@ -1,3 +0,0 @@', ...lines(content).map((line) => `-${line}`), ''].join('\n'),
    );
  });

  it('counts a missing user stub as not up to date, without a diff', async () => {
    const out = project({ 'a.ts': generatedContent('a\n') });
    const report = await writeOutputs(out, [gen('a.ts', 'a\n'), stub('handlers/h.ts', 'stub\n')], { mode: 'check' });
    expect(report.upToDate).toBe(false);
    expect(report.changes[1]).toMatchObject({ path: 'handlers/h.ts', action: 'create' });
    expect(report.changes[1]!.diff).toBeUndefined();
  });

  it('does not count an edited stale file (it would be kept) as out of date', async () => {
    const out = project({ 'old.ts': generatedContent('x\n').replace('x', 'y') });
    const report = await writeOutputs(out, [], { mode: 'check' });
    expect(report.changes.map((change) => change.action)).toEqual(['keep-modified']);
    expect(report.upToDate).toBe(true);
  });

  it('writes nothing, whatever there is to do', async () => {
    const out = project({
      'update.ts': generatedContent('old\n'),
      'stale.ts': generatedContent('stale\n'),
      'edited.ts': generatedContent('e\n').replace('e\n', 'E\n'),
      'mine.ts': 'mine\n',
      'stub.ts': 'user\n',
    });
    const before = snapshot(out);
    // Make a rewrite detectable even on coarse-mtime file systems.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const files = [
      gen('update.ts', 'new\n'),
      gen('new/dir/created.ts', 'c\n'),
      gen('mine.ts', 'x\n'),
      stub('stub.ts', 'stub\n'),
      stub('newstub.ts', 'stub\n'),
    ];
    const report = await writeOutputs(out, files, { mode: 'check' });
    expect(Object.fromEntries(report.changes.map((change) => [change.path, change.action]))).toEqual({
      'edited.ts': 'keep-modified',
      'mine.ts': 'refuse-not-generated',
      'new/dir/created.ts': 'create',
      'newstub.ts': 'create',
      'stale.ts': 'remove',
      'stub.ts': 'skip-user-owned',
      'update.ts': 'update',
    });
    expect(snapshot(out)).toEqual(before);
    // The same input in write mode does change the folder: the snapshot comparison can fail.
    await writeOutputs(out, files, { mode: 'write' });
    expect(snapshot(out)).not.toEqual(before);
    expect((await writeOutputs(out, files, { mode: 'check' })).upToDate).toBe(false); // mine.ts is still refused
    expect(
      (
        await writeOutputs(
          out,
          files.filter((file) => file.path !== 'mine.ts'),
          { mode: 'check' },
        )
      ).upToDate,
    ).toBe(true);
  });
});

describe('dry-run mode', () => {
  it('reports what would change, with diffs, and writes nothing', async () => {
    const out = project({ 'a.ts': generatedContent('one\n'), 'gone.ts': generatedContent('gone\n') });
    const before = snapshot(out);
    const report = await writeOutputs(out, [gen('a.ts', 'two\n'), gen('b/c.ts', 'c\n'), stub('h.ts', 'stub\n')], { mode: 'dry-run' });
    expect(report.mode).toBe('dry-run');
    expect(report.changes.map((change) => [change.path, change.action, change.diff !== undefined])).toEqual([
      ['a.ts', 'update', true],
      ['b/c.ts', 'create', true],
      ['gone.ts', 'remove', true],
      ['h.ts', 'create', false],
    ]);
    expect(report.changes[0]!.diff).toMatch(/^-one\n(?:.*\n)*\+two\n$/m);
    expect(report.upToDate).toBe(false);
    expect(snapshot(out)).toEqual(before);
    expect(listAll(out)).toEqual(['a.ts', 'gone.ts']);
  });
});
