/** Finds template files: explicit files as given, directories walked for .yaml/.yml. */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { compareStrings } from '../diagnostics/diagnostic.js';

export class UsageError extends Error {
  override name = 'UsageError';
}

const YAML_EXTENSIONS = new Set(['.yaml', '.yml']);

export interface FoundFile {
  absolutePath: string;
  /** Relative to `cwd`, `/`-separated: the name shown in diagnostics. */
  file: string;
}

/**
 * Expands paths to a sorted, de-duplicated list of files. Directories are
 * walked recursively, skipping `node_modules` and dot-folders; the result
 * does not depend on the order the paths were given in.
 */
export function findTemplateFiles(paths: readonly string[], cwd: string = process.cwd()): FoundFile[] {
  const found = new Map<string, FoundFile>();
  for (const given of paths) {
    const absolutePath = path.resolve(cwd, given);
    let stats;
    try {
      stats = statSync(absolutePath);
    } catch {
      throw new UsageError(`path does not exist: ${given}`);
    }
    if (stats.isDirectory()) walk(absolutePath, found, cwd);
    else found.set(absolutePath, { absolutePath, file: displayPath(absolutePath, cwd) });
  }
  return [...found.values()].sort((a, b) => compareStrings(a.file, b.file));
}

function walk(dir: string, found: Map<string, FoundFile>, cwd: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const absolutePath = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      walk(absolutePath, found, cwd);
    } else if (entry.isFile() && YAML_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) {
      found.set(absolutePath, { absolutePath, file: displayPath(absolutePath, cwd) });
    }
  }
}

export function displayPath(absolutePath: string, cwd: string = process.cwd()): string {
  const relative = path.relative(cwd, absolutePath) || path.basename(absolutePath);
  return relative.split(path.sep).join('/');
}
