/** The scaffold API plus the write stage's path error, for tests that expect either. */
export * from '../../src/scaffold/index.js';
export { OutputPathError as OutputPathErrorLike } from '../../src/write/paths.js';
