/**
 * Deterministic names for generated TypeScript: type names, identifiers and
 * file paths. Every function here is pure; names that collide are made
 * distinct by `resolveNames`, by a rule that depends on the colliding names alone.
 */

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'import in instanceof new null return super switch this throw true try typeof var void while with implements interface ' +
    'let package private protected public static yield await async of any boolean number string symbol never unknown object ' +
    'undefined arguments eval type declare namespace module require constructor'
  ).split(' '),
);

/**
 * Remembers a pure string function's answers: a project names the same steps,
 * properties and templates over and over (ten thousand steps, many times each).
 * Cleared when large, so a long-lived process does not grow without bound.
 */
function remembered(fn: (text: string) => string): (text: string) => string {
  const known = new Map<string, string>();
  return (text) => {
    let answer = known.get(text);
    if (answer === undefined) {
      if (known.size >= 100_000) known.clear();
      known.set(text, (answer = fn(text)));
    }
    return answer;
  };
}

/** Splits `validate_cart`, `ValidateCart`, `validate-cart.v2`, `HTTPServer` into lower-case words. */
export function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

const capitalize = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);

export const pascalCase = remembered((text) => words(text).map(capitalize).join(''));

export const camelCase = remembered((text) => {
  const [first = '', ...rest] = words(text);
  return first + rest.map(capitalize).join('');
});

export function snakeCase(text: string): string {
  return words(text).join('_');
}

export function kebabCase(text: string): string {
  return words(text).join('-');
}

/**
 * Joined name parts made a valid type name: never starting with a digit, never
 * empty, and spelt as json-schema-to-typescript spells a title (a letter after
 * a digit is upper case, `_` is never followed by a lower-case letter), so the
 * name it declares is the one the other generated code refers to.
 */
export function typeStyle(name: string): string {
  if (name === '') return 'Unnamed';
  const safe = name
    .replace(/_([a-z])/g, (_, letter: string) => `_${letter.toUpperCase()}`)
    .replace(/([0-9]+)([a-z])/g, (_, digits: string, letter: string) => digits + letter.toUpperCase());
  return /^[0-9]/.test(safe) ? `T${safe}` : safe;
}

/** A valid, non-reserved camelCase identifier for a value or parameter. */
export function identifier(text: string, fallback = 'value'): string {
  return identifierStyle(camelCase(text), fallback);
}

/** Joined name parts made a valid, non-reserved value identifier: `FetchData` → `fetchData`, `Class` → `classValue`. */
export function identifierStyle(name: string, fallback = 'value'): string {
  let out = name === '' ? fallback : name.charAt(0).toLowerCase() + name.slice(1);
  if (/^[0-9]/.test(out)) out = `_${out}`;
  if (RESERVED.has(out)) out = `${out}Value`;
  return out;
}

/** English singular of a property name, for array item types (`validated_items` → `validated_item`). */
export function singular(text: string): string {
  if (/ies$/i.test(text)) return `${text.slice(0, -3)}y`;
  if (/(ss|x|z|ch|sh)es$/i.test(text)) return text.slice(0, -2);
  if (/[^s]s$/i.test(text)) return text.slice(0, -1);
  return `${text}_item`;
}

/** Longest file-name segment kept as it is: with `.test.ts` and a temp file's affixes it stays far below the 255-byte limit of file systems. */
const MAX_SEGMENT = 80;

/**
 * A safe file-name segment: snake_case ASCII, never empty, never `.`/`..`.
 * A longer one keeps a readable prefix and ends in a hash of the whole text.
 */
export function fileSegment(text: string): string {
  const name = snakeCase(text);
  if (name === '') return '_';
  return name.length > MAX_SEGMENT ? `${name.slice(0, MAX_SEGMENT - 9)}_${shortHash(text)}` : name;
}

/** Splits a callable into path segments: `Ecommerce::StepHandlers::X`, `a.b.c`, `a/b`. */
export function callableSegments(callable: string): string[] {
  const segments = callable
    .split(/::|[./\\#:]/)
    .filter((s) => words(s).length > 0)
    .map(fileSegment);
  return segments.length > 0 ? segments : ['_'];
}

/** A short, stable hash for disambiguating names (FNV-1a, hex). */
export function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0').slice(0, 6);
}

/** A string literal that is safe to paste into TypeScript source. */
export function stringLiteral(value: string): string {
  return `'${value
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/\r/g, '\\r')
    .replace(/\n/g, '\\n')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
    .replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}'`;
}

/** A property key: bare when it is a valid identifier, quoted otherwise. */
export function propertyKey(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : stringLiteral(key);
}

/** Text for a JSDoc comment: nothing in it can close the comment. */
export function jsdocText(text: string): string {
  return text.replace(/\*\//g, '*\\/').replace(/\r\n?/g, '\n');
}

function separatorParts(parts: readonly string[]): string {
  return parts
    .map((part) =>
      part
        .replace(/[^A-Za-z0-9]/g, '_')
        .replace(/(^|_)([a-z])/g, (_, separator: string, letter: string) => separator + letter.toUpperCase()),
    )
    .join('');
}

/** One name to give: its parts and a key that tells it from every other request of its scope. */
export interface NameRequest {
  parts: readonly string[];
  /** Distinguishes requests whose parts are equal (a property `Item1` and the first tuple item, say). */
  key: string;
}

export interface NameCollision {
  /** The requests (by index) that wanted one name, and that name. */
  members: number[];
  wanted: string;
}

/**
 * Gives every request a distinct type name, deterministically. A name that
 * collides (with another request or with `reserved`) is given again, for every
 * request that wanted it, by a stricter rule: first keeping the parts'
 * separators (`Fetch_Data` vs `Fetch__Data`), then adding a hash of the
 * request. So a name depends on the colliding names alone: adding an unrelated
 * step or property renames nothing. `unresolved` lists requests that still
 * collide (none in practice: two requests would need the same parts and key).
 */
export function resolveNames(
  requests: readonly NameRequest[],
  reserved: Iterable<string>,
  style: (joined: string) => string = typeStyle,
): { names: string[]; collisions: NameCollision[]; unresolved: number[] } {
  const plain = (r: NameRequest) => r.parts.map(pascalCase).join('');
  const rules = [
    (r: NameRequest) => style(plain(r)),
    (r: NameRequest) => style(separatorParts(r.parts)),
    (r: NameRequest) => style(`${plain(r)}_${shortHash(`${r.parts.join('\u0000')}\u0001${r.key}`).toUpperCase()}`),
  ];
  const taken = new Set(reserved);
  const names = requests.map(rules[0]!);
  const colliding = (indexes: readonly number[]): number[] => {
    const count = new Map<string, number>();
    for (const name of names) count.set(name, (count.get(name) ?? 0) + 1);
    return indexes.filter((i) => taken.has(names[i]!) || count.get(names[i]!)! > 1);
  };
  let pending = colliding(names.map((_, i) => i));
  const groups = new Map<string, number[]>();
  for (const i of pending) groups.set(names[i]!, [...(groups.get(names[i]!) ?? []), i]);
  const collisions = [...groups].map(([wanted, members]) => ({ wanted, members }));
  for (const rule of rules.slice(1)) {
    if (pending.length === 0) break;
    for (const i of pending) names[i] = rule(requests[i]!);
    pending = colliding(pending);
  }
  return { names, collisions, unresolved: pending };
}

/** A key in an object literal (a value, not a type): `__proto__` is computed, so it stays an own property. */
export function objectKey(key: string): string {
  return key === '__proto__' ? `[${stringLiteral(key)}]` : propertyKey(key);
}

/**
 * Files whose paths would collide (names that differ only in case or
 * punctuation) get a hash of what they are made from at the end of the name,
 * each of them: a rule that depends on the colliding names alone. Returns the
 * groups it separated; items of one identity (the same template twice) stay together.
 */
export function separateCollidingPaths<T>(
  items: readonly T[],
  file: { get(item: T): string; set(item: T, path: string): void },
  identity: (item: T) => string,
): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(file.get(item).toLowerCase(), [...(groups.get(file.get(item).toLowerCase()) ?? []), item]);
  const separated = [...groups.values()].filter((group) => new Set(group.map(identity)).size > 1);
  for (const group of separated)
    for (const item of group)
      file.set(
        item,
        file.get(item).replace(/(\.ts)?$/, (ext) => `_${shortHash(identity(item))}${ext}`),
      );
  return separated;
}
