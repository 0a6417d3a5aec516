/** The template rules: one module per rule, each carrying its code's metadata. */
import { conflictingKeys } from './conflicting-keys.js';
import { decisionWithoutDependencies } from './decision-without-dependencies.js';
import { dependencyCycle } from './dependency-cycle.js';
import { duplicateStep } from './duplicate-step.js';
import { emptyCallable } from './empty-callable.js';
import { emptySteps } from './empty-steps.js';
import { ignoredKey } from './ignored-key.js';
import { inputSchemaNotObject } from './input-schema-not-object.js';
import { invalidJsonSchema } from './invalid-json-schema.js';
import { invalidWorkerTemplate } from './invalid-worker-template.js';
import { missingField } from './missing-field.js';
import { missingResultSchema } from './missing-result-schema.js';
import { missingWorkerTemplate } from './missing-worker-template.js';
import { namespaceTooLong } from './namespace-too-long.js';
import { nonSemverVersion } from './non-semver-version.js';
import { orphanStep } from './orphan-step.js';
import { repeatedDependency } from './repeated-dependency.js';
import { resultSchemaNotObject } from './result-schema-not-object.js';
import { selfDependency } from './self-dependency.js';
import { unknownDependency } from './unknown-dependency.js';
import { unknownEnumValue } from './unknown-enum-value.js';
import { unknownKey } from './unknown-key.js';
import { unknownOverrideStep } from './unknown-override-step.js';
import { unresolvedSchemaRef } from './unresolved-schema-ref.js';
import { wrongType } from './wrong-type.js';

/** Every template rule, in the order they run. */
export const TEMPLATE_RULES = [
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
] as const;
