/**
 * `template visualize`: a Mermaid flowchart of a task template's DAG and a
 * markdown table of its steps, with the problems `validate` finds marked on
 * their nodes. Every piece of YAML text is escaped, for Mermaid in the graph
 * and for markdown in the table, so no content can break either. The output
 * depends only on the input (no timestamps, steps in file order).
 */
import { compareDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { closestNames } from '../model/suggest.js';
import type { StepDefinition, StepType, TaskTemplate } from '../model/template.js';
import { q, ScaffoldError } from './errors.js';

export interface VisualizeOptions {
  /** Step name → note shown on the node and in the table. */
  annotations?: Readonly<Record<string, string>>;
  /** Only the Mermaid source (one flowchart; several templates become subgraphs). */
  graphOnly?: boolean;
}

/** The notes of an annotations file's value (see app/visualize.ts): a mapping of step name → note text. */
export function annotationNotes(value: unknown, file: string): Record<string, string> {
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ScaffoldError(`annotations file ${file} must map step names to note text, e.g. {"validate_cart": "owned by the cart team"}`);
  }
  const notes: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [step, note] of Object.entries(value as Record<string, unknown>)) {
    if (typeof note === 'string') notes[step] = note;
    else if (typeof note === 'number' || typeof note === 'boolean') notes[step] = String(note);
    else throw new ScaffoldError(`annotations file ${file}: the note for ${q(step)} must be text`);
  }
  return notes;
}

const SHAPES: Record<StepType, [string, string]> = {
  standard: ['["', '"]'],
  decision: ['{"', '"}'],
  deferred_convergence: ['{{"', '"}}'],
  batchable: ['[["', '"]]'],
  batch_worker: ['[/"', '"/]'],
};

const LEGEND =
  'Shapes: rectangle = standard, rhombus = decision, hexagon = deferred convergence, ' +
  'double-bordered = batchable, parallelogram = batch worker; "batches" marks the arrow from a batchable step to its worker template. ' +
  'Red nodes have errors, yellow nodes warnings.';

const CLASS_DEFS = [
  'classDef error fill:#fde8e8,stroke:#c81e1e,stroke-width:2px',
  'classDef warning fill:#fdf6b2,stroke:#c27803,stroke-width:2px',
  'classDef missing fill:#ffffff,stroke:#c81e1e,stroke-dasharray:5 5',
];

interface TemplateView {
  template: TaskTemplate;
  /** Problems by step index. */
  stepProblems: Map<number, Diagnostic[]>;
  /** Problems not inside a step. */
  otherProblems: Diagnostic[];
}

/** Renders loaded templates and their diagnostics. */
export function visualizeTemplates(
  templates: readonly TaskTemplate[],
  diagnostics: readonly Diagnostic[],
  options: VisualizeOptions = {},
): string {
  const annotations = options.annotations ?? {};
  checkAnnotations(templates, annotations);
  const views = templates.map((template) => viewOf(template, diagnostics));
  if (options.graphOnly) {
    const lines = ['flowchart TD'];
    if (views.length === 1) lines.push(...graphLines(views[0]!, '', '  ', annotations));
    else {
      views.forEach((view, index) => {
        lines.push(`  subgraph t${index} ["${mermaidText(templateTitle(view.template))}"]`);
        lines.push(...graphLines(view, `t${index}_`, '    ', annotations));
        lines.push('  end');
      });
    }
    lines.push(...CLASS_DEFS.map((line) => `  ${line}`));
    return `${lines.join('\n')}\n`;
  }

  const sections = views.map((view) => markdownSection(view, annotations));
  const orphans = diagnostics.filter((d) => !templates.some((t) => belongsTo(d, t)));
  if (orphans.length > 0) sections.push(['## Other problems', '', ...orphans.map(problemItem)].join('\n'));
  return `${sections.join('\n\n')}\n`;
}

function checkAnnotations(templates: readonly TaskTemplate[], annotations: Readonly<Record<string, string>>): void {
  const names = new Set(templates.flatMap((t) => t.steps.map((s) => s.name)));
  for (const step of Object.keys(annotations)) {
    if (names.has(step)) continue;
    const close = closestNames(step, names, 1);
    throw new ScaffoldError(
      `the annotations name step ${q(step)}, which is not in the template${close.length > 0 ? ` (did you mean ${q(close[0]!)}?)` : ''}`,
    );
  }
}

function belongsTo(d: Diagnostic, template: TaskTemplate): boolean {
  return d.file === template.source.file && (d.document ?? 0) === template.source.documentIndex;
}

function viewOf(template: TaskTemplate, diagnostics: readonly Diagnostic[]): TemplateView {
  const stepProblems = new Map<number, Diagnostic[]>();
  const otherProblems: Diagnostic[] = [];
  for (const d of diagnostics) {
    if (!belongsTo(d, template)) continue;
    const match = /^\/steps\/(\d+)(?:\/|$)/.exec(d.pointer);
    const index = match ? Number(match[1]) : -1;
    if (index >= 0 && index < template.steps.length) {
      const list = stepProblems.get(index) ?? [];
      list.push(d);
      stepProblems.set(index, list);
    } else otherProblems.push(d);
  }
  return { template, stepProblems, otherProblems };
}

function templateTitle(template: TaskTemplate): string {
  return `${template.namespaceName || '?'}/${template.name || '?'}:${template.version || '?'}`;
}

/** Node declarations, edges and classes of one template. Node ids are generated (`s0`, `s1`, …), never taken from YAML. */
function graphLines(view: TemplateView, prefix: string, indent: string, annotations: Readonly<Record<string, string>>): string[] {
  const { template } = view;
  const lines: string[] = [];
  const firstIndex = new Map<string, number>();
  template.steps.forEach((step, index) => {
    if (!firstIndex.has(step.name)) firstIndex.set(step.name, index);
  });
  const id = (index: number): string => `${prefix}s${index}`;
  const errors: string[] = [];
  const warnings: string[] = [];

  template.steps.forEach((step, index) => {
    const label = [mermaidText(step.name || '(unnamed)'), mermaidText(step.handler.callable || '(no callable)')];
    const problems = view.stepProblems.get(index) ?? [];
    const codes = (severity: Diagnostic['severity']): string[] => [
      ...new Set(problems.filter((d) => d.severity === severity).map((d) => d.code)),
    ];
    const errorCodes = codes('error');
    const warningCodes = codes('warning');
    if (errorCodes.length > 0) label.push(mermaidText(`error: ${errorCodes.join(', ')}`));
    if (warningCodes.length > 0) label.push(mermaidText(`warning: ${warningCodes.join(', ')}`));
    const note = Object.hasOwn(annotations, step.name) ? annotations[step.name] : undefined;
    if (note !== undefined) label.push(mermaidText(`note: ${note.trim()}`));
    const [open, close] = SHAPES[step.type];
    lines.push(`${indent}${id(index)}${open}${label.join('<br/>')}${close}`);
    if (errorCodes.length > 0) errors.push(id(index));
    else if (warningCodes.length > 0) warnings.push(id(index));
  });

  // A batchable step and its worker template: the arrow is labelled (and dotted when the worker does not depend on it).
  const batches = new Set<string>();
  template.steps.forEach((step, index) => {
    const worker = step.type === 'batchable' ? step.batchConfig?.workerTemplate : undefined;
    const to = worker === undefined ? undefined : firstIndex.get(worker);
    if (to !== undefined && to !== index) batches.add(`${index}>${to}`);
  });
  const unknown = new Map<string, string>();
  template.steps.forEach((step, index) => {
    const drawn = new Set<string>();
    for (const dependency of step.dependencies) {
      if (drawn.has(dependency.step)) continue;
      drawn.add(dependency.step);
      const from = firstIndex.get(dependency.step);
      if (from !== undefined) {
        const batch = batches.delete(`${from}>${index}`);
        lines.push(`${indent}${id(from)} ${batch ? '-->|batches|' : '-->'} ${id(index)}`);
        continue;
      }
      let ghost = unknown.get(dependency.step);
      if (!ghost) {
        ghost = `${prefix}u${unknown.size}`;
        unknown.set(dependency.step, ghost);
        lines.push(`${indent}${ghost}["${mermaidText(`unknown step: ${dependency.step}`)}"]`);
      }
      lines.push(`${indent}${ghost} -.-> ${id(index)}`);
    }
  });
  for (const pair of batches) {
    const [from, to] = pair.split('>').map(Number) as [number, number];
    lines.push(`${indent}${id(from)} -.->|batches| ${id(to)}`);
  }

  if (errors.length > 0) lines.push(`${indent}class ${errors.join(',')} error`);
  if (warnings.length > 0) lines.push(`${indent}class ${warnings.join(',')} warning`);
  if (unknown.size > 0) lines.push(`${indent}class ${[...unknown.values()].join(',')} missing`);
  return lines;
}

function markdownSection(view: TemplateView, annotations: Readonly<Record<string, string>>): string {
  const { template } = view;
  const out: string[] = [`## ${markdownText(templateTitle(template))}`, ''];
  if (template.description) out.push(markdownText(template.description), '');
  out.push(
    '```mermaid',
    'flowchart TD',
    ...graphLines(view, '', '  ', annotations),
    ...CLASS_DEFS.map((line) => `  ${line}`),
    '```',
    '',
    LEGEND,
    '',
  );

  const withNotes = template.steps.some((s) => Object.hasOwn(annotations, s.name));
  const header = ['step', 'type', 'callable', 'depends on', 'result fields', 'retry', 'problems', ...(withNotes ? ['note'] : [])];
  out.push(`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`);
  template.steps.forEach((step, index) => {
    const problems = (view.stepProblems.get(index) ?? []).map((d) => `${d.severity} ${d.code}: ${d.message}`);
    const cells = [
      codeSpan(step.name),
      step.type,
      codeSpan(step.handler.callable),
      list(step.dependencies.map((d) => codeSpan(d.step))),
      list(resultFields(step).map(codeSpan)),
      retryText(step),
      problems.length > 0 ? problems.map(markdownText).join('; ') : '—',
    ];
    if (withNotes) cells.push(Object.hasOwn(annotations, step.name) ? markdownText(annotations[step.name]!) : '');
    out.push(`| ${cells.join(' | ')} |`);
  });
  if (template.steps.length === 0) out.push('', '_No steps._');

  const errors = [...view.stepProblems.values(), view.otherProblems].flat();
  if (errors.length > 0) {
    const count = (severity: Diagnostic['severity']): number => errors.filter((d) => d.severity === severity).length;
    const parts = [plural(count('error'), 'error'), plural(count('warning'), 'warning'), plural(count('info'), 'info')].filter(
      (p) => !p.startsWith('0 '),
    );
    out.push('', `**Problems** (${parts.join(', ')}; details: \`tasker-ctl validate templates\`)`, '');
    out.push(...[...errors].sort(compareDiagnostics).map(problemItem));
  }
  return out.join('\n');
}

function problemItem(d: Diagnostic): string {
  return `- ${d.severity} \`${d.code}\` at line ${d.line}:${d.column}: ${markdownText(d.message)}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 || word === 'info' ? '' : 's'}`;
}

function list(items: string[]): string {
  return items.length > 0 ? items.join(', ') : '—';
}

/** Top-level result_schema properties; optional ones get `?`. */
function resultFields(step: StepDefinition): string[] {
  const schema = step.resultSchema?.schema;
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return [];
  const properties = schema.properties;
  if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) return [];
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : []);
  return Object.keys(properties).map((name) => (required.has(name) ? name : `${name}?`));
}

function retryText(step: StepDefinition): string {
  const retry = step.retry;
  if (!retry.retryable) return 'not retried';
  const parts = [`${retry.maxAttempts} attempt${retry.maxAttempts === 1 ? '' : 's'}`, retry.backoff];
  if (retry.backoffBaseMs !== undefined) parts.push(`base ${retry.backoffBaseMs} ms`);
  if (retry.maxBackoffMs !== undefined) parts.push(`max ${retry.maxBackoffMs} ms`);
  return markdownText(parts.join(', '));
}

// ---------------------------------------------------------------------------
// Escaping

/**
 * Text for a quoted Mermaid label: letters, digits and a few harmless marks stay;
 * every other character (quotes, `#`, `%`, `<`, `>`, `&`, backticks, `|`, braces,
 * non-ASCII) becomes a Mermaid entity code `#<decimal>;`. Line breaks and other
 * control characters become spaces. Nothing in a label can end it, start a
 * comment or a directive, or inject HTML.
 */
export function mermaidText(text: string): string {
  let out = '';
  for (const char of text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/gu, ' ')) {
    out += /^[A-Za-z0-9 _.,:/()+=?!@'-]$/.test(char) ? char : `#${char.codePointAt(0)};`;
  }
  return out;
}

/**
 * Inline markdown text, one line: characters markdown would interpret are
 * backslash-escaped, HTML is impossible (`<` and `&` are escaped), `|` cannot
 * end a table cell, and a leading `#`, `-`, `+`, `=`, `>` or `1.` cannot start
 * a block.
 */
export function markdownText(text: string): string {
  const line = text.replace(/\s+/gu, ' ').trim();
  const escaped = line.replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`);
  if (/^[#+=-]/.test(escaped)) return `\\${escaped}`;
  return escaped.replace(/^(\d+)([.)])/, '$1\\$2');
}

/** A markdown code span holding `text` literally (also inside a table cell). */
export function codeSpan(text: string): string {
  const line = text.replace(/\s+/gu, ' ');
  if (line.trim() === '') return '—';
  const longest = Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = line.startsWith('`') || line.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${line.replace(/\|/g, '\\|')}${pad}${fence}`;
}
