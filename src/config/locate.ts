/**
 * Where a key sits in a TOML text. smol-toml gives positions for syntax errors
 * only; for errors in values (a wrong type, an unknown rule code) this scanner
 * finds the line and column of the key, following table headers
 * (`[a.b]`, `[[a.b]]` with its index), dotted keys (`a.b = …`) and inline
 * tables (`severities = { "x" = "off" }`). It falls back to the closest
 * enclosing key or table found, then to line 1.
 */

export interface TomlPosition {
  line: number;
  column: number;
}

type Segment = string | number;

/** Position of the key at `path` (e.g. `['codegen', 'overrides', 1, 'severities', 'unknown-kee']`). */
export function locateKey(text: string, path: readonly Segment[]): TomlPosition {
  const lines = text.split(/\r?\n/);
  const arrayCounts = new Map<string, number>();
  let table: Segment[] = [];
  let best: { length: number; position: TomlPosition } = { length: 0, position: { line: 1, column: 1 } };
  let inMultiline: string | undefined;

  const consider = (keyPath: Segment[], position: TomlPosition, rest?: { line: string; from: number }): void => {
    const shared = sharedPrefix(keyPath, path);
    if (shared !== keyPath.length) return; // not on the way to `path`
    let length = shared;
    let where = position;
    // An inline table or array on this line may hold the rest of the path.
    if (rest && shared < path.length) {
      let from = rest.from;
      for (const segment of path.slice(shared)) {
        if (typeof segment === 'number') break;
        const found = findKeyInLine(rest.line, segment, from);
        if (found < 0) break;
        length++;
        where = { line: position.line, column: found + 1 };
        from = found + 1;
      }
    }
    if (length > best.length) best = { length, position: where };
  };

  lines.forEach((raw, index) => {
    const lineNumber = index + 1;
    if (inMultiline) {
      if (raw.includes(inMultiline)) inMultiline = undefined;
      return;
    }
    const line = raw;
    const trimmed = line.trimStart();
    const indent = line.length - trimmed.length;
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const header = /^(\[\[?)\s*([^\]]+?)\s*\]\]?/.exec(trimmed);
    if (header) {
      const keys = splitKey(header[2]!);
      if (header[1] === '[[') {
        const name = keys.join('.');
        const count = arrayCounts.get(name) ?? 0;
        arrayCounts.set(name, count + 1);
        table = [...keys, count];
      } else {
        table = keys;
      }
      consider(table, { line: lineNumber, column: indent + 1 });
      return;
    }
    const assignment = /^((?:"(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)(?:\s*\.\s*(?:"(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+))*)\s*=/.exec(
      trimmed,
    );
    if (!assignment) return;
    const keyPath = [...table, ...splitKey(assignment[1]!)];
    consider(keyPath, { line: lineNumber, column: indent + 1 }, { line, from: indent + assignment[0].length });
    const value = trimmed.slice(assignment[0].length);
    for (const quote of ['"""', "'''"]) {
      const start = value.indexOf(quote);
      if (start >= 0 && value.indexOf(quote, start + 3) < 0) inMultiline = quote;
    }
  });
  return best.position;
}

function sharedPrefix(a: readonly Segment[], b: readonly Segment[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** `a."b.c".d` → ['a', 'b.c', 'd']. */
function splitKey(text: string): string[] {
  const out: string[] = [];
  const pattern = /\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*(?:\.|$)/gy;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) !== null && match[0] !== '') {
    out.push(match[1] !== undefined ? unescapeBasic(match[1]) : (match[2] ?? match[3] ?? ''));
    if (pattern.lastIndex >= text.length) break;
  }
  return out;
}

function unescapeBasic(text: string): string {
  try {
    return JSON.parse(`"${text}"`) as string;
  } catch {
    return text;
  }
}

/** Column (0-based) of `key` used as a key (`key =`, `"key" =`) in `line` from `from`, or -1. */
function findKeyInLine(line: string, key: string, from: number): number {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(?:"${escaped}"|'${escaped}'|(?<![A-Za-z0-9_-])${escaped}(?![A-Za-z0-9_-]))\\s*=`, 'g');
  pattern.lastIndex = from;
  const match = pattern.exec(line);
  return match ? match.index : -1;
}
