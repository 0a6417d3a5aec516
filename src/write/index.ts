/** The write stage of `tasker-ctl generate`: ownership, atomic writes, check mode and dry-run. */

export { bannerFor, isGenerated, verifyChecksum, withChecksum } from './banner.js';
export { OutputPathError } from './paths.js';
export type { FileAction, FileChange, OutputFile, Ownership, WriteMode, WriteReport } from './types.js';
export { type WriteOptions, writeOutputs } from './write.js';
