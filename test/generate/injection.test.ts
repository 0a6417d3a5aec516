/**
 * Injection and escaping: fixtures/generate/hostile_names.yaml puts quotes,
 * backticks, `*\/`, newlines, `${…}`, U+2028/U+2029 and `../` into step names,
 * callables, descriptions, property names and enum values. Generation must
 * write only inside --out, keep every string a string (never code), and the
 * output must compile (it is part of the positive tsc run in
 * corpus-typecheck.test.ts, which also checks the literal types).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type CliRun, REPO_ROOT, runCli, tempProject } from '../helpers.js';
import { listFiles } from './consumer.js';

const HOSTILE = 'fixtures/generate/hostile_names.yaml';
const doc = parse(readFileSync(path.join(REPO_ROOT, HOSTILE), 'utf8')) as {
  name: string;
  namespace_name: string;
  description: string;
  input_schema: { properties: Record<string, { enum?: string[] }> };
  steps: Array<{ name: string; description?: string; handler: { callable: string } }>;
};

/** Every string literal and every comment of a TypeScript file, plus the AST nodes that would be code injection. */
function analyse(file: string, text: string): { strings: Set<string>; comments: string; suspicious: string[] } {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const strings = new Set<string>();
  const suspicious: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node)) strings.add(node.text);
    if (ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node) || ts.isTaggedTemplateExpression(node)) {
      suspicious.push(`template literal: ${node.getText(source).slice(0, 60)}`);
    }
    if (ts.isIdentifier(node) && ['console', 'alert', 'process', 'pwned'].includes(node.text)) suspicious.push(`identifier ${node.text}`);
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require') suspicious.push('require()');
    ts.forEachChild(node, visit);
  };
  visit(source);
  const parseErrors = (source as unknown as { parseDiagnostics?: ts.Diagnostic[] }).parseDiagnostics ?? [];
  for (const d of parseErrors) suspicious.push(`syntax: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
  // Comments: everything the scanner skips as trivia.
  let comments = '';
  const scanner = ts.createScanner(ts.ScriptTarget.ES2022, false, ts.LanguageVariant.Standard, text);
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.SingleLineCommentTrivia || kind === ts.SyntaxKind.MultiLineCommentTrivia)
      comments += `${scanner.getTokenText()}\n`;
  }
  return { strings, comments, suspicious };
}

describe('hostile names stay data', () => {
  const sandbox = tempProject();
  const outDir = path.join(sandbox.dir, 'a', 'b', 'out');
  let run: CliRun;
  let files: string[];

  beforeAll(() => {
    run = runCli(['generate', HOSTILE, '--out', outDir, '--with-tests'], { cwd: REPO_ROOT });
    files = listFiles(sandbox.dir);
  }, 120_000);
  afterAll(() => sandbox.cleanup());

  it('generation succeeds', () => {
    expect(run.code, run.stderr).toBe(0);
  });

  it('writes files only inside --out, under safe relative paths', () => {
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      expect(file.startsWith('a/b/out/'), file).toBe(true);
      const inside = file.slice('a/b/out/'.length);
      expect(inside, file).toMatch(/^[a-z0-9_][a-z0-9_./-]*\.ts$/);
      expect(
        inside.split('/').every((segment) => segment !== '..' && segment !== '.' && segment !== ''),
        file,
      ).toBe(true);
    }
    // Nothing next to the sandbox's own folders either.
    expect(readdirSync(sandbox.dir)).toEqual(['a']);
    expect(readdirSync(path.join(sandbox.dir, 'a'))).toEqual(['b']);
    expect(readdirSync(path.join(sandbox.dir, 'a', 'b'))).toEqual(['out']);
  });

  it('one stub (and test) per callable, each under handlers/', () => {
    const inside = files.map((f) => f.slice('a/b/out/'.length));
    const stubs = inside.filter((f) => f.startsWith('handlers/') && !f.endsWith('.test.ts'));
    expect(stubs).toHaveLength(new Set(doc.steps.map((s) => s.handler.callable)).size);
    expect(inside.filter((f) => f.endsWith('.test.ts'))).toHaveLength(stubs.length);
    expect(inside.filter((f) => f.startsWith('contracts/'))).toHaveLength(1);
  });

  it('no generated file contains template literals, injected identifiers or syntax errors', () => {
    for (const file of files) {
      const { suspicious } = analyse(file, readFileSync(path.join(sandbox.dir, file), 'utf8'));
      expect(suspicious, file).toEqual([]);
    }
  });

  it('every step name, callable, property name and enum value survives as an exact string literal', () => {
    const strings = new Set<string>();
    for (const file of files) for (const s of analyse(file, readFileSync(path.join(sandbox.dir, file), 'utf8')).strings) strings.add(s);
    // Property names and enum values are emitted by json-schema-to-typescript as "…" keys/literals.
    const wanted = [
      `${doc.namespace_name}/${doc.name}`,
      ...doc.steps.flatMap((s) => [s.name, s.handler.callable]),
      ...Object.keys(doc.input_schema.properties),
      ...(doc.input_schema.properties.choice!.enum ?? []),
    ];
    for (const value of wanted) expect(strings.has(value), JSON.stringify(value)).toBe(true);
  });

  it('descriptions only ever appear inside comments, with `*/` defused', () => {
    const contracts = files.find((f) => f.includes('/contracts/'))!;
    const text = readFileSync(path.join(sandbox.dir, contracts), 'utf8');
    const { comments } = analyse(contracts, text);
    // The payloads of the descriptions are in comments...
    expect(comments).toContain("console.log('pwned')");
    expect(comments).toContain('alert(1)');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the text of a template literal is what the injection test plants
    expect(comments).toContain('${process.exit(1)}');
    // ...and no comment is closed early: every `*/` inside a JSDoc body is escaped.
    for (const block of comments
      .split('\n')
      .join('\n')
      .match(/\/\*\*[\s\S]*?\*\//g) ?? []) {
      expect(block.slice(3, -2), block).not.toContain('*/');
    }
  });
});
