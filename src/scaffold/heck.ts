/**
 * Case conversion as the Rust tasker-ctl does it (the `heck` crate, which its
 * Tera filters use), so a plugin renders the same names with either tool:
 * words split on every non-alphanumeric character, at a lower→upper change,
 * and before the last capital of a run followed by a lowercase letter
 * (`XMLHttpRequest` → xml, http, request). Digits join the word they touch.
 */

const LOWER = /\p{Lowercase}/u;
const UPPER = /\p{Uppercase}/u;
const ALPHANUMERIC = /[\p{Alphabetic}\p{N}]/u;

/** The words of `text`, in heck's sense. */
export function words(text: string): string[] {
  const out: string[] = [];
  let word = '';
  const flush = () => {
    if (word !== '') out.push(word);
    word = '';
  };
  for (const part of splitNonAlphanumeric(text)) {
    const chars = [...part];
    // The case of the last cased character of the current word.
    type Mode = 'boundary' | 'lower' | 'upper';
    let mode: Mode = 'boundary';
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      const next = chars[i + 1];
      if (next === undefined) {
        word += c;
        break;
      }
      const nextMode: Mode = LOWER.test(c) ? 'lower' : UPPER.test(c) ? 'upper' : mode;
      if (nextMode === 'lower' && UPPER.test(next)) {
        word += c;
        flush();
        mode = 'boundary';
      } else if (mode === 'upper' && UPPER.test(c) && LOWER.test(next)) {
        flush();
        word = c;
        mode = 'boundary';
      } else {
        word += c;
        mode = nextMode;
      }
    }
    flush();
  }
  return out;
}

function splitNonAlphanumeric(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (const c of text) {
    if (ALPHANUMERIC.test(c)) current += c;
    else {
      parts.push(current);
      current = '';
    }
  }
  parts.push(current);
  return parts.filter((p) => p !== '');
}

/** heck's lowercase, which turns a final Σ into ς as Rust's `to_lowercase` does. */
function lower(word: string): string {
  return word.toLowerCase();
}

function capitalized(word: string): string {
  const [first = '', ...rest] = [...word];
  return `${first.toUpperCase()}${lower(rest.join(''))}`;
}

export const snakeCase = (text: string): string => words(text).map(lower).join('_');
export const kebabCase = (text: string): string => words(text).map(lower).join('-');
export const pascalCase = (text: string): string => words(text).map(capitalized).join('');
export const camelCase = (text: string): string =>
  words(text)
    .map((w, i) => (i === 0 ? lower(w) : capitalized(w)))
    .join('');
