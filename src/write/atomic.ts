/** Atomic file replacement: write a unique temp file next to the target, then rename it over. */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
 * partial one. Parent directories are created unless `createFolder: false` says the caller
 * has. The temp file is removed on any error, and the error is rethrown. An existing target
 * keeps its permission bits; `exists: false` says the caller has just seen the target missing.
 */
export function atomicWriteFileSync(
  target: string,
  content: string | Uint8Array,
  { createFolder = true, exists = true }: { createFolder?: boolean; exists?: boolean } = {},
): void {
  if (createFolder) ensureDirectory(path.dirname(target));
  const temp = tempPathFor(target);
  try {
    // 'wx': never follow or clobber anything already at the temp name.
    writeFileSync(temp, content, { flag: 'wx' });
    // No exception for a missing target: most writes create files, and throwing is slow.
    const existing = exists ? statSync(target, { throwIfNoEntry: false }) : undefined;
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

/**
 * Writes every file atomically, one after the other: on the file systems
 * measured, synchronous writes beat a pool of asynchronous ones and cost far
 * less kernel time. The first failure stops the batch; each file is whole or
 * untouched.
 */
export function writeFiles(files: ReadonlyArray<readonly [target: string, content: string, exists: boolean]>): void {
  // Each folder once, for this batch (a long-lived process must not trust folders it saw in an earlier one).
  for (const folder of new Set(files.map(([target]) => path.dirname(target)))) ensureDirectory(folder);
  for (const [target, content, exists] of files) atomicWriteFileSync(target, content, { createFolder: false, exists });
}
