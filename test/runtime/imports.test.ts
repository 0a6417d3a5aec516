/**
 * The runtime stays light: following every value import from
 * src/runtime/index.ts reaches no toolchain module and no package at all;
 * the YAML loader, ajv and ajv-formats are only imported dynamically.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const src = path.resolve(here, '../../src');

const STATIC = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/g;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function graph(entry: string): { files: string[]; packages: Set<string>; dynamic: Map<string, string[]> } {
  const files: string[] = [];
  const packages = new Set<string>();
  const dynamic = new Map<string, string[]>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (files.includes(file)) continue;
    files.push(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(STATIC)) {
      const [, , typeOnly, specifier] = match;
      if (typeOnly || !specifier) continue;
      if (specifier.startsWith('.')) queue.push(path.resolve(path.dirname(file), specifier.replace(/\.js$/, '.ts')));
      else packages.add(specifier);
    }
    for (const match of text.matchAll(DYNAMIC)) dynamic.set(match[1]!, [...(dynamic.get(match[1]!) ?? []), path.relative(src, file)]);
  }
  return { files: files.map((f) => path.relative(src, f).split(path.sep).join('/')), packages, dynamic };
}

it('src/runtime/index.ts imports only light modules; the loader and ajv only lazily', () => {
  const { files, packages, dynamic } = graph(path.join(src, 'runtime/index.ts'));
  expect(files.filter((f) => !/^(runtime|model)\//.test(f))).toEqual([]);
  expect(files).toContain('runtime/registry.ts');
  expect(files).not.toContain('load/index.ts');
  expect([...packages].filter((p) => !p.startsWith('node:')).sort()).toEqual([]);
  expect(Object.fromEntries(dynamic)).toEqual({
    '../load/index.js': ['runtime/templates.ts', 'runtime/templates.ts'],
    ajv: ['runtime/validation.ts'],
    'ajv-formats': ['runtime/validation.ts'],
  });
});
