/** Finds template files: explicit files as given, directories walked for .yaml/.yml. */
import { type Stats, statSync } from 'node:fs';
import path from 'node:path';
import { compareStrings } from '../diagnostics/diagnostic.js';
import { UsageError } from '../model/errors.js';
import { displayPath } from '../shared/display-path.js';
import { globToRegExp } from '../shared/glob.js';
import { walkFiles } from '../shared/walk.js';

export { UsageError };

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
    if (isPattern(given)) {
      for (const absolutePath of expandPattern(given, cwd)) found.set(absolutePath, { absolutePath, file: displayPath(absolutePath, cwd) });
      continue;
    }
    const absolutePath = path.resolve(cwd, given);
    let stats: Stats;
    try {
      stats = statSync(absolutePath);
    } catch {
      throw new UsageError(`path does not exist: ${given}`);
    }
    if (!stats.isDirectory() && !stats.isFile()) {
      // Reading a FIFO or a device would block or never end.
      throw new UsageError(`not a regular file or folder: ${given} (${fileKind(stats)})`);
    }
    if (stats.isDirectory()) {
      for (const rel of walkFiles(absolutePath, { acceptFile: (name) => YAML_EXTENSIONS.has(path.extname(name).toLowerCase()) })) {
        const file = path.join(absolutePath, rel);
        found.set(file, { absolutePath: file, file: displayPath(file, cwd) });
      }
    } else found.set(absolutePath, { absolutePath, file: displayPath(absolutePath, cwd) });
  }
  if (found.size === 0 && paths.length > 0) {
    throw new UsageError(`no template files (.yaml, .yml) found under ${paths.join(', ')}`);
  }
  return [...found.values()].sort((a, b) => compareStrings(a.file, b.file));
}

// Glob characters: Tasker's worker configuration lists templates as patterns (config/tasks/**/*.{yml,yaml}).
function isPattern(given: string): boolean {
  return /[*?{]/.test(given);
}

/** The YAML files a pattern matches: the folder before its first glob segment, walked and filtered. */
function expandPattern(pattern: string, cwd: string): string[] {
  const segments = pattern.replace(/\\/g, '/').split('/');
  const globAt = segments.findIndex(isPattern);
  const base = path.resolve(cwd, segments.slice(0, globAt).join('/') || '.');
  const rest = segments.slice(globAt).join('/');
  return walkFiles(base, { acceptFile: (name) => YAML_EXTENSIONS.has(path.extname(name).toLowerCase()) })
    .filter((rel) => globToRegExp(rest).test(rel))
    .map((rel) => path.join(base, rel));
}

function fileKind(stats: Stats): string {
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'not a file';
}
