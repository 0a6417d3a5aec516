/**
 * check: runs every rule over loaded templates. Rules live one per module in
 * ./rules; each reports exactly one stable code (see ../diagnostics/codes.ts).
 */
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import { compareDiagnostics } from '../diagnostics/diagnostic.js';
import type { TaskTemplate } from '../load/index.js';
import { createRuleContext, type Rule } from './rule.js';
import { conflictingKeys } from './rules/conflicting-keys.js';
import { decisionWithoutDependencies } from './rules/decision-without-dependencies.js';
import { dependencyCycle } from './rules/dependency-cycle.js';
import { duplicateStep } from './rules/duplicate-step.js';
import { emptyCallable } from './rules/empty-callable.js';
import { emptySteps } from './rules/empty-steps.js';
import { ignoredKey } from './rules/ignored-key.js';
import { inputSchemaNotObject } from './rules/input-schema-not-object.js';
import { invalidJsonSchema } from './rules/invalid-json-schema.js';
import { invalidWorkerTemplate } from './rules/invalid-worker-template.js';
import { missingField } from './rules/missing-field.js';
import { missingResultSchema } from './rules/missing-result-schema.js';
import { namespaceTooLong } from './rules/namespace-too-long.js';
import { nonSemverVersion } from './rules/non-semver-version.js';
import { orphanStep } from './rules/orphan-step.js';
import { repeatedDependency } from './rules/repeated-dependency.js';
import { resultSchemaNotObject } from './rules/result-schema-not-object.js';
import { selfDependency } from './rules/self-dependency.js';
import { unknownDependency } from './rules/unknown-dependency.js';
import { unknownEnumValue } from './rules/unknown-enum-value.js';
import { unknownKey } from './rules/unknown-key.js';
import { unknownOverrideStep } from './rules/unknown-override-step.js';
import { unresolvedSchemaRef } from './rules/unresolved-schema-ref.js';
import { wrongType } from './rules/wrong-type.js';

export const TEMPLATE_RULES: readonly Rule[] = [
  missingField,
  wrongType,
  unknownEnumValue,
  conflictingKeys,
  unknownKey,
  ignoredKey,
  duplicateStep,
  selfDependency,
  unknownDependency,
  dependencyCycle,
  emptyCallable,
  decisionWithoutDependencies,
  invalidWorkerTemplate,
  repeatedDependency,
  orphanStep,
  unknownOverrideStep,
  emptySteps,
  namespaceTooLong,
  nonSemverVersion,
  invalidJsonSchema,
  unresolvedSchemaRef,
  resultSchemaNotObject,
  inputSchemaNotObject,
  missingResultSchema,
];

/** Per-code severity changes; `off` drops the code. */
export type SeverityOverrides = Record<string, Severity | 'off'>;

export interface CheckOptions {
  severities?: SeverityOverrides;
}

export function checkTemplates(templates: readonly TaskTemplate[], options: CheckOptions = {}): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const template of templates) {
    const context = createRuleContext(template, diagnostics);
    for (const rule of TEMPLATE_RULES) {
      if (options.severities?.[rule.code] === 'off') continue;
      rule.check(context);
    }
  }
  return applySeverities(diagnostics, options.severities).sort(compareDiagnostics);
}

/** Applies severity overrides to any diagnostics (load, check, registry alike). */
export function applySeverities(diagnostics: Diagnostic[], severities: SeverityOverrides | undefined): Diagnostic[] {
  if (!severities) return diagnostics;
  return diagnostics.flatMap((d) => {
    const override = severities[d.code];
    if (override === undefined) return [d];
    if (override === 'off') return [];
    return [{ ...d, severity: override }];
  });
}

/** A template's identity in `templatesWithErrors`: its file and document index. */
export function templateKey(template: TaskTemplate): string {
  return `${template.source.file}#${template.source.documentIndex}`;
}

/** The keys (see `templateKey`) of templates with errors: generating from them would be meaningless. */
export function templatesWithErrors(diagnostics: readonly Diagnostic[]): Set<string> {
  return new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}#${d.document ?? 0}`));
}

export type { Rule, RuleContext } from './rule.js';
