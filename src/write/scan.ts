/** Finds files under outDir that may be stale generated output. */
import path from 'node:path';
import { walkFiles } from '../shared/walk.js';

const SCANNED_EXTENSIONS = new Set(['.ts', '.mts', '.js']);

/**
 * Regular `.ts`/`.mts`/`.js` files below `root` (recursive), as '/'-separated paths relative to
 * it, sorted. Skips `node_modules`, dot-folders, and symbolic links (never followed, never
 * removed). A missing root yields no files.
 */
export function listCandidateFiles(root: string): string[] {
  return walkFiles(root, { acceptFile: (name) => SCANNED_EXTENSIONS.has(path.extname(name)) });
}
