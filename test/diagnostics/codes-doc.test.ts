import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODE_LIST } from '../../src/diagnostics/codes.js';
import { CATEGORIES, type Category } from '../../src/model/codes.js';
import { REPO_ROOT } from '../helpers.js';

const DOC = path.join(REPO_ROOT, 'docs/diagnostics.md');

/** The table of one category, as docs/diagnostics.md holds it between its markers. */
function table(category: Category): string {
  const rows = CODE_LIST.filter((meta) => meta.category === category).map(
    (meta) => `| \`${meta.code}\` | ${meta.severity} | ${meta.summary} |`,
  );
  return ['| code | default severity | meaning |', '| --- | --- | --- |', ...rows, ''].join('\n');
}

function block(category: Category): RegExp {
  return new RegExp(`(<!-- codes:${category} [^\\n]*-->\\n)([\\s\\S]*?)(<!-- /codes:${category} -->)`);
}

describe('docs/diagnostics.md', () => {
  const categories = Object.keys(CATEGORIES) as Category[];

  if (process.env.UPDATE_DOCS) {
    let doc = readFileSync(DOC, 'utf8');
    for (const category of categories)
      doc = doc.replace(block(category), (_, open: string, _old: string, close: string) => `${open}${table(category)}${close}`);
    writeFileSync(DOC, doc);
  }
  const doc = readFileSync(DOC, 'utf8');

  it.each(categories)('holds the generated table of %s codes under its heading', (category) => {
    const found = block(category).exec(doc);
    expect(found, `no <!-- codes:${category} --> block`).not.toBeNull();
    expect(found![2]).toBe(table(category));
    expect(doc.lastIndexOf('\n## ', found!.index)).toBe(doc.indexOf(`\n## ${CATEGORIES[category]}\n`));
  });

  it('lists every code once, and each category has codes', () => {
    const codes = CODE_LIST.map((meta) => meta.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const category of categories)
      expect(
        CODE_LIST.some((meta) => meta.category === category),
        category,
      ).toBe(true);
  });
});
