/**
 * check: runs every rule over loaded templates. Rules live one per module in
 * ./rules; each reports exactly one stable code and carries its metadata.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';

export type { SeverityOverrides } from '../diagnostics/diagnostic.js';

import { compareDiagnostics } from '../diagnostics/diagnostic.js';
import { diagnosticAt } from '../diagnostics/located.js';
import type { TaskTemplate } from '../load/index.js';
import type { Rule, RuleContext } from './rule.js';
import { TEMPLATE_RULES } from './rules/index.js';

export { TEMPLATE_RULES };

function ruleContext(template: TaskTemplate, rule: Rule<Diagnostic['code']>, sink: Diagnostic[]): RuleContext {
  return {
    template,
    report(pointer, report, anchor) {
      sink.push(diagnosticAt(template.source, pointer, rule, report, anchor));
    },
  };
}

/** Every rule over every template, at the rules' own severities (a severity policy is applied once, by the caller). */
export function checkTemplates(templates: readonly TaskTemplate[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const template of templates) {
    for (const rule of TEMPLATE_RULES) rule.check(ruleContext(template, rule, diagnostics));
  }
  return diagnostics.sort(compareDiagnostics);
}

/** A template's identity in `templatesWithErrors`: its file and document index. */
export function templateKey(template: TaskTemplate): string {
  return `${template.source.file}#${template.source.documentIndex}`;
}

/** How many errors each template has, by key (see `templateKey`): generating from them would be meaningless. */
export function templatesWithErrors(diagnostics: readonly Diagnostic[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of diagnostics) {
    if (d.severity !== 'error') continue;
    const key = `${d.file}#${d.document ?? 0}`;
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

export type { Rule, RuleContext } from './rule.js';
