/**
 * check: runs every rule over loaded templates. Rules live one per module in
 * ./rules; each reports exactly one stable code (see ../diagnostics/codes.ts).
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
export type { SeverityOverrides } from '../diagnostics/diagnostic.js';
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
import { missingWorkerTemplate } from './rules/missing-worker-template.js';
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
  missingWorkerTemplate,
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

/** Every rule over every template, at the rules' own severities (a severity policy is applied once, by the caller). */
export function checkTemplates(templates: readonly TaskTemplate[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const template of templates) {
    const context = createRuleContext(template, diagnostics);
    for (const rule of TEMPLATE_RULES) rule.check(context);
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
