/** Human-readable output of `template list`, `template info` and `template generate` (deterministic, no colour). */
import path from 'node:path';
import { displayPath } from '../shared/display-path.js';
import type { ListedTemplate } from './discover.js';
import type { TemplateDef } from './manifest.js';
import type { OutputAction, OutputPlan } from './output.js';

/** Rows as aligned columns (the last column is not padded). */
export function table(rows: string[][], indent = '  '): string[] {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  return rows.map((row) =>
    `${indent}${row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')}`.trimEnd(),
  );
}

export function formatTemplateList(listed: readonly ListedTemplate[], filtered = false): string {
  if (listed.length === 0) return filtered ? 'No templates match; try without --language or --plugin.\n' : 'No templates found.\n';
  const rows = listed.map(({ template, shadowedBy }) => [
    template.name,
    template.language,
    template.plugin.name,
    `${template.description}${shadowedBy ? ` (shadowed by plugin ${shadowedBy.name})` : ''}`,
  ]);
  const lines = table([['TEMPLATE', 'LANGUAGE', 'PLUGIN', 'DESCRIPTION'], ...rows], '');
  return `${lines.join('\n')}\n\nDetails: tasker-ctl template info <template>\n`;
}

export function formatTemplateInfo(template: TemplateDef, options: { cwd?: string } = {}): string {
  const plugin = template.plugin;
  const lines = [
    `${template.name}: ${template.description}`,
    '',
    `  language  ${template.language}`,
    `  plugin    ${plugin.name}${plugin.version ? ` ${plugin.version}` : ''}${plugin.builtin ? ' (built in)' : ''}${plugin.framework ? `, framework ${plugin.framework}` : ''}`,
    `  folder    ${displayPath(template.dir, options.cwd)}`,
    '',
  ];
  if (template.parameters.length === 0) lines.push('Parameters: none');
  else {
    lines.push('Parameters (--param name=value):');
    for (const p of template.parameters) {
      const facts: string[] = [];
      if (p.required && !p.default) facts.push('required');
      if (p.default) facts.push(`default: ${JSON.stringify(p.default.source)}`);
      if (!p.required && !p.default) facts.push('optional');
      lines.push(`  ${p.name} (${facts.join(', ')})`);
      if (p.description) lines.push(`      ${p.description}`);
      if (p.choices) lines.push(`      one of: ${p.choices.join(' | ')}`);
      if (p.pattern) lines.push(`      pattern: ${p.pattern.source}`);
    }
  }
  lines.push('', 'Outputs:');
  lines.push(
    ...table(template.outputs.map((o) => [o.subdir ? `${o.subdir.source}/${o.filename.source}` : o.filename.source, `from ${o.template}`])),
  );
  const required = template.parameters.filter((p) => p.required && !p.default).map((p) => ` --param ${p.name}=<${p.name}>`);
  lines.push('', 'Example:', `  tasker-ctl template generate ${template.name}${required.join('')} --output <dir>`);
  return `${lines.join('\n')}\n`;
}

const VERBS: Record<OutputAction, { done: string; dry: string }> = {
  create: { done: 'created', dry: 'would create' },
  overwrite: { done: 'overwrote', dry: 'would overwrite' },
  unchanged: { done: 'unchanged', dry: 'unchanged' },
  conflict: { done: 'exists', dry: 'exists' },
};

/** One line per file (`created src/handlers/x.ts`), then the template's notes. */
export function formatGenerateReport(plan: OutputPlan, options: { dryRun: boolean; notes?: string }): string {
  const shown = (rel: string): string =>
    path
      .join(plan.outDir, ...rel.split('/'))
      .split(path.sep)
      .join('/');
  const width = Math.max(...plan.files.map((f) => (options.dryRun ? VERBS[f.action].dry : VERBS[f.action].done).length));
  const lines = plan.files.map((f) => `${(options.dryRun ? VERBS[f.action].dry : VERBS[f.action].done).padEnd(width)} ${shown(f.path)}`);
  if (options.dryRun) lines.push('Dry run: nothing was written.');
  const notes = options.notes?.trim();
  if (notes) lines.push('', notes);
  return `${lines.join('\n')}\n`;
}
