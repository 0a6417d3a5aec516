import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODES } from '../../src/diagnostics/codes.js';
import { REPO_ROOT } from '../helpers.js';

describe('docs/diagnostics.md', () => {
  const doc = readFileSync(path.join(REPO_ROOT, 'docs/diagnostics.md'), 'utf8');
  it.each(Object.entries(CODES))('documents %s with its default severity', (code, info) => {
    expect(doc).toContain(`| \`${code}\` | ${info.severity} |`);
  });
});
