/**
 * The normalized model of a task template, as Tasker accepts it
 * (../shared/docs/tasker-reference.md §1). Aliases are folded
 * (`depends_on` → `dependencies`, `step_type` → `type`) and defaults applied.
 *
 * Every node carries `pointer`, a JSON pointer into its YAML document; the
 * document's `SourceDocument` turns a pointer into a file, line and column.
 */

import type { JsonObject, JsonValue } from './json.js';
import type { SourceDocument } from './source.js';

export type { JsonObject, JsonValue } from './json.js';

export const STEP_TYPES = ['standard', 'decision', 'deferred_convergence', 'batchable', 'batch_worker'] as const;
export type StepType = (typeof STEP_TYPES)[number];

export const BACKOFF_KINDS = ['none', 'linear', 'exponential', 'fibonacci'] as const;
export type BackoffKind = (typeof BACKOFF_KINDS)[number];

export const FAILURE_STRATEGIES = ['continue_on_failure', 'fail_fast', 'isolate'] as const;
export type FailureStrategy = (typeof FAILURE_STRATEGIES)[number];

export const EVENT_CONDITIONS = ['success', 'failure', 'retryable_failure', 'permanent_failure', 'always'] as const;
export type EventCondition = (typeof EVENT_CONDITIONS)[number];

export const DELIVERY_MODES = ['durable', 'fast', 'broadcast'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

/** A JSON Schema kept as plain JSON, with the pointer of its root. */
export interface SchemaNode {
  pointer: string;
  schema: JsonValue;
}

export interface HandlerDefinition {
  pointer: string;
  callable: string;
  method?: string;
  resolver?: string;
  initialization: JsonObject;
}

export interface RetryPolicy {
  pointer?: string;
  retryable: boolean;
  maxAttempts: number;
  backoff: BackoffKind;
  backoffBaseMs?: number;
  maxBackoffMs?: number;
}

export interface BatchConfig {
  pointer: string;
  batchSize?: number;
  parallelism?: number;
  cursorField?: string;
  workerTemplate?: string;
  failureStrategy?: FailureStrategy;
}

export interface EventDeclaration {
  pointer: string;
  name: string;
  description?: string;
  schema?: SchemaNode;
  condition?: EventCondition;
  deliveryMode?: DeliveryMode;
  publisher?: string;
}

export interface Dependency {
  /** Pointer of this entry in the `dependencies` list. */
  pointer: string;
  step: string;
}

export interface StepDefinition {
  pointer: string;
  /** Index in the template's `steps` list. */
  index: number;
  name: string;
  description?: string;
  handler: HandlerDefinition;
  type: StepType;
  /** Which key set the type (`type` or its alias `step_type`). */
  typeKey: 'type' | 'step_type';
  /** Which key the dependencies came from, for messages. */
  dependenciesKey: 'dependencies' | 'depends_on';
  dependencies: Dependency[];
  retry: RetryPolicy;
  timeoutSeconds?: number;
  systemDependency?: string;
  publishesEvents: EventDeclaration[];
  batchConfig?: BatchConfig;
  resultSchema?: SchemaNode;
}

export interface TemplateMetadata {
  author?: string;
  tags: string[];
  documentationUrl?: string;
  createdAt?: string;
  updatedAt?: string;
}

export interface StepOverride {
  pointer: string;
  /** A step name, or `ALL`. */
  name: string;
}

export interface EnvironmentOverride {
  pointer: string;
  name: string;
  steps: StepOverride[];
}

export interface LifecyclePolicy {
  maxDurationMinutes?: number;
  maxWaitingForDependenciesMinutes?: number;
  maxWaitingForRetryMinutes?: number;
  maxStepsInProcessMinutes?: number;
  stalenessAction: string;
  autoFailOnTimeout?: boolean;
  autoDlqOnTimeout?: boolean;
}

export interface TaskTemplate {
  /** Where the template came from: file, document index, positions. */
  source: SourceDocument;
  pointer: '';
  name: string;
  namespaceName: string;
  version: string;
  description?: string;
  metadata: TemplateMetadata;
  systemDependencies: { primary: string; secondary: string[] };
  domainEvents: EventDeclaration[];
  inputSchema?: SchemaNode;
  steps: StepDefinition[];
  environments: EnvironmentOverride[];
  lifecycle?: LifecyclePolicy;
  /** The whole document as plain JSON (aliases expanded), for rules that need the raw shape. */
  raw: JsonObject;
  /** Problems the loader found while shaping the model; check rules turn them into diagnostics. */
  shapeIssues: ShapeIssue[];
}

/**
 * What the loader noticed while mapping YAML onto the model. Each kind is
 * reported by exactly one check rule, so the loader walks the document once.
 */
export type ShapeIssue =
  | { kind: 'missing-field'; pointer: string; field: string; owner: string }
  | { kind: 'wrong-type'; pointer: string; field: string; expected: string; actual: string; hint?: string }
  | { kind: 'unknown-enum-value'; pointer: string; field: string; value: string; allowed: readonly string[] }
  | { kind: 'unknown-key'; pointer: string; key: string; owner: string; known: readonly string[] }
  | { kind: 'ignored-key'; pointer: string; key: string; reason: string }
  | { kind: 'conflicting-keys'; pointer: string; keys: [string, string] };
