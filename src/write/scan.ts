/** Finds files under outDir that may be stale generated output. */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { isErrno } from './paths.js';
import { compareStrings } from '../diagnostics/diagnostic.js';

const SCANNED_EXTENSIONS = new Set(['.ts', '.mts', '.js']);

/**
 * Regular `.ts`/`.mts`/`.js` files below `root` (recursive), as '/'-separated paths relative to
 * it, sorted. Skips `node_modules`, dot-folders, and symbolic links (never followed, never
 * removed). A missing root yields no files.
 */
export function listCandidateFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, rel: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      // The folder vanished or is not a folder: nothing to scan there.
      if (isErrno(error, 'ENOENT') || isErrno(error, 'ENOTDIR')) return;
      throw error;
    }
    for (const entry of entries) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
        walk(path.join(dir, entry.name), childRel);
      } else if (entry.isFile() && SCANNED_EXTENSIONS.has(path.extname(entry.name))) {
        found.push(childRel);
      }
    }
  };
  walk(root, '');
  return found.sort(compareStrings);
}
