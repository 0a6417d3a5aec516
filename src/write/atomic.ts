/** Atomic file replacement: write a unique temp file next to the target, then rename it over. */
import { randomBytes } from 'node:crypto';
import { chmodSync, promises as fsp, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Temp files are dot files ending in `.tmp`, so a scan for stale `.ts`/`.js` files never sees them. */
export const TEMP_SUFFIX = '.tasker-ctl.tmp';

/** Creates the folder when missing (asked every time: a folder emptied by a cleanup, or in a long watch session, is gone). */
function ensureDirectory(dir: string): void {
  mkdirSync(dir, { recursive: true });
}

/** A process-wide prefix and a counter make every temp name unique; `wx` refuses any name already taken. */
const TEMP_TAG = `${process.pid}.${randomBytes(4).toString('hex')}`;
let tempCounter = 0;

/**
 * `.<name>.<tag>.tasker-ctl.tmp` beside the target. A long file name is cut to
 * its first 64 characters: the temp name must stay within the file system's
 * limit of 255 bytes, whatever the target's.
 */
export function tempPathFor(target: string): string {
  const base = path.basename(target);
  return path.join(
    path.dirname(target),
    `.${base.length > 64 ? base.slice(0, 64) : base}.${TEMP_TAG}.${(tempCounter++).toString(36)}${TEMP_SUFFIX}`,
  );
}

/**
 * Writes `content` to `target` atomically: readers see the old file or the new one, never a
 * partial one. Parent directories are created. The temp file is removed on any error, and the
 * error is rethrown. An existing target keeps its permission bits.
 */
export function atomicWriteFileSync(target: string, content: string | Uint8Array): void {
  ensureDirectory(path.dirname(target));
  const temp = tempPathFor(target);
  try {
    // 'wx': never follow or clobber anything already at the temp name.
    writeFileSync(temp, content, { flag: 'wx' });
    // No exception for a missing target: most writes create files, and throwing is slow.
    const existing = statSync(target, { throwIfNoEntry: false });
    if (existing) chmodSync(temp, existing.mode & 0o7777);
    renameSync(temp, target);
  } catch (error) {
    try {
      rmSync(temp, { force: true });
    } catch {
      // Best effort: the original error is the one worth reporting.
    }
    throw error;
  }
}

/** `atomicWriteFileSync`, on the thread pool: many of them can run at once (see writeFiles, which creates the folders first). */
export async function atomicWriteFile(target: string, content: string | Uint8Array, createFolder = true): Promise<void> {
  if (createFolder) ensureDirectory(path.dirname(target));
  const temp = tempPathFor(target);
  try {
    await fsp.writeFile(temp, content, { flag: 'wx' });
    const existing = await fsp.stat(target).catch(() => undefined);
    if (existing) await fsp.chmod(temp, existing.mode & 0o7777);
    await fsp.rename(temp, target);
  } catch (error) {
    await fsp.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** How many writes are in flight at once: enough to keep the thread pool busy, few enough to bound memory and handles. */
const WRITES_IN_FLIGHT = 16;

/**
 * Writes every file atomically, a bounded number at a time, so the file
 * system's own work overlaps. The first failure stops new writes and is thrown
 * once those in flight have settled; each file is whole or untouched.
 */
export async function writeFiles(files: ReadonlyArray<readonly [target: string, content: string]>): Promise<void> {
  // Each folder once, for this batch (a long-lived process must not trust folders it saw in an earlier one).
  for (const folder of new Set(files.map(([target]) => path.dirname(target)))) ensureDirectory(folder);
  let next = 0;
  let failure: unknown;
  const lane = async (): Promise<void> => {
    while (failure === undefined && next < files.length) {
      const [target, content] = files[next++]!;
      try {
        await atomicWriteFile(target, content, false);
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(WRITES_IN_FLIGHT, files.length) }, lane));
  if (failure !== undefined) throw failure;
}
