import { describe, expect, it } from 'vitest';
import { globToRegExp, matchesAny } from '../../src/shared/glob.js';

describe('glob matching for per-path severities', () => {
  it.each([
    ['legacy/**', 'legacy/a.yaml', true],
    ['legacy/**', 'legacy/deep/er/a.yaml', true],
    ['legacy/**', 'legacyx/a.yaml', false],
    ['legacy', 'legacy/a.yaml', true],
    ['legacy/', 'legacy/deep/a.yaml', true],
    ['legacy', 'legacy', true],
    ['./legacy/*.yaml', 'legacy/a.yaml', true],
    ['legacy/*.yaml', 'legacy/deep/a.yaml', false],
    ['**/*.yaml', 'a.yaml', true],
    ['**/*.yaml', 'x/y/a.yaml', true],
    ['**/*.yaml', 'x/y/a.yml', false],
    ['config/**/orders.yaml', 'config/orders.yaml', true],
    ['config/**/orders.yaml', 'config/a/b/orders.yaml', true],
    ['*.{yaml,yml}', 'a.yml', true],
    ['*.{yaml,yml}', 'a.json', false],
    ['file?.yaml', 'file1.yaml', true],
    ['file?.yaml', 'file12.yaml', false],
    ['a.b', 'aXb', false],
    ['src/(x)/a+b.ts', 'src/(x)/a+b.ts', true],
  ])('%s matches %s: %s', (pattern, file, expected) => {
    expect(matchesAny(file, [pattern])).toBe(expected);
  });

  it('normalises ./ and backslashes in files', () => {
    expect(matchesAny('./legacy/a.yaml', ['legacy/**'])).toBe(true);
    expect(matchesAny('legacy\\a.yaml', ['legacy/**'])).toBe(true);
  });

  it('caches compiled patterns', () => {
    expect(globToRegExp('x/**')).toBe(globToRegExp('x/**'));
  });
});
