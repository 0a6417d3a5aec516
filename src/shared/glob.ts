/**
 * A small glob matcher, for per-path severities and template path patterns:
 * `**` matches any number of path segments (including none), `*` any run of
 * characters within a segment, `?` one character, `{a,b}` either alternative.
 * A pattern without a glob character also matches everything below it
 * (`legacy` matches `legacy/x.yaml`). Paths and patterns use `/`.
 */

const cache = new Map<string, RegExp>();

export function globToRegExp(pattern: string): RegExp {
  const cached = cache.get(pattern);
  if (cached) return cached;
  let source = normalizePattern(pattern);
  const literal = !/[*?{]/.test(source);
  let out = '';
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '*') {
      if (source[i + 1] === '*') {
        const atStart = i === 0 || source[i - 1] === '/';
        const atEnd = i + 2 === source.length || source[i + 2] === '/';
        if (atStart && atEnd) {
          // `**/` → zero or more whole segments; a trailing `**` → everything below.
          if (i + 2 === source.length) out += '.*';
          else {
            out += '(?:[^/]*/)*';
            i++; // the slash after `**` is part of the group
          }
          i++;
          continue;
        }
        i++; // `a**b` behaves like `a*b`
      }
      out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '{') {
      depth++;
      out += '(?:';
    } else if (c === '}' && depth > 0) {
      depth--;
      out += ')';
    } else if (c === ',' && depth > 0) out += '|';
    else out += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  source = out;
  const regexp = new RegExp(`^${source}${literal ? '(?:/.*)?' : ''}$`);
  cache.set(pattern, regexp);
  return regexp;
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
