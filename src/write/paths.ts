/** Validation of output paths: every output stays inside outDir whatever the names. */
import { lstatSync, realpathSync, type Stats, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../model/errors.js';
import { isErrno, lstatOrUndefined } from './lstat.js';

/** An output path that would escape outDir, collide with another output, or cannot be written safely. */
export class OutputPathError extends UsageError {
  override name = 'OutputPathError';
  /** Every problem found, one message each (the message joins them with line breaks). */
  readonly problems: string[];

  constructor(message: string, problems: string[] = [message]) {
    super(message);
    this.problems = problems;
  }
}

/**
 * Checks the syntax of a relative output path. Rejected: empty paths, NUL and other control
 * characters, backslashes, absolute paths, Windows drive letters (and any ':', which on Windows
 * also names alternate data streams), empty, `.` and `..` segments, and segments ending in a dot
 * or a space (Windows strips those, so `a.` and `a` would collide).
 */
export function validateOutputPath(relPath: unknown): string | undefined {
  if (typeof relPath !== 'string' || relPath.length === 0) return 'the path is empty';
  const shown = JSON.stringify(relPath);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(relPath)) return `${shown} contains a NUL or control character`;
  if (relPath.includes('\\')) return `${shown} contains a backslash; use '/' as the separator`;
  if (/^[A-Za-z]:/.test(relPath)) return `${shown} starts with a drive letter`;
  if (relPath.startsWith('/')) return `${shown} is absolute; output paths are relative to the output folder`;
  if (relPath.includes(':')) return `${shown} contains ':'`;
  for (const segment of relPath.split('/')) {
    if (segment === '') return `${shown} has an empty segment`;
    if (segment === '.' || segment === '..') return `${shown} has a '${segment}' segment`;
    if (segment.endsWith('.') || segment.endsWith(' ')) return `${shown} has a segment ending in '.' or ' '`;
  }
  return undefined;
}

/** Key under which two paths collide on case-insensitive, normalisation-insensitive file systems (macOS, Windows). */
export function collisionKey(relPath: string): string {
  return relPath.normalize('NFC').toLowerCase();
}

/** True when `child` is `parent` or below it (both absolute, normalised). */
export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/**
 * Checks that the existing directories on the way from outDir to `relPath` are directories that
 * resolve (through symlinks) inside outDir. `realOutDir` is undefined when outDir does not exist yet.
 * Results per directory are cached in `seen`.
 */
export function checkParents(
  outDirAbs: string,
  realOutDir: string | undefined,
  relPath: string,
  seen: Map<string, string | undefined>,
): void {
  if (realOutDir === undefined) return;
  const segments = relPath.split('/');
  let current = outDirAbs;
  let currentRel = '';
  for (const segment of segments.slice(0, -1)) {
    current = path.join(current, segment);
    currentRel = currentRel ? `${currentRel}/${segment}` : segment;
    if (seen.has(currentRel)) {
      const problem = seen.get(currentRel);
      if (problem) throw new OutputPathError(problem);
      continue;
    }
    const stats = lstatOrUndefined(current);
    if (!stats) return; // nothing below exists: mkdir will create real directories
    let problem: string | undefined;
    if (stats.isSymbolicLink()) {
      let real: string | undefined;
      try {
        real = realpathSync(current);
      } catch (error) {
        if (!isErrno(error, 'ENOENT') && !isErrno(error, 'ELOOP') && !isErrno(error, 'ENOTDIR')) throw error;
      }
      if (real === undefined) problem = `cannot write ${JSON.stringify(relPath)}: ${JSON.stringify(currentRel)} is a broken symbolic link`;
      else if (!isInside(realOutDir, real))
        problem = `cannot write ${JSON.stringify(relPath)}: ${JSON.stringify(currentRel)} is a symbolic link leading outside the output folder`;
      else if (!lstatSync(real).isDirectory())
        problem = `cannot write ${JSON.stringify(relPath)}: ${JSON.stringify(currentRel)} is not a directory`;
    } else if (!stats.isDirectory()) {
      problem = `cannot write ${JSON.stringify(relPath)}: ${JSON.stringify(currentRel)} exists and is not a directory`;
    }
    seen.set(currentRel, problem);
    if (problem) throw new OutputPathError(problem);
  }
}

/** The real path of outDir, or undefined when it does not exist yet. */
export function resolveOutDir(outDir: string, outDirAbs: string): string | undefined {
  let stats: Stats;
  try {
    stats = statSync(outDirAbs);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    if (isErrno(error, 'ENOTDIR')) throw new OutputPathError(`the output folder ${JSON.stringify(outDir)} is below a file`);
    throw error;
  }
  if (!stats.isDirectory()) throw new OutputPathError(`the output folder ${JSON.stringify(outDir)} exists and is not a folder`);
  return realpathSync(outDirAbs);
}
