/** The write stage of `tasker-ctl generate`: ownership, atomic writes, check mode and dry-run. */
export type { FileAction, FileChange, OutputFile, Ownership, WriteMode, WriteReport } from './types.js';
export { bannerFor, isGenerated, verifyChecksum, withChecksum } from './banner.js';
export { OutputPathError } from './paths.js';
export { writeOutputs } from './write.js';
export { formatWriteReport } from './format.js';
