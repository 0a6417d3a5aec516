import { linkSync, readdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputPathError, type WriteReport, writeOutputs } from '../../src/write/index.js';
import { gen, generatedContent, listAll, read, snapshot, stub, tempProjects } from './fixtures.js';

const project = tempProjects();
const actions = (report: WriteReport) => Object.fromEntries(report.changes.map((change) => [change.path, change.action]));

describe('writeOutputs in write mode', () => {
  it('creates generated files and user stubs, with parent folders, relative to cwd', async () => {
    const cwd = project();
    const files = [
      gen('tasks/order/types.ts', 'export interface A {}\n'),
      stub('handlers/order.ts', 'export function handle() {}\n'),
      gen('index.ts', 'export {};\n'),
    ];
    const report = await writeOutputs('out', files, { mode: 'write', cwd });
    expect(report.mode).toBe('write');
    expect(report.outDir).toBe('out');
    expect(report.changes.map((change) => [change.path, change.action])).toEqual([
      ['handlers/order.ts', 'create'],
      ['index.ts', 'create'],
      ['tasks/order/types.ts', 'create'],
    ]);
    expect(report.changes.every((change) => change.diff === undefined)).toBe(true);
    expect(report.upToDate).toBe(false);
    const out = path.join(cwd, 'out');
    expect(read(out, 'tasks/order/types.ts')).toBe(files[0]!.content);
    expect(read(out, 'handlers/order.ts')).toBe('export function handle() {}\n');
    expect(listAll(out)).toEqual(['handlers', 'handlers/order.ts', 'index.ts', 'tasks', 'tasks/order', 'tasks/order/types.ts']);
  });

  it('reports everything unchanged on a rerun and touches nothing', async () => {
    const out = project();
    const files = [gen('a.ts', 'export const a = 1;\n'), stub('b.ts', 'stub\n')];
    await writeOutputs(out, files, { mode: 'write' });
    const before = snapshot(out);
    const report = await writeOutputs(out, files, { mode: 'write' });
    expect(actions(report)).toEqual({ 'a.ts': 'unchanged', 'b.ts': 'skip-user-owned' });
    expect(report.upToDate).toBe(true);
    expect(snapshot(out)).toEqual(before);
  });

  it('takes a file the caller read this run (sameAsDisk) as unchanged without reading it, and creates it when it is gone', async () => {
    const out = project({ 'a.ts': generatedContent('on disk\n') });
    // The content given differs from the disk on purpose: the flag, not a comparison, decides.
    const flagged = { ...gen('a.ts', 'given\n'), sameAsDisk: true };
    expect(actions(await writeOutputs(out, [flagged], { mode: 'check' }))).toEqual({ 'a.ts': 'unchanged' });
    expect(actions(await writeOutputs(out, [{ ...flagged, sameAsDisk: false }], { mode: 'check' }))).toEqual({ 'a.ts': 'update' });
    const empty = project();
    expect(actions(await writeOutputs(empty, [flagged], { mode: 'write' }))).toEqual({ 'a.ts': 'create' });
    expect(read(empty, 'a.ts')).toBe(flagged.content);
  });

  it('gives the same result whatever the order of the files', async () => {
    const out = project();
    const files = [gen('b.ts', 'b\n'), gen('a/z.ts', 'z\n'), gen('a.ts', 'a\n')];
    const one = await writeOutputs(out, files, { mode: 'dry-run' });
    const two = await writeOutputs(out, [...files].reverse(), { mode: 'dry-run' });
    expect(two).toEqual(one);
    expect(one.changes.map((change) => change.path)).toEqual(['a.ts', 'a/z.ts', 'b.ts']);
  });

  it('updates a generated file that differs', async () => {
    const out = project({ 'a.ts': generatedContent('export const a = 1;\n') });
    const next = gen('a.ts', 'export const a = 2;\n');
    const report = await writeOutputs(out, [next], { mode: 'write' });
    expect(actions(report)).toEqual({ 'a.ts': 'update' });
    expect(report.changes[0]!.reason).toBeUndefined();
    expect(read(out, 'a.ts')).toBe(next.content);
  });

  it('overwrites a generated file edited by hand, and says so', async () => {
    const out = project({ 'a.ts': generatedContent('export const a = 1;\n').replace('= 1', '= 42') });
    const next = gen('a.ts', 'export const a = 1;\n');
    const report = await writeOutputs(out, [next], { mode: 'write' });
    expect(report.changes[0]).toMatchObject({ action: 'update', reason: expect.stringContaining('edited by hand') });
    expect(read(out, 'a.ts')).toBe(next.content);
  });

  it('writes LF only', async () => {
    const out = project();
    const file = gen('a.ts', 'one\ntwo\n');
    await writeOutputs(out, [{ ...file, content: file.content.replace(/\n/g, '\r\n') }], { mode: 'write' });
    expect(read(out, 'a.ts')).toBe(file.content);
    expect(read(out, 'a.ts')).not.toContain('\r');
  });

  it('never overwrites an existing user-owned file, whatever it holds', async () => {
    const out = project({ 'handlers/a.ts': 'my own code\n', 'handlers/b.ts': generatedContent('old stub\n') });
    const report = await writeOutputs(out, [stub('handlers/a.ts', 'new stub\n'), stub('handlers/b.ts', 'new stub\n')], { mode: 'write' });
    expect(actions(report)).toEqual({ 'handlers/a.ts': 'skip-user-owned', 'handlers/b.ts': 'skip-user-owned' });
    expect(report.upToDate).toBe(true);
    expect(read(out, 'handlers/a.ts')).toBe('my own code\n');
    expect(read(out, 'handlers/b.ts')).toBe(generatedContent('old stub\n'));
  });

  it('refuses to overwrite a file without the banner at a generated path', async () => {
    const out = project({ 'a.ts': 'export const handWritten = true;\n' });
    const report = await writeOutputs(out, [gen('a.ts', 'export {};\n'), gen('b.ts', 'export {};\n')], { mode: 'write' });
    expect(actions(report)).toEqual({ 'a.ts': 'refuse-not-generated', 'b.ts': 'create' });
    expect(report.changes[0]!.reason).toMatch(
      /without the "\/\/ @generated by tasker-ctl" banner.*generate it from templates\/order\.yaml/,
    );
    expect(report.upToDate).toBe(false);
    expect(read(out, 'a.ts')).toBe('export const handWritten = true;\n');
  });

  it('makes the report not up to date in every mode when a file is refused', async () => {
    const out = project({ 'a.ts': 'mine\n' });
    for (const mode of ['write', 'check', 'dry-run'] as const) {
      const report = await writeOutputs(out, [gen('a.ts', 'x\n')], { mode });
      expect(report.upToDate).toBe(false);
      expect(report.changes[0]!.action).toBe('refuse-not-generated');
      expect(report.changes[0]!.diff).toBeUndefined();
    }
    expect(read(out, 'a.ts')).toBe('mine\n');
  });

  it('removes a stale generated file only when its checksum verifies, and prunes emptied folders', async () => {
    const out = project({
      'old/gone.ts': generatedContent('export const gone = 1;\n'),
      'old/nested/gone.mts': generatedContent('export {};\n'),
      'kept.ts': generatedContent('export const kept = 1;\n'),
    });
    const report = await writeOutputs(out, [gen('kept.ts', 'export const kept = 1;\n')], { mode: 'write' });
    expect(actions(report)).toEqual({ 'kept.ts': 'unchanged', 'old/gone.ts': 'remove', 'old/nested/gone.mts': 'remove' });
    expect(report.upToDate).toBe(false);
    expect(listAll(out)).toEqual(['kept.ts']);
  });

  it('with prune: false, leaves the other generated files of the folder alone (one file written among others)', async () => {
    const out = project({ 'other.ts': generatedContent('export const other = 1;\n') });
    const report = await writeOutputs(out, [gen('types.ts', 'export type T = 1;\n')], { mode: 'write', prune: false });
    expect(actions(report)).toEqual({ 'types.ts': 'create' });
    expect(listAll(out)).toEqual(['other.ts', 'types.ts']);
  });

  it('with force: true, replaces a user-owned file and a file without the banner', async () => {
    const out = project({ 'mine.ts': 'export const mine = 1;\n', 'stub.ts': 'my edits\n' });
    const files = [gen('mine.ts', 'export const generated = 1;\n'), stub('stub.ts', 'fresh stub\n')];
    const refused = await writeOutputs(out, files, { mode: 'write' });
    expect(actions(refused)).toEqual({ 'mine.ts': 'refuse-not-generated', 'stub.ts': 'skip-user-owned' });
    const forced = await writeOutputs(out, files, { mode: 'write', force: true });
    expect(actions(forced)).toEqual({ 'mine.ts': 'update', 'stub.ts': 'update' });
    expect(read(out, 'mine.ts')).toBe(files[0]!.content);
    expect(read(out, 'stub.ts')).toBe('fresh stub\n');
  });

  it('keeps a stale generated file that was edited, or that has no checksum', async () => {
    const edited = generatedContent('export const x = 1;\n').replace('x = 1', 'x = 2');
    const unverifiable = '// @generated by tasker-ctl from t.yaml — do not edit\nexport {};\n';
    const out = project({ 'edited.ts': edited, 'nosum.js': unverifiable });
    const report = await writeOutputs(out, [], { mode: 'write' });
    expect(report.changes).toEqual([
      { path: 'edited.ts', action: 'keep-modified', reason: expect.stringContaining('checksum mismatch') },
      { path: 'nosum.js', action: 'keep-modified', reason: expect.stringContaining('no @checksum line') },
    ]);
    expect(report.upToDate).toBe(true);
    expect(read(out, 'edited.ts')).toBe(edited);
    expect(read(out, 'nosum.js')).toBe(unverifiable);
  });

  it('only considers .ts/.mts/.js files with the banner, outside node_modules and dot-folders', async () => {
    const stale = generatedContent('export {};\n');
    const out = project({
      'notes.md': stale,
      'data.json': stale,
      'a.cts': stale,
      'node_modules/pkg/index.js': stale,
      '.cache/x.ts': stale,
      'src/.hidden/y.ts': stale,
      'user.ts': 'export const mine = 1;\n',
      'stale.js': stale,
    });
    const before = snapshot(out);
    const report = await writeOutputs(out, [], { mode: 'write' });
    expect(actions(report)).toEqual({ 'stale.js': 'remove' });
    const after = snapshot(out);
    delete before['stale.js'];
    expect(after).toEqual(before);
  });

  it('does not follow symlinked folders when looking for stale files', async () => {
    const root = project({ 'elsewhere/gen.ts': generatedContent('export {};\n'), 'out/a.ts': generatedContent('a\n') });
    symlinkSync(path.join(root, 'elsewhere'), path.join(root, 'out/link'), 'dir');
    const report = await writeOutputs(path.join(root, 'out'), [gen('a.ts', 'a\n')], { mode: 'write' });
    expect(actions(report)).toEqual({ 'a.ts': 'unchanged' });
    expect(read(root, 'elsewhere/gen.ts')).toBe(generatedContent('export {};\n'));
  });

  it('never removes a symlinked file, even one pointing at a generated file', async () => {
    const root = project({ 'elsewhere.ts': generatedContent('x\n'), 'out/.keep': '' });
    symlinkSync(path.join(root, 'elsewhere.ts'), path.join(root, 'out/link.ts'));
    const report = await writeOutputs(path.join(root, 'out'), [], { mode: 'write' });
    expect(report.changes).toEqual([]);
    expect(listAll(root)).toEqual(['elsewhere.ts', 'out', 'out/.keep', 'out/link.ts']);
  });

  it('treats a case-variant file on disk as stale only when it is not the planned file itself', async () => {
    // Case-sensitive file system: "Foo.ts" is a different file from the planned "foo.ts".
    const out = project({ 'Foo.ts': generatedContent('old\n') });
    const report = await writeOutputs(out, [gen('foo.ts', 'new\n')], { mode: 'write' });
    expect(actions(report)).toEqual({ 'Foo.ts': 'remove', 'foo.ts': 'create' });
    expect(listAll(out)).toEqual(['foo.ts']);
    // Case-insensitive file system, simulated with a hard link: both names are one file, which must survive.
    const ci = project({ 'foo.ts': generatedContent('same\n') });
    linkSync(path.join(ci, 'foo.ts'), path.join(ci, 'FOO.ts'));
    const again = await writeOutputs(ci, [gen('foo.ts', 'same\n')], { mode: 'write' });
    expect(actions(again)).toEqual({ 'foo.ts': 'unchanged' });
    expect(listAll(ci)).toEqual(['FOO.ts', 'foo.ts']);
  });

  it('handles a missing output folder in every mode', async () => {
    const cwd = project();
    for (const mode of ['check', 'dry-run'] as const) {
      const report = await writeOutputs('does/not/exist', [gen('a.ts', 'a\n')], { mode, cwd });
      expect(actions(report)).toEqual({ 'a.ts': 'create' });
    }
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('rejects an output folder that is a file, and an empty one', async () => {
    const cwd = project({ 'file.txt': 'x' });
    await expect(writeOutputs('file.txt', [], { mode: 'write', cwd })).rejects.toThrow(OutputPathError);
    await expect(writeOutputs('', [], { mode: 'write', cwd })).rejects.toThrow(OutputPathError);
  });

  it('rejects generated content without the banner before writing anything', async () => {
    const out = project();
    await expect(
      writeOutputs(out, [gen('a.ts', 'a\n'), { path: 'b.ts', content: 'export {};\n', ownership: 'generated' }], { mode: 'write' }),
    ).rejects.toThrow(/banner/);
    expect(listAll(out)).toEqual([]);
  });
});
