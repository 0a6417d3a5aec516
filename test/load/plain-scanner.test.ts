/**
 * The plain scanner gives js-yaml's events, event for event, for every file it
 * reads, and reads nothing js-yaml rejects. Checked on the corpus, the fixtures,
 * edge cases, and thousands of randomly damaged copies of them.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { EVENT_ID, getScalarValue, parseEvents, type Event } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { scanPlainEvents } from '../../src/load/plain-scanner.js';
import { CORPUS_DIR, HAS_CORPUS, REPO_ROOT } from '../helpers.js';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Events as data; a scalar with its value (the scanner may take the fast path where js-yaml does not). */
function comparable(text: string, events: Event[]): unknown[] {
  return events.map((event) => {
    if (event.type === EVENT_ID.SCALAR) return { ...event, fast: undefined, value: getScalarValue(text, event) };
    if (event.type === EVENT_ID.DOCUMENT) return { ...event, directives: event.directives.length };
    return event;
  });
}

function jsYamlEvents(text: string): Event[] | undefined {
  try {
    return parseEvents(text, { maxDepth: 100 });
  } catch {
    return undefined;
  }
}

/** Whether the scanner read `text`; fails the test when what it read differs from js-yaml. */
function expectSameAsJsYaml(text: string, name: string): boolean {
  const scanned = scanPlainEvents(text, 100);
  if (!scanned) return false;
  const reference = jsYamlEvents(text);
  expect(reference, `${name}: js-yaml rejects what the scanner read`).toBeDefined();
  expect(comparable(text, scanned), name).toEqual(comparable(text, reference!));
  return true;
}

const corpus = HAS_CORPUS ? yamlFiles(CORPUS_DIR) : [];
const fixtures = yamlFiles(path.join(REPO_ROOT, 'fixtures'));

/** Random damage, deterministic by seed: comments, blank lines, trailing text, inserted YAML syntax, deleted characters, CRLF. */
function damaged(text: string, seed: number): string {
  let state = seed;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % n;
  };
  const snippets = [' ', '  ', '\t', '#', ' #c', ':', ': ', '-', '- ', '"', "'", '[', ']', '{', '}', ',', '&a ', '*a', '!t ', '|', '>', '? ', '%', '@', '`', '\n', '\r\n', '\r', '...', '---', 'x', '\\', '"a\\"b"', "'it''s'", ' [a, b]', ' {}', ' []', 'é', ': x: y', '\n  ', '\n    - x', '\u0007'];
  const lines = text.split('\n');
  for (let n = 1 + next(4); n > 0; n--) {
    const at = next(lines.length);
    const kind = next(10);
    if (kind < 2) lines.splice(at, 0, `${' '.repeat(next(10))}# note`);
    else if (kind < 3) lines.splice(at, 0, ' '.repeat(next(6)));
    else if (kind < 4) lines[at] += [' ', '  # trailing', '\t', ' #'][next(4)];
    else {
      const line = lines[at]!;
      const p = next(line.length + 1);
      lines[at] = kind < 7 ? line.slice(0, p) + snippets[next(snippets.length)] + line.slice(p) : line.slice(0, p) + line.slice(p + 1 + next(3));
    }
  }
  const out = lines.join('\n');
  return next(5) === 0 ? out.replace(/\n/g, '\r\n') : out;
}

describe('plain scanner', () => {
  it("gives js-yaml's events for the corpus and the fixtures, and reads nearly every template", () => {
    const read = [...corpus, ...fixtures].filter((file) => expectSameAsJsYaml(readFileSync(file, 'utf8'), file));
    expect(read.filter((file) => corpus.includes(file)).length).toBeGreaterThanOrEqual(corpus.length - 2);
    // Fixtures include deliberately odd YAML, which the scanner leaves to the full parser.
    expect(read.filter((file) => fixtures.includes(file)).length).toBeGreaterThan(fixtures.length * 0.8);
  });

  it("gives js-yaml's events for damaged copies it reads, and reads none js-yaml rejects", () => {
    const sources = [...corpus, ...fixtures].map((file) => readFileSync(file, 'utf8'));
    let read = 0;
    let refusedByBoth = 0;
    for (let seed = 1; seed <= 2500; seed++) {
      const text = damaged(sources[seed % sources.length]!, seed);
      if (expectSameAsJsYaml(text, `damaged copy ${seed}`)) read++;
      else if (jsYamlEvents(text) === undefined) refusedByBoth++;
    }
    // Both outcomes must be well represented for the comparison to mean something.
    expect(read).toBeGreaterThan(1000);
    expect(refusedByBoth).toBeGreaterThan(200);
  });

  it.each([
    ['CRLF', 'a: 1\r\nb:\r\n  - x\r\n  - y\r\n'],
    ['quoted keys and values', '"a": \'b\'\n\'c d\': "e \\" f"\nit: \'it\'\'s\'\n'],
    ['flow collections of scalars', 'a: [x, "y", 1]\nb: { k: v, n: 2 }\nc: []\nd: {}\ne: [ ]\n'],
    ['compact and nested sequences', '- - a\n  - b\n- c: 1\n  d: 2\n-   e: 3\n    f: [4]\n'],
    ['a sequence at its key\'s indentation', 'steps:\n- name: a\n  dependencies: []\n- name: b\nnext: 1\n'],
    ['comments everywhere', '# head\na: 1 # one\n  # deeper\nb:\n  # inside\n  c: 2\n# tail\n'],
    ['empty values', 'a:\nb:   \nc: # comment\nd: 1\n'],
    ['separators and tabs', 'a:\tb\nc: d\t# e\n---\n- x\n--- # comment\nf: g\n'],
    ['plain scalars with indicators inside', 'url: http://x.y/z?a=b#frag\nneg: -1\ncolon: :x\nhash: a#b\n'],
  ])('reads %s as js-yaml does', (_, text) => {
    expect(expectSameAsJsYaml(text, text)).toBe(true);
  });

  it.each([
    ['a block scalar', 'a: |\n  text\n'],
    ['a multi-line plain scalar', 'a: one\n  two\n'],
    ['a multi-line quoted scalar', 'a: "one\n  two"\n'],
    ['a quoted scalar continued by an escaped line break', 'a: "one\\\n  two"\n'],
    ['an anchor and an alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a complex key', '? a\n: 1\n'],
    ['a directive', '%YAML 1.2\n---\na: 1\n'],
    ['a document end marker', 'a: 1\n...\n'],
    ['an empty document', '---\n---\na: 1\n'],
    ['nested flow collections', 'a: {x: [1]}\n'],
    ['a multi-line flow collection', 'a: [1,\n  2]\n'],
    ['a tab in indentation', 'a:\n\tb: 1\n'],
    ['a lone carriage return, even in a comment', '# one\rtwo: 1\na: 1\n'],
    ['a non-printable character', 'a: b\u0001\n'],
    ['a byte-order mark', '\ufeffa: 1\n'],
    ['a mapping value after a value', 'a: b: c\n'],
    ['an empty sequence item', '-\n- a\n'],
    ['text after a closing quote', 'a: "b"c\n'],
    ['an empty file', ''],
    ['only comments', '# nothing\n'],
  ])('leaves %s to js-yaml', (_, text) => {
    expect(scanPlainEvents(text, 100)).toBeUndefined();
  });

  it('leaves a document deeper than the limit to js-yaml', () => {
    const deep = Array.from({ length: 12 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' 1\n';
    expect(expectSameAsJsYaml(deep, 'deep')).toBe(true);
    expect(scanPlainEvents(deep, 5)).toBeUndefined();
  });
});
