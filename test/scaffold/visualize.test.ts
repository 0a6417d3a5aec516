/** `template visualize`: golden output, Mermaid/markdown escaping, annotations and errors. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAnnotations, visualizeSource } from '../../src/app/visualize.js';
import { codeSpan, markdownText, mermaidText, ScaffoldError } from '../../src/scaffold/index.js';
import { REPO_ROOT, runCli, tempProject } from '../helpers.js';

const FIXTURES = 'test/scaffold/fixtures/visualize';
const GOLDEN = path.join(REPO_ROOT, 'test/scaffold/golden');

function annotations(file: string): Record<string, string> {
  return parseAnnotations(readFileSync(path.join(REPO_ROOT, FIXTURES, file), 'utf8'), file);
}

const CASES: Array<{ golden: string; fixture: string; graphOnly?: boolean; annotations?: string }> = [
  { golden: 'shapes.md', fixture: 'shapes.yaml' },
  { golden: 'hostile.md', fixture: 'hostile.yaml', annotations: 'annotations.yaml' },
  { golden: 'hostile.mmd', fixture: 'hostile.yaml', graphOnly: true, annotations: 'annotations.yaml' },
  { golden: 'two.md', fixture: 'two.yaml' },
  { golden: 'two.mmd', fixture: 'two.yaml', graphOnly: true },
];

function render(c: (typeof CASES)[number]): string {
  return visualizeSource(
    { path: `${FIXTURES}/${c.fixture}` },
    { cwd: REPO_ROOT, graphOnly: c.graphOnly, annotations: c.annotations ? annotations(c.annotations) : undefined },
  );
}

describe('golden output (UPDATE_GOLDEN=1 rewrites)', () => {
  for (const c of CASES) {
    it(c.golden, () => {
      const actual = render(c);
      const file = path.join(GOLDEN, c.golden);
      if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
        mkdirSync(GOLDEN, { recursive: true });
        writeFileSync(file, actual);
      }
      expect(actual).toBe(readFileSync(file, 'utf8'));
    });
  }

  it('is the same through the CLI, from a file, from stdin and into --output', () => {
    const expected = readFileSync(path.join(GOLDEN, 'hostile.md'), 'utf8');
    const args = ['--annotations', `${FIXTURES}/annotations.yaml`];
    const fromFile = runCli(['template', 'visualize', `${FIXTURES}/hostile.yaml`, ...args]);
    expect(fromFile.code).toBe(0);
    expect(fromFile.stdout).toBe(expected);
    const fromStdin = runCli(['template', 'visualize', '-', ...args], {
      input: readFileSync(path.join(REPO_ROOT, FIXTURES, 'hostile.yaml'), 'utf8'),
    });
    expect(fromStdin.code).toBe(0);
    expect(fromStdin.stdout).toBe(expected);
    const { dir, cleanup } = tempProject();
    try {
      const out = path.join(dir, 'dag.md');
      const toFile = runCli(['template', 'visualize', `${FIXTURES}/hostile.yaml`, ...args, '--output', out]);
      expect(toFile.code).toBe(0);
      expect(toFile.stdout).toBe('');
      expect(readFileSync(out, 'utf8')).toBe(expected);
    } finally {
      cleanup();
    }
  });
});

describe('Mermaid safety', () => {
  // Every line of a graph is one of these shapes; ids are generated, labels are escaped.
  const LINE = [
    /^flowchart TD$/,
    /^ {2,4}(?:t\d+_)?[su]\d+(?:\["|\{"|\{\{"|\[\["|\[\/")[^"]*(?:"\]|"\}|"\}\}|"\]\]|"\/\])$/,
    /^ {2,4}(?:t\d+_)?[su]\d+ (?:-->|-->\|batches\||-\.->|-\.->\|batches\|) (?:t\d+_)?s\d+$/,
    /^ {2,4}class (?:t\d+_)?[su]\d+(?:,(?:t\d+_)?[su]\d+)* (?:error|warning|missing)$/,
    /^ {2}classDef (?:error|warning|missing) [a-z0-9:#,. -]+$/,
    /^ {2}subgraph t\d+ \["[^"]*"\]$/,
    /^ {2}end$/,
  ];
  const LABEL_TEXT = /^(?:[A-Za-z0-9 _.,:/()+=?!@'-]|#\d+;|<br\/>)*$/;

  for (const c of CASES.filter((c) => c.graphOnly)) {
    it(`${c.golden}: every line is well-formed and every label escaped`, () => {
      for (const line of render(c).trimEnd().split('\n')) {
        expect(
          LINE.some((re) => re.test(line)),
          line,
        ).toBe(true);
        for (const [, label] of line.matchAll(/"([^"]*)"/g)) expect(label, line).toMatch(LABEL_TEXT);
      }
    });
  }

  it('escapes everything that could end a label, start a comment or inject HTML', () => {
    expect(mermaidText('a "b" <i>&</i> #1; %% `c` | {d} [e] ;')).toBe(
      'a #34;b#34; #60;i#62;#38;#60;/i#62; #35;1#59; #37;#37; #96;c#96; #124; #123;d#125; #91;e#93; #59;',
    );
    expect(mermaidText('line\nbreak\r\n\ttab')).toBe('line break tab');
    expect(mermaidText('🚀')).toBe('#128640;');
  });
});

describe('markdown escaping', () => {
  it('keeps inline text on one line with nothing interpreted', () => {
    expect(markdownText('a | b <c> & `d` *e* _f_ [g](h) ~i~ \\')).toBe(
      'a \\| b \\<c\\> \\& \\`d\\` \\*e\\* \\_f\\_ \\[g\\](h) \\~i\\~ \\\\',
    );
    expect(markdownText('# title')).toBe('\\# title');
    expect(markdownText('- item')).toBe('\\- item');
    expect(markdownText('12. item')).toBe('12\\. item');
    expect(markdownText('one\n\ntwo')).toBe('one two');
  });

  it('puts any text in a code span that survives a table cell', () => {
    expect(codeSpan('validate_cart')).toBe('`validate_cart`');
    expect(codeSpan('a`b')).toBe('``a`b``');
    expect(codeSpan('`x`')).toBe('`` `x` ``');
    expect(codeSpan('a|b')).toBe('`a\\|b`');
    expect(codeSpan('  ')).toBe('—');
  });
});

describe('annotations', () => {
  it('reads JSON as well as YAML', () => {
    expect(parseAnnotations('{"a": "note", "b": 2}', 'notes.json')).toEqual({ a: 'note', b: '2' });
    expect(parseAnnotations('', 'empty.yaml')).toEqual({});
  });

  it('rejects anything but a mapping of step names to text', () => {
    expect(() => parseAnnotations('[1, 2]', 'list.json')).toThrow(/must map step names to note text/);
    expect(() => parseAnnotations('a: {b: 1}', 'nested.yaml')).toThrow(/the note for "a" must be text/);
    expect(() => parseAnnotations('a: [', 'broken.yaml')).toThrow(ScaffoldError);
  });

  it('rejects a note for a step the template does not have', () => {
    expect(() => visualizeSource({ path: `${FIXTURES}/two.yaml` }, { cwd: REPO_ROOT, annotations: { bb: 'x' } })).toThrow(
      /the annotations name step "bb", which is not in the template \(did you mean "b"\?\)/,
    );
  });
});

describe('errors: one line, exit 2, no stack trace', () => {
  const cases: Array<{ name: string; args: string[]; input?: string; message: RegExp }> = [
    { name: 'missing file', args: ['template', 'visualize', 'nope.yaml'], message: /^tasker-ctl: path does not exist: nope\.yaml\n$/ },
    {
      name: 'not YAML',
      args: ['template', 'visualize', '-'],
      input: 'a: [',
      message: /^tasker-ctl: cannot visualize <stdin>: <stdin>:1:\d+: .+\n$/,
    },
    {
      name: 'not a mapping',
      args: ['template', 'visualize', '-'],
      input: '- 1\n',
      message: /^tasker-ctl: cannot visualize <stdin>: .*must be a mapping.*\n$/,
    },
    {
      name: 'empty stdin',
      args: ['template', 'visualize', '-'],
      input: '',
      message: /^tasker-ctl: cannot visualize <stdin>: <stdin>:1:1: file holds no template\n$/,
    },
    {
      name: 'missing annotations file',
      args: ['template', 'visualize', `${FIXTURES}/two.yaml`, '--annotations', 'nope.json'],
      message: /^tasker-ctl: cannot read annotations file "nope\.json": ENOENT\n$/,
    },
    {
      name: '--output is a folder',
      args: ['template', 'visualize', `${FIXTURES}/two.yaml`, '--output', 'test'],
      message: /^tasker-ctl: cannot write "test": EISDIR\n$/,
    },
    {
      name: 'unknown annotated step',
      args: ['template', 'visualize', `${FIXTURES}/two.yaml`, '--annotations', `${FIXTURES}/annotations.yaml`],
      message: /^tasker-ctl: the annotations name step "end", which is not in the template\n$/,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const run = runCli(c.args, { input: c.input });
      expect(run.stderr).toMatch(c.message);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
    });
  }
});
