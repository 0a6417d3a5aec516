/**
 * `breaking`: what a change to task templates breaks. Templates are matched
 * by `namespace_name` + `name`; each change gets a stable code and is placed
 * in the new file, or in the old one when the thing is gone. Breaking changes
 * are errors unless the template's major version went up with them (then
 * info). Pure: two sets of loaded templates in, diagnostics out.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { compareStrings } from '../diagnostics/diagnostic.js';
import { diagnosticAt } from '../diagnostics/located.js';
import { ancestorMap } from '../model/dag.js';
import { joinPointer } from '../model/source.js';
import type { StepDefinition, TaskTemplate } from '../model/template.js';
import { BREAKING_CODES } from './codes.js';
import { diffSchemas, type SchemaChange } from './schema-diff.js';

interface Finding {
  code: keyof typeof BREAKING_CODES;
  message: string;
  hint?: string;
  /** The template (new side, or old for a removal) and a pointer into it. */
  template: TaskTemplate;
  pointer: string;
  anchor?: 'key' | 'value';
  /** Set for result changes no step downstream can read: reported, but harmless. */
  unread?: boolean;
}

export interface BreakingOptions {
  /** How the old side is named in messages (`HEAD`, `../old`). */
  againstLabel: string;
}

export function compareTemplateSets(
  before: readonly TaskTemplate[],
  after: readonly TaskTemplate[],
  options: BreakingOptions,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const oldByKey = groupByKey(before);
  const newKeys = new Set(after.map(templateKey));
  for (const [key, olds] of oldByKey) {
    if (newKeys.has(key)) continue;
    const old = newest(olds);
    diagnostics.push(
      toDiagnostic(
        {
          code: 'template-removed',
          message: `template ${label(old)} was removed (it is in ${options.againstLabel})`,
          template: old,
          pointer: '/name',
        },
        undefined,
      ),
    );
  }
  for (const now of after) {
    const olds = oldByKey.get(templateKey(now));
    if (!olds) continue;
    const old = olds.find((t) => t.version === now.version) ?? newest(olds);
    const bump = majorBump(old.version, now.version);
    for (const finding of compareTemplates(old, now)) diagnostics.push(toDiagnostic(finding, { old, now, bump }));
  }
  return diagnostics.sort(
    (a, b) => compareStrings(a.file, b.file) || a.line - b.line || a.column - b.column || compareStrings(a.code, b.code),
  );
}

function toDiagnostic(finding: Finding, versions: { old: TaskTemplate; now: TaskTemplate; bump: boolean } | undefined): Diagnostic {
  const kind = BREAKING_CODES[finding.code];
  // A result change no step downstream reads breaks nobody.
  let severity = finding.unread ? 'info' : kind.severity;
  const breaking = severity === 'error';
  let { message, hint } = finding;
  if (finding.unread) message += ' (no step reads this result)';
  if (breaking && versions) {
    if (versions.bump) {
      severity = 'info';
      message += ` (a breaking change, released with the major version bump ${versions.old.version} → ${versions.now.version})`;
    } else {
      hint = [
        hint,
        `A breaking change needs a new major \`version\` (${versions.now.version} → ${nextMajor(versions.now.version)}), so that running tasks keep the version they started with.`,
      ]
        .filter(Boolean)
        .join(' ');
    }
  }
  return diagnosticAt(
    finding.template.source,
    finding.pointer,
    kind,
    { severity, message, ...(hint ? { hint } : {}) },
    finding.anchor ?? 'value',
  );
}

function compareTemplates(old: TaskTemplate, now: TaskTemplate): Finding[] {
  const findings: Finding[] = [];
  const oldSteps = new Map(old.steps.map((s) => [s.name, s]));
  const newSteps = new Map(now.steps.map((s) => [s.name, s]));
  const oldAncestors = ancestorMap(old.steps.map(edges));
  const newAncestors = ancestorMap(now.steps.map(edges));
  // A step's result is read by every step that has it as an ancestor.
  const read = new Set([...newAncestors.values()].flatMap((ancestors) => [...ancestors]));

  for (const [name, step] of oldSteps) {
    if (newSteps.has(name)) continue;
    findings.push({
      code: 'step-removed',
      message: `step \`${name}\` of ${label(now)} was removed`,
      template: old,
      pointer: joinPointer(step.pointer, 'name'),
    });
  }
  for (const [name, step] of newSteps) {
    const before = oldSteps.get(name);
    if (!before) continue;
    if (before.handler.callable !== step.handler.callable) {
      findings.push({
        code: 'callable-changed',
        message: `step \`${name}\` now calls \`${step.handler.callable}\` instead of \`${before.handler.callable}\``,
        hint: 'Workers register handlers by callable: the old one no longer runs this step, and a worker without the new one fails it.',
        template: now,
        pointer: joinPointer(step.handler.pointer, 'callable'),
      });
    }
    if (before.type !== step.type) {
      findings.push({
        code: 'step-type-changed',
        message: `step \`${name}\` changed type: ${before.type} → ${step.type}`,
        hint: 'A handler is written for its step type (a decision returns a Decision, a batch analyzer a BatchConfig).',
        template: now,
        pointer: joinPointer(step.pointer, step.typeKey),
      });
    }
    const lost = [...(oldAncestors.get(name) ?? [])].filter((a) => !(newAncestors.get(name) ?? new Set()).has(a)).sort(compareStrings);
    if (lost.length > 0) {
      findings.push({
        code: 'ancestor-removed',
        message: `step \`${name}\` no longer has ${lost.map((a) => `\`${a}\``).join(', ')} upstream: a handler \`depends\` on ${lost.length === 1 ? 'it' : 'them'} now receives null`,
        template: now,
        pointer: step.dependencies.length > 0 ? joinPointer(step.pointer, step.dependenciesKey) : joinPointer(step.pointer, 'name'),
      });
    }
    findings.push(...resultFindings(old, now, before, step, !read.has(name)));
  }
  findings.push(...inputFindings(old, now));
  return findings;
}

function resultFindings(old: TaskTemplate, now: TaskTemplate, before: StepDefinition, step: StepDefinition, unread: boolean): Finding[] {
  if (!before.resultSchema) return [];
  if (!step.resultSchema) {
    return [
      {
        code: 'result-schema-removed',
        message: `step \`${step.name}\` no longer declares its result_schema: steps downstream read an untyped result`,
        template: now,
        pointer: joinPointer(step.pointer, 'name'),
        unread,
      },
    ];
  }
  const changes = diffSchemas(
    'result',
    before.resultSchema.schema,
    step.resultSchema.schema,
    before.resultSchema.pointer,
    step.resultSchema.pointer,
  );
  return changes.map((change) => fromSchemaChange(change, old, now, `result of step \`${step.name}\`: `, unread));
}

function inputFindings(old: TaskTemplate, now: TaskTemplate): Finding[] {
  if (!old.inputSchema || !now.inputSchema) return [];
  return diffSchemas('input', old.inputSchema.schema, now.inputSchema.schema, old.inputSchema.pointer, now.inputSchema.pointer).map(
    (change) => fromSchemaChange(change, old, now, '', false),
  );
}

function fromSchemaChange(change: SchemaChange, old: TaskTemplate, now: TaskTemplate, prefix: string, unread: boolean): Finding {
  return {
    code: change.code,
    message: `${prefix}${change.message}`,
    template: change.at.side === 'old' ? old : now,
    pointer: change.at.pointer,
    anchor: 'key',
    unread,
  };
}

function edges(step: StepDefinition): { name: string; dependencies: string[] } {
  return { name: step.name, dependencies: step.dependencies.map((d) => d.step) };
}

function templateKey(template: TaskTemplate): string {
  return `${template.namespaceName}/${template.name}`;
}

function label(template: TaskTemplate): string {
  return `${template.namespaceName}/${template.name}`;
}

function groupByKey(templates: readonly TaskTemplate[]): Map<string, TaskTemplate[]> {
  const out = new Map<string, TaskTemplate[]>();
  for (const template of templates) {
    const key = templateKey(template);
    out.set(key, [...(out.get(key) ?? []), template]);
  }
  return out;
}

/** The highest version among several (semver order on the numbers, else text). */
function newest(templates: readonly TaskTemplate[]): TaskTemplate {
  return [...templates].sort((a, b) => compareVersions(b.version, a.version))[0]!;
}

function versionNumbers(version: string): number[] | undefined {
  const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(version.trim());
  return match ? [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)] : undefined;
}

function compareVersions(a: string, b: string): number {
  const x = versionNumbers(a);
  const y = versionNumbers(b);
  if (!x || !y) return compareStrings(a, b);
  return x[0]! - y[0]! || x[1]! - y[1]! || x[2]! - y[2]!;
}

function majorBump(before: string, after: string): boolean {
  const x = versionNumbers(before);
  const y = versionNumbers(after);
  return x !== undefined && y !== undefined && y[0]! > x[0]!;
}

function nextMajor(version: string): string {
  const numbers = versionNumbers(version);
  return numbers ? `${numbers[0]! + 1}.0.0` : 'a new major version';
}
