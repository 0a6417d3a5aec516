/**
 * Glob matching for per-path severities and template path patterns, with
 * picomatch: `**` any number of path segments, `*` any run of characters
 * within one, `?` one character, `{a,b}` either alternative; dot files match.
 * A pattern without a glob character also matches everything below it
 * (`legacy` matches `legacy/x.yaml`), as a folder name would. Paths and
 * patterns use `/`.
 */
import picomatch from 'picomatch';

const cache = new Map<string, RegExp>();

export function globToRegExp(pattern: string): RegExp {
  let regexp = cache.get(pattern);
  if (!regexp) {
    const normalized = normalizePattern(pattern);
    // Only `*`, `?` and `{…}` are glob syntax here: brackets, parentheses and the extglob characters are literal.
    regexp = /[*?{]/.test(normalized)
      ? picomatch.makeRe(normalized.replace(/[()[\]+!@]/g, '\\$&'), { dot: true })
      : new RegExp(`^${escapeRegExp(normalized)}(?:/.*)?$`);
    cache.set(pattern, regexp);
  }
  return regexp;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function normalizePattern(pattern: string): string {
  let p = pattern.replace(/\\/g, '/');
  while (p.startsWith('./')) p = p.slice(2);
  if (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  return p;
}

/** True when `file` (relative, `/`-separated) matches any of the patterns. */
export function matchesAny(file: string, patterns: readonly string[]): boolean {
  const normalized = file.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '');
  return patterns.some((p) => globToRegExp(p).test(normalized));
}
