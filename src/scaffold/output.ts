/**
 * Writing generated files: every path stays inside the output folder (checked
 * through symbolic links), an existing file is never overwritten without
 * `force`, and nothing is written unless every file can be. Writes are atomic;
 * a new file is created with a hard link, which fails rather than replace a
 * file that appeared in the meantime.
 */
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compareStrings } from '../diagnostics/diagnostic.js';
import { atomicWriteFileSync, tempPathFor } from '../write/atomic.js';
import { isErrno, lstatOrUndefined } from '../write/lstat.js';
import { checkParents, OutputPathError, resolveOutDir, validateOutputPath } from '../write/paths.js';
import { q, ScaffoldError } from './errors.js';
import type { RenderedFile } from './render.js';

/** `create`: new file. `overwrite`: exists, differs, --force. `unchanged`: exists with the same bytes. `conflict`: exists, differs, no --force. */
export type OutputAction = 'create' | 'overwrite' | 'unchanged' | 'conflict';

export interface PlannedOutput {
  path: string;
  action: OutputAction;
  content: string;
  /** Why an existing path is a conflict (a symbolic link, say). */
  reason?: string;
}

export interface OutputPlan {
  /** The output folder as given, for messages. */
  outDir: string;
  /** Absolute output folder. */
  outDirAbs: string;
  /** Sorted by path. */
  files: PlannedOutput[];
}

export interface OutputOptions {
  force?: boolean;
  cwd?: string;
}

/** Decides what happens to each file; reads the disk, writes nothing. */
export function planOutputs(outDir: string, files: readonly RenderedFile[], options: OutputOptions = {}): OutputPlan {
  if (typeof outDir !== 'string' || outDir.trim() === '') throw new ScaffoldError('the output folder is empty');
  if (outDir.includes('\0')) throw new ScaffoldError(`the output folder ${q(outDir)} contains a NUL character`);
  const outDirAbs = path.resolve(options.cwd ?? process.cwd(), outDir);
  const realOutDir = resolveOutDir(outDir, outDirAbs);
  const seen = new Map<string, string | undefined>();
  const planned: PlannedOutput[] = [];
  for (const file of files) {
    const problem = validateOutputPath(file.path);
    if (problem) throw new OutputPathError(`invalid output path: ${problem}`);
    const target = path.join(outDirAbs, ...file.path.split('/'));
    const stats = diskCheck(file.path, () => {
      checkParents(outDirAbs, realOutDir, file.path, seen);
      return realOutDir === undefined ? undefined : lstatOrUndefined(target);
    });
    if (!stats) {
      planned.push({ path: file.path, action: 'create', content: file.content });
      continue;
    }
    if (stats.isDirectory()) throw new OutputPathError(`cannot write ${q(file.path)}: it exists and is a folder`);
    if (stats.isSymbolicLink()) {
      planned.push({ path: file.path, action: options.force ? 'overwrite' : 'conflict', content: file.content, reason: 'a symbolic link' });
      continue;
    }
    if (!stats.isFile()) throw new OutputPathError(`cannot write ${q(file.path)}: it exists and is not a regular file`);
    if (readExisting(target, file.path).equals(Buffer.from(file.content, 'utf8'))) {
      planned.push({ path: file.path, action: 'unchanged', content: file.content });
      continue;
    }
    planned.push({ path: file.path, action: options.force ? 'overwrite' : 'conflict', content: file.content });
  }
  planned.sort((a, b) => compareStrings(a.path, b.path));
  return { outDir, outDirAbs, files: planned };
}

/** Runs a disk check; an errno error (ENAMETOOLONG, EACCES, ...) becomes a one-line ScaffoldError. */
function diskCheck<T>(shown: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw error;
    throw new ScaffoldError(`cannot check the output path ${q(shown)}: ${code}`);
  }
}

function readExisting(target: string, shown: string): Buffer {
  try {
    return readFileSync(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw error;
    throw new ScaffoldError(`cannot read the existing ${q(shown)}: ${code}`);
  }
}

/** Writes a plan that has no conflicts. */
export function writePlan(plan: OutputPlan): void {
  if (plan.files.some((file) => file.action === 'conflict')) throw new Error('writePlan: the plan has conflicts');
  const written: string[] = [];
  for (const file of plan.files) {
    const target = path.join(plan.outDirAbs, ...file.path.split('/'));
    try {
      if (file.action === 'create') createExclusive(target, file.content, file.path);
      else if (file.action === 'overwrite') atomicWriteFileSync(target, file.content);
      else continue;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (error instanceof ScaffoldError || typeof code !== 'string') throw error;
      const before = written.length > 0 ? ` (already written: ${written.join(', ')})` : '';
      throw new ScaffoldError(`cannot write ${q(file.path)} in ${q(plan.outDir)}: ${code}${before}`);
    }
    written.push(file.path);
  }
}

/** Atomically creates `target`; fails if anything appeared at that path since planning. */
function createExclusive(target: string, content: string, shown: string): void {
  mkdirSync(path.dirname(target), { recursive: true });
  const temp = tempPathFor(target);
  writeFileSync(temp, content, { encoding: 'utf8', flag: 'wx' });
  try {
    linkSync(temp, target);
  } catch (error) {
    if (isErrno(error, 'EEXIST')) {
      throw new ScaffoldError(`${q(shown)} appeared while generating; it was not overwritten (rerun, or pass --force)`);
    }
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'ENOSYS'].some((code) => isErrno(error, code))) throw error;
    // No hard links on this file system: an exclusive create still never clobbers.
    writeFileSync(target, content, { encoding: 'utf8', flag: 'wx' });
  } finally {
    rmSync(temp, { force: true });
  }
}
