/** Atomic file replacement: write a unique temp file next to the target, then rename it over. */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isErrno } from './paths.js';

/** Temp files are dot files ending in `.tmp`, so a scan for stale `.ts`/`.js` files never sees them. */
export const TEMP_SUFFIX = '.tasker-ctl.tmp';

/** Folders this process has already created or found, so a big batch does not ask again for each file. */
const knownDirectories = new Set<string>();

function ensureDirectory(dir: string): void {
  if (knownDirectories.has(dir)) return;
  mkdirSync(dir, { recursive: true });
  knownDirectories.add(dir);
}

export function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
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
    try {
      writeFileSync(temp, content, { flag: 'wx' });
    } catch (error) {
      // The folder was removed since it was created (by a cleanup): create it again, once.
      if (!isErrno(error, 'ENOENT')) throw error;
      knownDirectories.delete(path.dirname(target));
      ensureDirectory(path.dirname(target));
      writeFileSync(temp, content, { flag: 'wx' });
    }
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
