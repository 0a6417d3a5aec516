/**
 * The file sink writes a big run's files on a worker thread, in order, each
 * atomically; a failure there stops the writes and comes back to the caller.
 * Uses dist/: the worker runs compiled JavaScript.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileSink } from '../../dist/write/file-sink.js';
import { writeOutputs } from '../../dist/write/index.js';
import { tempProject } from '../helpers.js';
import { gen, listAll } from './fixtures.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});
function project(files: Record<string, string> = {}): string {
  const { dir, cleanup } = tempProject(files);
  cleanups.push(cleanup);
  return dir;
}

type SinkInside = { queue?: { worker?: unknown; batches: unknown[]; head: number } };
/** The sink's worker thread, if one is running. */
const workerOf = (sink: FileSink) => (sink as unknown as SinkInside).queue?.worker;
/** Batches queued and not handed to anyone yet. */
const queuedBatches = (sink: FileSink) => {
  const queue = (sink as unknown as SinkInside).queue!;
  return queue.batches.length - queue.head;
};
const temps = (dir: string) => listAll(dir).filter((name) => name.endsWith('.tmp'));

describe('FileSink', () => {
  it('writes the first files itself and hands the rest to a worker, every one complete', async () => {
    const dir = project();
    const sink = new FileSink(true);
    const targets = Array.from({ length: 1200 }, (_, i) => path.join(dir, `d${i % 7}`, `f${i}.ts`));
    let sawWorker = false;
    // Multi-byte text: the worker gets the contents as one UTF-8 buffer per batch, cut by byte offsets.
    const text = (i: number) => `export const n = ${i}; // é ${'😀'.repeat(i % 3)}\n`;
    for (const [i, target] of targets.entries()) {
      sink.write(target, text(i));
      if (i === 100) expect(workerOf(sink)).toBeUndefined();
      sawWorker ||= workerOf(sink) !== undefined;
    }
    await sink.finish();
    expect(sawWorker).toBe(true);
    expect(workerOf(sink)).toBeUndefined(); // stopped
    for (const [i, target] of targets.entries()) expect(readFileSync(target, 'utf8')).toBe(text(i));
    expect(temps(dir)).toEqual([]);
  });

  it('never starts a worker when told not to', async () => {
    const dir = project();
    const sink = new FileSink(false);
    for (let i = 0; i < 700; i++) sink.write(path.join(dir, `f${i}.ts`), 'x\n');
    expect(workerOf(sink)).toBeUndefined();
    await sink.finish();
    expect(readdirSync(dir)).toHaveLength(700);
  });

  it('rethrows the first failure with its error code; every file before it is written, none is left half written', async () => {
    const dir = project({ 'blocker': 'a file where a folder should be\n' });
    const sink = new FileSink(true);
    const targets = Array.from({ length: 1000 }, (_, i) => path.join(dir, i === 800 ? 'blocker/inside.ts' : `ok/f${String(i).padStart(4, '0')}.ts`));
    let thrown: unknown;
    try {
      for (const target of targets) sink.write(target, 'x\n');
      await sink.finish();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as NodeJS.ErrnoException).code).toMatch(/^(ENOTDIR|EEXIST)$/);
    const written = readdirSync(path.join(dir, 'ok')).sort();
    expect(written.slice(0, 800)).toEqual(targets.slice(0, 800).map((target) => path.basename(target)));
    expect(readFileSync(path.join(dir, 'blocker'), 'utf8')).toBe('a file where a folder should be\n');
    expect(temps(dir)).toEqual([]);
    expect(workerOf(sink)).toBeUndefined();
  });

  it('keeps the batches the worker does not hold yet, and writes them all by finish (the main thread takes its share)', async () => {
    const dir = project();
    const sink = new FileSink(true);
    const written: string[] = [];
    for (let i = 0; i < 3000; i++) sink.write(path.join(dir, `d${i % 50}`, `f${i}.ts`), `${i}\n`);
    // Most batches are still queued here: the worker holds only a few at a time.
    expect(queuedBatches(sink)).toBeGreaterThan(10);
    await sink.finish();
    for (let i = 0; i < 3000; i++) written.push(readFileSync(path.join(dir, `d${i % 50}`, `f${i}.ts`), 'utf8'));
    expect(written).toEqual(Array.from({ length: 3000 }, (_, i) => `${i}\n`));
    expect(temps(dir)).toEqual([]);
  });
});

describe('writeOutputs on many files', () => {
  it('writes them all through the sink, and a deferred file sees the earlier ones on disk', async () => {
    const out = project();
    const files = Array.from({ length: 1500 }, (_, i) => gen(`handlers/g${i % 13}/f${i}.ts`, `export const n = ${i};\n`));
    let seenOnDisk = 0;
    const last = gen('z-last.ts', 'export const last = 1;\n');
    files.push({
      ...last,
      content: async () => {
        // Everything before this file was decided and handed to the sink; the first ones are already written.
        seenOnDisk = listAll(out).filter((name) => name.endsWith('.ts')).length;
        return last.content as string;
      },
    });
    const report = await writeOutputs(out, files, { mode: 'write' });
    expect(report.changes.filter((c) => c.action === 'create')).toHaveLength(1501);
    expect(seenOnDisk).toBeGreaterThanOrEqual(500);
    for (const file of files.slice(0, -1)) expect(readFileSync(path.join(out, file.path), 'utf8')).toBe(file.content);
    expect(readFileSync(path.join(out, 'z-last.ts'), 'utf8')).toBe(last.content);
    expect(temps(out)).toEqual([]);
    const again = await writeOutputs(out, files, { mode: 'check' });
    expect(again.upToDate).toBe(true);
  });

  it('holds a deferred generated file to the banner contract', async () => {
    const out = project();
    const files = [gen('a.ts', 'a\n'), { path: 'b.ts', content: async () => 'export {};\n', ownership: 'generated' as const }];
    await expect(writeOutputs(out, files, { mode: 'write' })).rejects.toThrow(/banner/);
  });
});
