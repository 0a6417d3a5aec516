/** The codes the loader reports while reading files. */
import { codeTable } from '../model/codes.js';

export const LOAD_CODES = codeTable('file', {
  'yaml-syntax': { severity: 'error', summary: 'The file is not valid YAML.' },
  'duplicate-key': { severity: 'error', summary: 'A mapping has the same key twice.' },
  'yaml-alias-limit': { severity: 'error', summary: 'YAML aliases expand past the safety limit (alias-expansion bomb).' },
  'file-too-large': { severity: 'error', summary: 'The file is larger than the size limit.' },
  'binary-file': { severity: 'error', summary: 'The file is binary or not UTF-8 text.' },
  'empty-file': { severity: 'error', summary: 'The file holds no template.' },
  'root-not-mapping': { severity: 'error', summary: 'A template document is not a mapping.' },
  'unreadable-file': { severity: 'error', summary: 'The file could not be read.' },
});
