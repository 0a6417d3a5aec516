/**
 * The loader reads YAML in one pass over js-yaml's events (src/load/parse.ts).
 * Regression tests against a second library: for every file both accept, the
 * values are the `yaml` package's, and every recorded pointer starts where the
 * `yaml` package's node starts. Checked on the corpus, the fixtures, edge cases
 * (anchors, merge keys, tags, duplicates, several documents, CRLF…) and mutated
 * copies of the corpus.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Document, isAlias, isNode, isPair, isScalar, type Pair, parseAllDocuments } from 'yaml';
import { DEFAULT_PARSE_LIMITS, parseSource, resolvePlain } from '../../src/load/parse.js';
import { CORPUS_DIR, HAS_CORPUS, REPO_ROOT } from '../helpers.js';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

/** The other library's documents, when it reads the text without errors (empty documents left out, as the loader does). */
function reference(text: string): Document.Parsed[] | undefined {
  const docs = parseAllDocuments(text, { uniqueKeys: false, merge: true });
  if (!Array.isArray(docs) || docs.some((d) => d.errors.length > 0)) return undefined;
  return docs.filter(
    (d) =>
      !(
        d.contents === null ||
        (isNode(d.contents) && 'value' in d.contents && d.contents.value === null && d.contents.range?.[0] === d.contents.range?.[1])
      ),
  );
}

/** JSON as the loader makes it: non-finite numbers by name. */
function json(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_key, v: unknown) =>
      typeof v === 'number' && !Number.isFinite(v) ? String(v) : v instanceof Date ? v.toISOString() : v,
    ),
  );
}

/** Segments of a JSON pointer, numbers for sequence indexes where the node is a sequence. */
function segments(pointer: string): string[] {
  return pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Compares a text's documents with the other library's; returns whether the comparison ran (both accept it). */
function expectSameAsYamlPackage(text: string, name: string): boolean {
  const docs = reference(text);
  const parsed = parseSource(text, name, `/${name}`, DEFAULT_PARSE_LIMITS);
  if (!docs || parsed.diagnostics.some((d) => d.code !== 'duplicate-key')) return false;
  expect(
    parsed.documents.map((d) => d.value),
    name,
  ).toEqual(docs.map((d) => json(d.toJS({ maxAliasCount: -1 }))));
  // With a duplicate key the two keep different occurrences' places: values only.
  if (parsed.diagnostics.length > 0) return true;
  parsed.documents.forEach((doc, index) => {
    const other = docs[index]!;
    for (const [pointer, ranges] of doc.source.entries()) {
      let node: unknown = other.contents;
      let keyNode: unknown;
      for (const segment of segments(pointer)) {
        if (!isNode(node) || isAlias(node) || !('items' in node)) {
          node = undefined;
          break;
        }
        const items = node.items as unknown[];
        const pair = items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value ?? '') === segment) as
          | Pair
          | undefined;
        keyNode = pair?.key;
        node = pair ? pair.value : isPair(items[0]) ? undefined : items[Number(segment)];
      }
      if (!isNode(node) || isAlias(node) || !node.range) continue;
      expect(ranges.value.start, `${name} ${pointer}`).toBe(node.range[0]);
      if (ranges.key && isNode(keyNode) && keyNode.range) expect(ranges.key.start, `${name} ${pointer} (key)`).toBe(keyNode.range[0]);
    }
  });
  return true;
}
/** Deterministic edits that keep a template valid YAML: CRLF, comments and blank lines anywhere. */
function mutations(text: string, seed: number): string[] {
  let state = seed;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % n;
  };
  const out = [text.replace(/\n/g, '\r\n'), text.trimEnd(), `---\n${text}\n...\n---\n${text}`];
  for (let variant = 0; variant < 3; variant++) {
    const lines = text.split('\n');
    for (let n = 0; n < 6; n++) {
      const at = next(lines.length);
      const kind = next(4);
      if (kind === 0) lines.splice(at, 0, `${' '.repeat(next(12))}# inserted comment`);
      else if (kind === 1) lines.splice(at, 0, '');
      else if (kind === 2) lines[at] = `${lines[at]}   `;
      else lines.splice(at, 0, `${' '.repeat(next(12))}# c`, ' '.repeat(next(12)));
    }
    out.push(lines.join('\n'));
  }
  return out;
}

const EDGE_CASES: Record<string, string> = {
  scalars: [
    'ints: [0, -1, +5, 007, 0o17, 0x1F, 12345678901234567890, 0b101, 1_000, 0o8]',
    'floats: [1.0, 1.50, -0.5, .5, 5., 1e3, 1E-3, +1.5e+3, .inf, -.Inf, .nan, 1.2.3, 1e]',
    'nulls: [~, null, Null, NULL, nUll, \'\', "", ]',
    'bools: [true, True, TRUE, false, FALSE, yes, no, on, tRue]',
    "strings: ['it''s', \"tab\\t \\u00e9 \\x41\", plain with spaces, 'multi\n  line', \"esc \\\n  continued\"]",
    '"quoted key": 1',
    "'single key': 2",
    '1: int key',
    '1.50: float key',
    'true: bool key',
    '~: null key',
    '0x10: hex key',
    'url: http://example.com/a#b',
    'empty_after:',
    'next: [a, b,\n  c, {d: e,\n  f: g}]   # trailing',
    'nested: [[1, [2, [3]]], {a: {b: {c: []}}}, {}]',
    'keep: |+\n  kept\n',
    'strip: >-\n  folded\n  text\n\n  para',
    'indented: |2\n    more\n  base',
    'plain: first\n  second',
    'seq:\n- a\n- b:\n    c\n- - x\n  - y\n-   spaced',
    'in_seq:\n  - k: 1\n    l:\n      - 2\n  -\n    m: 4',
    'unicode: "héllo ✓ 日本"',
    '',
  ].join('\n'),
  trailingComments: 'a:\n  b:\n    c: 1\n    # same depth\n  d:\n    - 1\n    # t\n  e: 2\n  # end of a\nf: 1\n# end\n',
  crlf: 'a: 1\r\nb:\r\n  - x\r\n  - "y"\r\n  # c\r\nc: |\r\n  block\r\nd: [1,\r\n  2]\r\n',
  documents: '--- \n# only comments\n...\n---\nname: a\n---\n---\nname: b\n',
  noFinalLineBreak: 'x: [1, 2]  ',
};

/** Forms a template rarely has, read the same way by both. */
const RARE_FORMS: Record<string, string> = {
  anchors: 'a: &x 1\nb: *x\nc: &m {k: [1, 2]}\nd: *m\n',
  merge: 'base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\nn:\n  <<: [*b, {z: 4}]\n',
  tags: 'a: !!str 1\nb: !!int "2"\nc: ! 3\nd: !!float 1.5\n',
  duplicateKey: 'a: 1\na: 2\n',
  emptyKey: ': x\n',
  directive: '%YAML 1.2\n---\na: 1\n',
  deeperComment: 'a:\n  b: 1\n      # deeper than b\n',
  tabInFlow: 'steps: [ a,\tb ]\n',
};

describe('the YAML reading path', () => {
  const corpus = HAS_CORPUS ? yamlFiles(CORPUS_DIR) : [];
  const fixtures = yamlFiles(path.join(REPO_ROOT, 'fixtures'));

  it('reads the corpus and the fixtures as the yaml package does (values and node starts)', () => {
    const compared = [...corpus, ...fixtures].filter((file) =>
      expectSameAsYamlPackage(readFileSync(file, 'utf8'), path.relative(REPO_ROOT, file)),
    );
    expect(compared.length).toBeGreaterThan(corpus.length + fixtures.length * 0.8);
  });

  it('reads edge cases and rare forms as the yaml package does', () => {
    for (const [name, text] of Object.entries({ ...EDGE_CASES, ...RARE_FORMS })) {
      if (name === 'duplicateKey') continue;
      expect(expectSameAsYamlPackage(text, `${name}.yaml`), name).toBe(true);
    }
  });

  it('a duplicate key is reported at the second key, and the last value is kept', () => {
    const parsed = parseSource(RARE_FORMS.duplicateKey!, 'd.yaml', '/d.yaml');
    expect(parsed.diagnostics.map((d) => [d.code, d.line, d.column, d.pointer])).toEqual([['duplicate-key', 2, 1, '/a']]);
    expect(parsed.documents[0]!.value).toEqual({ a: 2 });
  });

  it.skipIf(!HAS_CORPUS)(
    'reads mutated corpus templates (line breaks, comments, blank lines) as the yaml package does [needs ../shared/corpus]',
    () => {
      let compared = 0;
      corpus.forEach((file, i) => {
        for (const [j, text] of mutations(readFileSync(file, 'utf8'), i + 1).entries())
          if (expectSameAsYamlPackage(text, `mutated-${i}-${j}.yaml`)) compared++;
      });
      expect(compared).toBeGreaterThan(corpus.length * 5);
    },
  );

  it('resolves plain scalars by the YAML 1.2 core schema', () => {
    expect(
      ['~', 'null', '', 'true', 'False', 'yes', '0o17', '017', '0x1f', '-12', '1.50', '1e3', '.inf', '-.Inf', '.nan', '1_000', '0b1'].map(
        resolvePlain,
      ),
    ).toEqual([null, null, null, true, false, 'yes', 15, 17, 31, -12, 1.5, 1000, 'Infinity', '-Infinity', 'NaN', '1_000', '0b1']);
  });
});
