/** The one recursive file walk: templates, handler sources, generated output. */
import { type Dirent, readdirSync } from 'node:fs';
import path from 'node:path';

export interface WalkOptions {
  /** Which files to keep, by name. */
  acceptFile: (name: string) => boolean;
  /** Folders to skip besides `node_modules` and dot-folders. */
  skipFolder?: (name: string) => boolean;
}

/**
 * Files below `root` (recursive), as '/'-separated paths relative to it, in
 * code-unit order. Skips `node_modules` and dot-folders; never follows
 * symbolic links. A root that does not exist (or is not a folder) yields none.
 */
export function walkFiles(root: string, options: WalkOptions): string[] {
  const found: string[] = [];
  const visit = (dir: string, rel: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return;
      throw error;
    }
    for (const entry of entries) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name === 'node_modules' || entry.name.startsWith('.') || options.skipFolder?.(entry.name)) continue;
        visit(path.join(dir, entry.name), childRel);
      } else if (entry.isFile() && options.acceptFile(entry.name)) {
        found.push(childRel);
      }
    }
  };
  visit(root, '');
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
