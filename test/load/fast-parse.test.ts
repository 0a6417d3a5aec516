/**
 * The fast path (js-yaml events) reads a plain document exactly as the full
 * parser (`yaml`) does: same values, same diagnostics, same ranges for every
 * pointer in the same order, same line and column. Checked on the corpus, the
 * fixtures, edge cases, and mutated copies of the corpus (line breaks, comments
 * and blank lines at every indentation); and anything it does not take goes to
 * the full parser.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARSE_LIMITS, parseSource, type ParsedFile } from '../../src/load/parse.js';
import { parseFast, resolvePlain } from '../../src/load/fast-parse.js';
import { LineIndex } from '../../src/load/source.js';
import { CORPUS_DIR, HAS_CORPUS, REPO_ROOT } from '../helpers.js';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

function takesFastPath(text: string): boolean {
  return parseFast({ file: 'x.yaml', absolutePath: '/x.yaml', text, lines: new LineIndex(text) }, DEFAULT_PARSE_LIMITS) !== undefined;
}

/** Everything a parse gives, with every range filled and turned into a position. */
function observe(parsed: ParsedFile) {
  return {
    diagnostics: parsed.diagnostics,
    documents: parsed.documents.map((doc) => ({
      index: doc.source.documentIndex,
      value: doc.value,
      ranges: [...doc.source.entries()].map(([pointer, ranges]) => ({ pointer, ranges, position: doc.source.position(pointer, 'node') })),
    })),
  };
}

function expectSameAsFullParser(text: string, name: string): void {
  const full = observe(parseSource(text, name, `/${name}`, DEFAULT_PARSE_LIMITS, { fastPath: false }));
  const fast = observe(parseSource(text, name, `/${name}`, DEFAULT_PARSE_LIMITS));
  expect(fast, name).toEqual(full);
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
    "nulls: [~, null, Null, NULL, nUll, '', \"\", ]",
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

/** Files the full parser must take: it reports them, or reads what the fast path does not. */
const FULL_PARSER_ONLY: Record<string, string> = {
  anchors: 'a: &x 1\nb: *x\n',
  merge: 'base: &b {x: 1}\nm:\n  <<: *b\n',
  tags: 'a: !!str 1\n',
  duplicateKey: 'a: 1\na: 2\n',
  syntaxError: 'a: [1, 2\n',
  emptyKey: ': x\n',
  complexKey: '? [a]\n: b\n',
  directive: '%YAML 1.2\n---\na: 1\n',
  deeperComment: 'a:\n  b: 1\n      # deeper than b\n',
  empty: '# nothing\n',
};

describe('the fast YAML path', () => {
  const corpus = HAS_CORPUS ? yamlFiles(CORPUS_DIR) : [];
  const fixtures = yamlFiles(path.join(REPO_ROOT, 'fixtures'));

  it.skipIf(!HAS_CORPUS)('takes every corpus template [needs ../shared/corpus]', () => {
    expect(corpus.length).toBeGreaterThan(100);
    expect(corpus.filter((file) => !takesFastPath(readFileSync(file, 'utf8')))).toEqual([]);
  });

  it('reads the corpus and the fixtures exactly as the full parser does', () => {
    for (const file of [...corpus, ...fixtures]) expectSameAsFullParser(readFileSync(file, 'utf8'), path.relative(REPO_ROOT, file));
  });

  it('reads edge cases exactly as the full parser does, taking each one', () => {
    for (const [name, text] of Object.entries(EDGE_CASES)) {
      expect(takesFastPath(text), name).toBe(true);
      expectSameAsFullParser(text, `${name}.yaml`);
    }
  });

  it.skipIf(!HAS_CORPUS)('reads mutated corpus templates (line breaks, comments, blank lines) exactly as the full parser does [needs ../shared/corpus]', () => {
    let fast = 0;
    corpus.forEach((file, i) => {
      for (const [j, text] of mutations(readFileSync(file, 'utf8'), i + 1).entries()) {
        if (takesFastPath(text)) fast++;
        expectSameAsFullParser(text, `mutated-${i}-${j}.yaml`);
      }
    });
    // Most mutations stay on the fast path, so the comparison above is not vacuous.
    expect(fast).toBeGreaterThan(corpus.length * 3);
  });

  it('leaves anchors, tags, merge keys, duplicates, errors and other rare forms to the full parser', () => {
    for (const [name, text] of Object.entries(FULL_PARSER_ONLY)) {
      expect(takesFastPath(text), name).toBe(false);
      expectSameAsFullParser(text, `${name}.yaml`);
    }
  });

  it('resolves plain scalars by the YAML 1.2 core schema', () => {
    expect(['~', 'null', '', 'true', 'False', 'yes', '0o17', '017', '0x1f', '-12', '1.50', '1e3', '.inf', '-.Inf', '.nan', '1_000', '0b1'].map(resolvePlain)).toEqual([
      null, null, null, true, false, 'yes', 15, 17, 31, -12, 1.5, 1000, 'Infinity', '-Infinity', 'NaN', '1_000', '0b1',
    ]);
  });
});
