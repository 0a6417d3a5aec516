/** Atomic file replacement: write a unique temp file next to the target, then rename it over. */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isErrno } from './paths.js';

/** Temp files are dot files ending in `.tmp`, so a scan for stale `.ts`/`.js` files never sees them. */
export const TEMP_SUFFIX = '.tasker-ctl.tmp';

export function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
}

/**
 * Writes `content` to `target` atomically: readers see the old file or the new one, never a
 * partial one. Parent directories are created. The temp file is removed on any error, and the
 * error is rethrown. An existing target keeps its permission bits.
 */
export function atomicWriteFileSync(target: string, content: string): void {
  mkdirSync(path.dirname(target), { recursive: true });
  const temp = tempPathFor(target);
  try {
    // 'wx': never follow or clobber anything already at the temp name.
    writeFileSync(temp, content, { encoding: 'utf8', flag: 'wx' });
    try {
      chmodSync(temp, statSync(target).mode & 0o7777);
    } catch (error) {
      if (!isErrno(error, 'ENOENT')) throw error;
    }
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
