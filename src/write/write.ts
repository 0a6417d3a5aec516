/** The write stage: ownership-aware, atomic writes of generated output, plus check and dry-run modes. */
import { closeSync, openSync, readFileSync, readSync, rmdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { compareStrings } from '../diagnostics/diagnostic.js';
import { writeFiles } from './atomic.js';
import { GENERATED_MARKER, isGenerated, verifyChecksum } from './banner.js';
import { isErrno, lstatOrUndefined } from './lstat.js';
import { checkParents, collisionKey, OutputPathError, resolveOutDir, validateOutputPath } from './paths.js';
import { listCandidateFiles } from './scan.js';
import type { FileChange, OutputFile, WriteMode, WriteReport } from './types.js';

const MODES: readonly WriteMode[] = ['write', 'check', 'dry-run'];
const NEEDS_NO_CHANGE = new Set<FileChange['action']>(['unchanged', 'skip-user-owned', 'keep-modified']);

/**
 * Writes (or, in `check` and `dry-run` mode, only compares) `files` under `outDir`, which is
 * resolved against `options.cwd` (default: the process's cwd).
 *
 * - `generated` files are written when missing or different; an existing file without the
 *   `@generated` banner is never touched (`refuse-not-generated`).
 * - `user` files are created when missing and never touched afterwards (`skip-user-owned`).
 * - Files under outDir that carry the banner but are not in `files` are removed when their checksum
 *   proves them unmodified, and kept (`keep-modified`) otherwise.
 *
 * - `prune: false` leaves such files alone (a single file written into a folder of others);
 *   `force: true` replaces existing user-owned and non-generated files too (the user asked for it).
 *
 * Every path is validated before anything is read or written; problems throw `OutputPathError`.
 * Then every file is decided, and (in write mode) those that change are written, several at a
 * time. Real I/O errors (EACCES, ENOSPC, ...) propagate; each write is atomic, so no file is ever
 * left half written.
 */
export interface WriteOptions {
  mode: WriteMode;
  cwd?: string;
  /** Remove generated files under outDir that `files` no longer holds (default true). */
  prune?: boolean;
  /** Replace existing files whatever their ownership (default false). */
  force?: boolean;
}

export async function writeOutputs(outDir: string, files: OutputFile[], options: WriteOptions): Promise<WriteReport> {
  const { mode, prune = true, force = false } = options;
  if (!MODES.includes(mode)) throw new TypeError(`writeOutputs: unknown mode ${JSON.stringify(mode)}`);
  if (typeof outDir !== 'string' || outDir.trim() === '') throw new OutputPathError('the output folder is empty');
  if (outDir.includes('\0')) throw new OutputPathError(`the output folder ${JSON.stringify(outDir)} contains a NUL character`);
  const outDirAbs = path.resolve(options.cwd ?? process.cwd(), outDir);

  const outputs = validateFiles(files);
  const realOutDir = resolveOutDir(outDir, outDirAbs);

  // The disk side of every path, before anything is read or written.
  const seenDirs = new Map<string, string | undefined>();
  const targets = outputs.map((file) => {
    checkParents(outDirAbs, realOutDir, file.path, seenDirs);
    const target = path.join(outDirAbs, ...file.path.split('/'));
    const stats = realOutDir === undefined ? undefined : lstatOrUndefined(target);
    if (stats && (file.ownership === 'generated' || force)) {
      if (stats.isSymbolicLink()) throw new OutputPathError(`cannot write ${JSON.stringify(file.path)}: it is a symbolic link`);
      if (!stats.isFile()) throw new OutputPathError(`cannot write ${JSON.stringify(file.path)}: it exists and is not a regular file`);
    }
    return { file, target, exists: stats !== undefined };
  });
  const withDiffs = mode !== 'write';
  const changes: FileChange[] = [];
  // Stale files are found before the run writes anything: every action reflects the disk as it was.
  const removals = realOutDir === undefined || !prune ? [] : planStaleFiles(outDirAbs, outputs, changes, withDiffs);

  const writes: Array<[string, string, boolean]> = [];
  for (const { file, target, exists } of targets) {
    const decided = decide(file, target, exists, { withDiffs, force });
    changes.push(decided.change);
    if (decided.content !== undefined && mode === 'write') writes.push([target, decided.content, exists]);
  }
  writeFiles(writes);
  if (mode === 'write') for (const rel of removals) removeAndPrune(outDirAbs, rel);

  changes.sort((a, b) => compareStrings(a.path, b.path));
  return { mode, outDir, changes, upToDate: changes.every((change) => NEEDS_NO_CHANGE.has(change.action)) };
}

/** What to do with one file, from the disk before the run; `content` when it is to be written. */
function decide(
  file: OutputFile,
  target: string,
  exists: boolean,
  { withDiffs, force }: { withDiffs: boolean; force: boolean },
): { change: FileChange; content?: string } {
  if (file.ownership === 'user' && !(exists && force)) {
    if (exists) return { change: { path: file.path, action: 'skip-user-owned', reason: 'user-owned file exists; never overwritten' } };
    return { change: { path: file.path, action: 'create', reason: 'user-owned stub is missing' }, content: resolveContent(file) };
  }
  if (exists && file.sameAsDisk) return { change: { path: file.path, action: 'unchanged' } };
  const content = resolveContent(file);
  if (!exists) {
    const change: FileChange = { path: file.path, action: 'create' };
    if (withDiffs) change.diff = unifiedDiff(file.path, undefined, content);
    return { change, content };
  }
  const existing = readFileSync(target);
  const existingText = existing.toString('utf8');
  if (!isGenerated(existingText) && !force) {
    const from = file.source ? ` to generate it from ${file.source}` : '';
    return {
      change: {
        path: file.path,
        action: 'refuse-not-generated',
        reason: `exists without the "${GENERATED_MARKER}" banner, so tasker-ctl never overwrites it; move or delete it${from}`,
      },
    };
  }
  if (existing.equals(Buffer.from(content, 'utf8'))) return { change: { path: file.path, action: 'unchanged' } };
  const change: FileChange = { path: file.path, action: 'update' };
  if (verifyChecksum(existingText) === 'mismatch') change.reason = 'had been edited by hand; regenerating overwrites the edits';
  if (withDiffs) change.diff = unifiedDiff(file.path, existingText, content);
  return { change, content };
}

/** A file's text, made now if it was deferred; the content contract holds for deferred text too. */
function resolveContent(file: OutputFile): string {
  if (typeof file.content === 'string') return file.content;
  const made = file.content();
  if (typeof made !== 'string') throw new TypeError(`writeOutputs: ${JSON.stringify(file.path)} has no string content`);
  return checkedContent(file, made);
}

function checkedContent(file: OutputFile, text: string): string {
  const content = text.includes('\r') ? text.replace(/\r\n/g, '\n') : text;
  // Without the banner the next run would mistake our own output for a user's file.
  if (file.ownership === 'generated' && !isGenerated(content))
    throw new TypeError(`writeOutputs: generated output ${JSON.stringify(file.path)} does not start with the "${GENERATED_MARKER}" banner`);
  return content;
}

/** Syntax, duplicates, file/folder conflicts and content contract, for all files before any I/O. */
function validateFiles(files: OutputFile[]): OutputFile[] {
  if (!Array.isArray(files)) throw new TypeError('writeOutputs: files must be an array');
  const problems: string[] = [];
  const byKey = new Map<string, OutputFile>();
  const outputs: OutputFile[] = [];
  for (const file of files) {
    const from = file?.source ? ` (from ${file.source})` : '';
    const problem = validateOutputPath(file?.path);
    if (problem) {
      problems.push(`invalid output path: ${problem}${from}`);
      continue;
    }
    const key = collisionKey(file.path);
    const other = byKey.get(key);
    if (other) {
      problems.push(
        other.path === file.path
          ? `duplicate output path ${JSON.stringify(file.path)}${from}`
          : `output paths ${JSON.stringify(other.path)} and ${JSON.stringify(file.path)} differ only in case or Unicode normalisation and would collide on macOS and Windows${from}`,
      );
      continue;
    }
    byKey.set(key, file);
    outputs.push(file);
  }
  // A file cannot also be a folder holding another output ("a.ts" and "a.ts/b.ts").
  for (const file of outputs) {
    const segments = file.path.split('/');
    for (let i = 1; i < segments.length; i++) {
      const prefix = byKey.get(collisionKey(segments.slice(0, i).join('/')));
      if (prefix)
        problems.push(
          `output path ${JSON.stringify(file.path)} needs ${JSON.stringify(prefix.path)} to be a folder, but it is also an output file`,
        );
    }
  }
  if (problems.length > 0) throw new OutputPathError(problems.join('\n'), problems);

  return outputs.map((file) => {
    if (file.ownership !== 'generated' && file.ownership !== 'user')
      throw new TypeError(`writeOutputs: ${JSON.stringify(file.path)} has unknown ownership ${JSON.stringify(file.ownership)}`);
    if (typeof file.content === 'function') return file;
    if (typeof file.content !== 'string') throw new TypeError(`writeOutputs: ${JSON.stringify(file.path)} has no string content`);
    return { ...file, content: checkedContent(file, file.content) };
  });
}

/** Adds `remove`/`keep-modified` changes for generated files not in `outputs`; returns the paths to remove. */
function planStaleFiles(outDirAbs: string, outputs: OutputFile[], changes: FileChange[], withDiffs: boolean): string[] {
  const exact = new Set(outputs.map((file) => file.path));
  const byKey = new Map(outputs.map((file) => [collisionKey(file.path), file.path] as const));
  const removals: string[] = [];
  for (const rel of listCandidateFiles(outDirAbs)) {
    if (exact.has(rel)) continue;
    const candidate = path.join(outDirAbs, ...rel.split('/'));
    const twin = byKey.get(collisionKey(rel));
    // On a case-insensitive file system "Foo.ts" on disk *is* the planned "foo.ts": not stale.
    if (twin !== undefined && sameFile(candidate, path.join(outDirAbs, ...twin.split('/')))) continue;
    if (!startsWithMarker(candidate)) continue;
    let content: string;
    try {
      content = readFileSync(candidate, 'utf8');
    } catch (error) {
      if (isErrno(error, 'ENOENT')) continue;
      throw error;
    }
    const verdict = verifyChecksum(content);
    if (verdict === 'ok') {
      const change: FileChange = { path: rel, action: 'remove', reason: 'generated file is no longer produced by any template' };
      if (withDiffs) change.diff = unifiedDiff(rel, content, undefined);
      changes.push(change);
      removals.push(rel);
    } else {
      changes.push({
        path: rel,
        action: 'keep-modified',
        reason:
          verdict === 'mismatch'
            ? 'no longer generated, but edited since (checksum mismatch); delete it by hand if unused'
            : 'no longer generated, but no @checksum line proves it unmodified; delete it by hand if unused',
      });
    }
  }
  return removals;
}

function sameFile(a: string, b: string): boolean {
  try {
    const sa = statSync(a);
    const sb = statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return false;
    throw error;
  }
}

/** Reads only the first bytes, so a scan of a big folder does not load every large .js file. */
function startsWithMarker(file: string): boolean {
  const marker = Buffer.from(GENERATED_MARKER, 'utf8');
  const head = Buffer.alloc(marker.length);
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return false;
    throw error;
  }
  try {
    let filled = 0;
    while (filled < head.length) {
      const read = readSync(fd, head, filled, head.length - filled, filled);
      if (read === 0) break;
      filled += read;
    }
    return filled === head.length && head.equals(marker);
  } finally {
    closeSync(fd);
  }
}

function removeAndPrune(outDirAbs: string, rel: string): void {
  rmSync(path.join(outDirAbs, ...rel.split('/')), { force: true });
  // Remove folders the removal left empty, up to (not including) outDir.
  const segments = rel.split('/').slice(0, -1);
  while (segments.length > 0) {
    try {
      rmdirSync(path.join(outDirAbs, ...segments));
    } catch (error) {
      if (['ENOTEMPTY', 'EEXIST', 'ENOENT', 'ENOTDIR'].some((code) => isErrno(error, code))) return;
      throw error;
    }
    segments.pop();
  }
}

/** Unified diff with `a/<path>` and `b/<path>` headers; `/dev/null` stands for a missing side, as in git. */
export function unifiedDiff(rel: string, oldText: string | undefined, newText: string | undefined): string {
  return createTwoFilesPatch(
    oldText === undefined ? '/dev/null' : `a/${rel}`,
    newText === undefined ? '/dev/null' : `b/${rel}`,
    oldText ?? '',
    newText ?? '',
    undefined,
    undefined,
    { headerOptions: FILE_HEADERS_ONLY },
  );
}
