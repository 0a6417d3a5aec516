/** Public types of the write stage. */

/** `generated`: owned by tasker-ctl, always rewritten. `user`: a stub created once, then owned by the user. */
export type Ownership = 'generated' | 'user';

export interface OutputFile {
  /** Relative to outDir, '/'-separated, no `.`/`..`/empty segments. */
  path: string;
  /**
   * The file's text, or a function that makes it when it is needed: a
   * user-owned file's is called only when the file has to be created, so
   * existing stubs cost nothing.
   */
  content: string | (() => string);
  ownership: Ownership;
  /**
   * The caller read this (generated) file during this run and `content` is its
   * text exactly (see OutputCache): when it still exists, it is `unchanged` without being read again.
   */
  sameAsDisk?: boolean;
  /** Template file it came from, for messages. */
  source?: string;
}

/** `write` changes files; `check` and `dry-run` only read and report. */
export type WriteMode = 'write' | 'check' | 'dry-run';

export type FileAction = 'create' | 'update' | 'unchanged' | 'skip-user-owned' | 'remove' | 'keep-modified' | 'refuse-not-generated';

export interface FileChange {
  /** Relative to outDir, '/'-separated. */
  path: string;
  /**
   * What was done (write mode) or would be done (check, dry-run). In every mode the action is
   * computed from the state of the disk before the run.
   */
  action: FileAction;
  reason?: string;
  /**
   * Unified diff (`a/<path>` → `b/<path>`, `/dev/null` for a missing or removed file). Only in
   * check and dry-run mode, only for generated files that would be created, updated or removed.
   */
  diff?: string;
}

export interface WriteReport {
  mode: WriteMode;
  /** The outDir as passed by the caller (not resolved), for messages. */
  outDir: string;
  /** Sorted by path (code-unit order, locale independent). */
  changes: FileChange[];
  /**
   * True when nothing needed to change before this run and nothing was refused: every action is
   * `unchanged`, `skip-user-owned` or `keep-modified`. In check mode this is the CI verdict (every
   * generated file present and identical, no stale generated file to remove, no missing user stub).
   * `refuse-not-generated` makes it false in every mode; callers should treat it as an error.
   */
  upToDate: boolean;
}
