/**
 * Maps a document's plain JSON onto the model, applying Tasker's aliases and
 * defaults. It never throws on bad shapes: it records a ShapeIssue (reported
 * later by the matching check rule) and falls back to the default.
 */

import { describeJsonType, isJsonObject } from '../model/json.js';
import { joinPointer, type SourceDocument } from '../model/source.js';
import {
  BACKOFF_KINDS,
  type BatchConfig,
  DELIVERY_MODES,
  type Dependency,
  type EnvironmentOverride,
  EVENT_CONDITIONS,
  type EventDeclaration,
  FAILURE_STRATEGIES,
  type HandlerDefinition,
  type JsonObject,
  type JsonValue,
  type LifecyclePolicy,
  type RetryPolicy,
  type SchemaNode,
  type ShapeIssue,
  STEP_TYPES,
  type StepDefinition,
  type TaskTemplate,
} from '../model/template.js';

export const TEMPLATE_KEYS = [
  'name',
  'namespace_name',
  'version',
  'description',
  'metadata',
  'system_dependencies',
  'domain_events',
  'input_schema',
  'steps',
  'environments',
  'lifecycle',
] as const;
export const STEP_KEYS = [
  'name',
  'description',
  'handler',
  'type',
  'step_type',
  'dependencies',
  'depends_on',
  'retry',
  'timeout_seconds',
  'system_dependency',
  'publishes_events',
  'batch_config',
  'result_schema',
] as const;
export const HANDLER_KEYS = ['callable', 'method', 'resolver', 'initialization'] as const;
export const RETRY_KEYS = ['retryable', 'max_attempts', 'backoff', 'backoff_base_ms', 'max_backoff_ms'] as const;
export const BATCH_KEYS = ['batch_size', 'parallelism', 'cursor_field', 'worker_template', 'failure_strategy'] as const;
export const EVENT_KEYS = ['name', 'description', 'schema', 'condition', 'delivery_mode', 'publisher'] as const;
export const DOMAIN_EVENT_KEYS = ['name', 'description', 'schema'] as const;
export const SYSTEM_DEPENDENCY_KEYS = ['primary', 'secondary'] as const;
export const LIFECYCLE_KEYS = [
  'max_duration_minutes',
  'max_waiting_for_dependencies_minutes',
  'max_waiting_for_retry_minutes',
  'max_steps_in_process_minutes',
  'staleness_action',
  'auto_fail_on_timeout',
  'auto_dlq_on_timeout',
] as const;

/** Keys seen in real files that Tasker reads past, with what the user should know. */
export const TEMPLATE_IGNORED: Record<string, string> = {
  task_handler: 'ignored by Tasker: task handlers are not configured in the template',
  loaded_from: 'ignored by Tasker: it records where a template was loaded from and is not read back',
};
const RETRY_IGNORED: Record<string, string> = {
  limit: 'ignored by Tasker: max_attempts stays 3 unless `max_attempts` is set',
};

/** Reads typed fields out of plain JSON, recording what does not fit. */
class ShapeReader {
  readonly issues: ShapeIssue[] = [];

  mapping(value: JsonValue | undefined, pointer: string, field: string): JsonObject | undefined {
    if (value === undefined || value === null) return undefined;
    if (isJsonObject(value)) return value;
    this.wrongType(pointer, field, 'a mapping', value);
    return undefined;
  }

  list(value: JsonValue | undefined, pointer: string, field: string, hint?: string): JsonValue[] {
    if (value === undefined || value === null) return [];
    if (Array.isArray(value)) return value;
    this.wrongType(pointer, field, 'a list', value, hint);
    return [];
  }

  string(obj: JsonObject, key: string, pointer: string, owner: string, required = false, hint?: string): string | undefined {
    const value = obj[key];
    const at = joinPointer(pointer, key);
    if (value === undefined || value === null) {
      if (required) this.issues.push({ kind: 'missing-field', pointer, field: key, owner });
      return undefined;
    }
    if (typeof value === 'string') return value;
    this.wrongType(at, key, 'a string', value, hint);
    return undefined;
  }

  integer(obj: JsonObject, key: string, pointer: string): number | undefined {
    const value = obj[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number' && Number.isInteger(value)) return value;
    this.wrongType(joinPointer(pointer, key), key, 'an integer', value);
    return undefined;
  }

  boolean(obj: JsonObject, key: string, pointer: string): boolean | undefined {
    const value = obj[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'boolean') return value;
    this.wrongType(joinPointer(pointer, key), key, 'a boolean (true or false)', value);
    return undefined;
  }

  enumValue<T extends string>(obj: JsonObject, key: string, pointer: string, allowed: readonly T[]): T | undefined {
    const value = this.string(obj, key, pointer, '');
    if (value === undefined) return undefined;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.issues.push({ kind: 'unknown-enum-value', pointer: joinPointer(pointer, key), field: key, value, allowed });
    return undefined;
  }

  stringList(obj: JsonObject, key: string, pointer: string, hint?: string): Array<{ pointer: string; value: string }> {
    const at = joinPointer(pointer, key);
    const out: Array<{ pointer: string; value: string }> = [];
    this.list(obj[key], at, key, hint).forEach((item, index) => {
      const itemPointer = joinPointer(at, index);
      if (typeof item === 'string') out.push({ pointer: itemPointer, value: item });
      else this.wrongType(itemPointer, `${key}[${index}]`, 'a string', item);
    });
    return out;
  }

  schema(obj: JsonObject, key: string, pointer: string): SchemaNode | undefined {
    const value = obj[key];
    if (value === undefined || value === null) return undefined;
    return { pointer: joinPointer(pointer, key), schema: value };
  }

  /** Records keys outside `known`; `ignored` keys get their own, explained warning. */
  keys(obj: JsonObject, pointer: string, owner: string, known: readonly string[], ignored: Record<string, string> = {}): void {
    for (const key of Object.keys(obj)) {
      if (known.includes(key)) continue;
      const at = joinPointer(pointer, key);
      const reason = ignored[key];
      if (reason !== undefined) this.issues.push({ kind: 'ignored-key', pointer: at, key, reason });
      else this.issues.push({ kind: 'unknown-key', pointer: at, key, owner, known });
    }
  }

  private wrongType(pointer: string, field: string, expected: string, value: JsonValue, hint?: string): void {
    this.issues.push({ kind: 'wrong-type', pointer, field, expected, actual: describeJsonType(value), ...(hint ? { hint } : {}) });
  }
}

/** Builds the model of one document. `value` must be a mapping (the caller reports other roots). */
export function normalizeTemplate(value: JsonObject, source: SourceDocument): TaskTemplate {
  const r = new ShapeReader();
  r.keys(value, '', 'template', TEMPLATE_KEYS, TEMPLATE_IGNORED);

  const versionHint = typeof value.version === 'number' ? `quote it: version: "${versionAsWritten(source)}"` : undefined;
  const metadataObj = r.mapping(value.metadata, '/metadata', 'metadata') ?? {};
  const systemObj = r.mapping(value.system_dependencies, '/system_dependencies', 'system_dependencies') ?? {};
  if (value.system_dependencies !== undefined) r.keys(systemObj, '/system_dependencies', 'system_dependencies', SYSTEM_DEPENDENCY_KEYS);

  const template: TaskTemplate = {
    source,
    pointer: '',
    name: r.string(value, 'name', '', 'template', true) ?? '',
    namespaceName: r.string(value, 'namespace_name', '', 'template', true) ?? '',
    version: r.string(value, 'version', '', 'template', true, versionHint) ?? '',
    description: r.string(value, 'description', '', 'template'),
    metadata: {
      author: r.string(metadataObj, 'author', '/metadata', 'metadata'),
      tags: r.stringList(metadataObj, 'tags', '/metadata').map((t) => t.value),
      documentationUrl: r.string(metadataObj, 'documentation_url', '/metadata', 'metadata'),
      createdAt: r.string(metadataObj, 'created_at', '/metadata', 'metadata'),
      updatedAt: r.string(metadataObj, 'updated_at', '/metadata', 'metadata'),
    },
    systemDependencies: {
      primary: r.string(systemObj, 'primary', '/system_dependencies', 'system_dependencies') ?? 'default',
      secondary: r.stringList(systemObj, 'secondary', '/system_dependencies').map((s) => s.value),
    },
    domainEvents: readEvents(r, value, '', 'domain_events', DOMAIN_EVENT_KEYS, false),
    inputSchema: r.schema(value, 'input_schema', ''),
    steps: [],
    environments: readEnvironments(r, value),
    lifecycle: readLifecycle(r, value),
    raw: value,
    shapeIssues: r.issues,
  };

  r.list(value.steps, '/steps', 'steps').forEach((stepValue, index) => {
    const pointer = joinPointer('/steps', index);
    const step = r.mapping(stepValue, pointer, `steps[${index}]`);
    if (step) template.steps.push(readStep(r, step, pointer, index));
  });
  return template;
}

/** The version as the user typed it (`1.10`, not the number 1.1), padded to x.y.z. */
function versionAsWritten(source: SourceDocument): string {
  const range = source.ranges('/version')?.value;
  const text = range ? source.sourceFile.text.slice(range.start, range.end).trim() : '';
  const parts = /^\d+(\.\d+)*$/.test(text) ? text.split('.') : ['1', '0'];
  while (parts.length < 3) parts.push('0');
  return parts.join('.');
}

function readStep(r: ShapeReader, step: JsonObject, pointer: string, index: number): StepDefinition {
  r.keys(step, pointer, 'step', STEP_KEYS);
  if (step.dependencies !== undefined && step.depends_on !== undefined) {
    r.issues.push({ kind: 'conflicting-keys', pointer: joinPointer(pointer, 'depends_on'), keys: ['dependencies', 'depends_on'] });
  }
  if (step.type !== undefined && step.step_type !== undefined) {
    r.issues.push({ kind: 'conflicting-keys', pointer: joinPointer(pointer, 'step_type'), keys: ['type', 'step_type'] });
  }
  const dependenciesKey = step.dependencies === undefined && step.depends_on !== undefined ? 'depends_on' : 'dependencies';
  const typeKey = step.type === undefined && step.step_type !== undefined ? 'step_type' : 'type';
  const listHint = (key: string): string | undefined =>
    typeof step[key] === 'string' ? `write a list: ${key}: [${String(step[key])}]` : undefined;
  const dependencies: Dependency[] = r
    .stringList(step, dependenciesKey, pointer, listHint(dependenciesKey))
    .map((d) => ({ pointer: d.pointer, step: d.value }));

  const resultSchema = r.schema(step, 'result_schema', pointer);
  const definition: StepDefinition = {
    pointer,
    index,
    name: r.string(step, 'name', pointer, 'step', true) ?? '',
    description: r.string(step, 'description', pointer, 'step'),
    handler: readHandler(r, step, pointer),
    type: r.enumValue(step, typeKey, pointer, STEP_TYPES) ?? 'standard',
    typeKey,
    dependenciesKey,
    dependencies,
    retry: readRetry(r, step, pointer),
    timeoutSeconds: r.integer(step, 'timeout_seconds', pointer),
    systemDependency: r.string(step, 'system_dependency', pointer, 'step'),
    publishesEvents: readEvents(r, step, pointer, 'publishes_events', EVENT_KEYS, true),
    batchConfig: readBatchConfig(r, step, pointer),
    resultSchema,
  };
  return definition;
}

function readHandler(r: ShapeReader, step: JsonObject, stepPointer: string): HandlerDefinition {
  const pointer = joinPointer(stepPointer, 'handler');
  if (step.handler === undefined || step.handler === null) {
    r.issues.push({ kind: 'missing-field', pointer: stepPointer, field: 'handler', owner: 'step' });
    return { pointer, callable: '', initialization: {} };
  }
  const handler = r.mapping(step.handler, pointer, 'handler');
  if (!handler) return { pointer, callable: '', initialization: {} };
  r.keys(handler, pointer, 'handler', HANDLER_KEYS);
  return {
    pointer,
    callable: r.string(handler, 'callable', pointer, 'handler', true) ?? '',
    method: r.string(handler, 'method', pointer, 'handler'),
    resolver: r.string(handler, 'resolver', pointer, 'handler'),
    initialization: r.mapping(handler.initialization, joinPointer(pointer, 'initialization'), 'initialization') ?? {},
  };
}

function readRetry(r: ShapeReader, step: JsonObject, stepPointer: string): RetryPolicy {
  const pointer = joinPointer(stepPointer, 'retry');
  const retry = r.mapping(step.retry, pointer, 'retry');
  if (!retry) return { retryable: true, maxAttempts: 3, backoff: 'exponential' };
  r.keys(retry, pointer, 'retry', RETRY_KEYS, RETRY_IGNORED);
  return {
    pointer,
    retryable: r.boolean(retry, 'retryable', pointer) ?? true,
    maxAttempts: r.integer(retry, 'max_attempts', pointer) ?? 3,
    backoff: r.enumValue(retry, 'backoff', pointer, BACKOFF_KINDS) ?? 'exponential',
    backoffBaseMs: r.integer(retry, 'backoff_base_ms', pointer),
    maxBackoffMs: r.integer(retry, 'max_backoff_ms', pointer),
  };
}

function readBatchConfig(r: ShapeReader, step: JsonObject, stepPointer: string): BatchConfig | undefined {
  const pointer = joinPointer(stepPointer, 'batch_config');
  const batch = r.mapping(step.batch_config, pointer, 'batch_config');
  if (!batch) return undefined;
  r.keys(batch, pointer, 'batch_config', BATCH_KEYS);
  for (const key of BATCH_KEYS) {
    if (batch[key] === undefined || batch[key] === null)
      r.issues.push({ kind: 'missing-field', pointer, field: key, owner: 'batch_config' });
  }
  return {
    pointer,
    batchSize: r.integer(batch, 'batch_size', pointer),
    parallelism: r.integer(batch, 'parallelism', pointer),
    cursorField: r.string(batch, 'cursor_field', pointer, 'batch_config'),
    workerTemplate: r.string(batch, 'worker_template', pointer, 'batch_config'),
    failureStrategy: r.enumValue(batch, 'failure_strategy', pointer, FAILURE_STRATEGIES),
  };
}

function readEvents(
  r: ShapeReader,
  owner: JsonObject,
  ownerPointer: string,
  key: string,
  known: readonly string[],
  publishing: boolean,
): EventDeclaration[] {
  const listPointer = joinPointer(ownerPointer, key);
  const events: EventDeclaration[] = [];
  r.list(owner[key], listPointer, key).forEach((item, index) => {
    const pointer = joinPointer(listPointer, index);
    const event = r.mapping(item, pointer, `${key}[${index}]`);
    if (!event) return;
    r.keys(event, pointer, 'event', known);
    events.push({
      pointer,
      name: r.string(event, 'name', pointer, 'event', true) ?? '',
      description: r.string(event, 'description', pointer, 'event'),
      schema: r.schema(event, 'schema', pointer),
      ...(publishing
        ? {
            condition: r.enumValue(event, 'condition', pointer, EVENT_CONDITIONS),
            deliveryMode: r.enumValue(event, 'delivery_mode', pointer, DELIVERY_MODES),
            publisher: r.string(event, 'publisher', pointer, 'event'),
          }
        : {}),
    });
  });
  return events;
}

function readEnvironments(r: ShapeReader, template: JsonObject): EnvironmentOverride[] {
  const environments = r.mapping(template.environments, '/environments', 'environments');
  if (!environments) return [];
  return Object.entries(environments).map(([name, value]) => {
    const pointer = joinPointer('/environments', name);
    const env = r.mapping(value, pointer, name) ?? {};
    const stepsPointer = joinPointer(pointer, 'steps');
    const steps = r.list(env.steps, stepsPointer, 'steps').flatMap((item, index) => {
      const itemPointer = joinPointer(stepsPointer, index);
      const override = r.mapping(item, itemPointer, `steps[${index}]`);
      if (!override) return [];
      const stepName = r.string(override, 'name', itemPointer, 'step override', true);
      return stepName === undefined ? [] : [{ pointer: itemPointer, name: stepName }];
    });
    return { pointer, name, steps };
  });
}

function readLifecycle(r: ShapeReader, template: JsonObject): LifecyclePolicy | undefined {
  const pointer = '/lifecycle';
  const lifecycle = r.mapping(template.lifecycle, pointer, 'lifecycle');
  if (!lifecycle) return undefined;
  r.keys(lifecycle, pointer, 'lifecycle', LIFECYCLE_KEYS);
  return {
    maxDurationMinutes: r.integer(lifecycle, 'max_duration_minutes', pointer),
    maxWaitingForDependenciesMinutes: r.integer(lifecycle, 'max_waiting_for_dependencies_minutes', pointer),
    maxWaitingForRetryMinutes: r.integer(lifecycle, 'max_waiting_for_retry_minutes', pointer),
    maxStepsInProcessMinutes: r.integer(lifecycle, 'max_steps_in_process_minutes', pointer),
    stalenessAction: r.string(lifecycle, 'staleness_action', pointer, 'lifecycle') ?? 'dlq',
    autoFailOnTimeout: r.boolean(lifecycle, 'auto_fail_on_timeout', pointer),
    autoDlqOnTimeout: r.boolean(lifecycle, 'auto_dlq_on_timeout', pointer),
  };
}
