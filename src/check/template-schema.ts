/**
 * A JSON Schema (draft-07) of the task template format, for editors
 * (`# yaml-language-server: $schema=…`). Built from the key lists and enums
 * the loader reads with, so the two cannot drift: every key list must be
 * described here, or this does not compile. Unknown keys stay allowed, as in
 * Tasker (the checker warns about them); what a schema can express of the
 * checker's errors it rejects.
 */
import {
  BATCH_KEYS,
  DOMAIN_EVENT_KEYS,
  EVENT_KEYS,
  HANDLER_KEYS,
  LIFECYCLE_KEYS,
  RETRY_KEYS,
  STEP_KEYS,
  SYSTEM_DEPENDENCY_KEYS,
  TEMPLATE_KEYS,
} from '../load/normalize.js';
import { BACKOFF_KINDS, DELIVERY_MODES, EVENT_CONDITIONS, FAILURE_STRATEGIES, STEP_TYPES } from '../model/template.js';

type Schema = Record<string, unknown>;

const JSON_SCHEMA = { $ref: 'http://json-schema.org/draft-07/schema#', description: 'A JSON Schema (draft-07).' };

/** Tasker reads a key set to null as absent. */
function optional(schema: Schema): Schema {
  if (typeof schema.type === 'string') return { ...schema, type: [schema.type, 'null'] };
  if (Array.isArray(schema.enum)) return { ...schema, enum: [...schema.enum, null] };
  return { anyOf: [schema, { type: 'null' }] };
}

const string = (description?: string): Schema => ({ type: 'string', ...(description ? { description } : {}) });
const integer = (description?: string): Schema => ({ type: 'integer', ...(description ? { description } : {}) });
const boolean: Schema = { type: 'boolean' };
const strings: Schema = { type: 'array', items: { type: 'string' } };

/** An object whose properties are exactly `keys` (each described), `required` among them. */
function object<K extends string>(
  keys: readonly K[],
  properties: Record<K, Schema>,
  required: readonly K[] = [],
  description?: string,
): Schema {
  const described: Record<string, Schema> = {};
  for (const key of keys) described[key] = required.includes(key) ? properties[key] : optional(properties[key]);
  return {
    type: 'object',
    ...(description ? { description } : {}),
    ...(required.length ? { required: [...required] } : {}),
    properties: described,
  };
}

function events(keys: readonly string[], publishing: boolean): Schema {
  const properties: Record<string, Schema> = { name: string(), description: string(), schema: JSON_SCHEMA };
  if (publishing)
    Object.assign(properties, {
      condition: { enum: [...EVENT_CONDITIONS] },
      delivery_mode: { enum: [...DELIVERY_MODES] },
      publisher: string(),
    });
  return { type: 'array', items: object(keys, properties, ['name']) };
}

const decisionNeedsDependencies = (typeKey: 'type' | 'step_type'): Schema => ({
  if: { required: [typeKey], properties: { [typeKey]: { const: 'decision' } } },
  // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword, not a thenable
  then: {
    anyOf: [
      { required: ['dependencies'], properties: { dependencies: { minItems: 1 } } },
      { required: ['depends_on'], properties: { depends_on: { minItems: 1 } } },
    ],
  },
});

const step = {
  ...object(
    STEP_KEYS,
    {
      name: string('Unique within the template.'),
      description: string(),
      handler: object(
        HANDLER_KEYS,
        {
          callable: {
            type: 'string',
            pattern: '\\S',
            description: 'The name the handler is registered under (any style: Ruby::Style, dotted, bare).',
          },
          method: string('A method other than `call`: method dispatch.'),
          resolver: string(),
          initialization: { type: 'object', description: 'Handler configuration, passed to it as step config.' },
        },
        ['callable'],
      ),
      type: { enum: [...STEP_TYPES], description: 'Default: standard. A decision step needs at least one dependency.' },
      step_type: { enum: [...STEP_TYPES], description: 'Alias of `type`.' },
      dependencies: { ...strings, description: 'Steps this step runs after; their results are passed to its handler.' },
      depends_on: { ...strings, description: 'Alias of `dependencies`.' },
      retry: object(RETRY_KEYS, {
        retryable: boolean,
        max_attempts: integer('Default 3.'),
        backoff: { enum: [...BACKOFF_KINDS] },
        backoff_base_ms: integer(),
        max_backoff_ms: integer(),
      }),
      timeout_seconds: integer(),
      system_dependency: string(),
      publishes_events: events(EVENT_KEYS, true),
      batch_config: object(
        BATCH_KEYS,
        {
          batch_size: integer(),
          parallelism: integer(),
          cursor_field: string(),
          worker_template: string('The batch_worker step that processes each batch.'),
          failure_strategy: { enum: [...FAILURE_STRATEGIES] },
        },
        BATCH_KEYS,
      ),
      result_schema: { ...JSON_SCHEMA, description: 'The shape of the handler result (read by tooling).' },
    },
    ['name', 'handler'],
  ),
  allOf: [
    { not: { required: ['dependencies', 'depends_on'] } },
    { not: { required: ['type', 'step_type'] } },
    decisionNeedsDependencies('type'),
    decisionNeedsDependencies('step_type'),
  ],
};

/** The schema, as data (`tasker-ctl schema` prints it; schema/task-template.json is a copy a test keeps current). */
export function taskTemplateSchema(): Schema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Tasker task template',
    description: 'A Tasker task template, as Tasker accepts it. Generated by tasker-ctl from the model its checker uses.',
    ...object(
      TEMPLATE_KEYS,
      {
        name: string(),
        namespace_name: string('At most 29 characters (queue names are derived from it).'),
        version: string('A string such as "1.0.0" (1.0 unquoted is a number).'),
        description: string(),
        metadata: {
          type: 'object',
          properties: {
            author: optional(string()),
            tags: optional(strings),
            documentation_url: optional(string()),
            created_at: optional(string()),
            updated_at: optional(string()),
          },
        },
        system_dependencies: object(SYSTEM_DEPENDENCY_KEYS, { primary: string('Default "default".'), secondary: strings }),
        domain_events: events(DOMAIN_EVENT_KEYS, false),
        input_schema: { ...JSON_SCHEMA, description: 'The task input (task context).' },
        steps: { type: 'array', items: step },
        environments: {
          type: 'object',
          additionalProperties: optional({
            type: 'object',
            properties: {
              steps: optional({
                type: 'array',
                items: { type: 'object', required: ['name'], properties: { name: string('A step name, or ALL.') } },
              }),
            },
          }),
        },
        lifecycle: object(LIFECYCLE_KEYS, {
          max_duration_minutes: integer(),
          max_waiting_for_dependencies_minutes: integer(),
          max_waiting_for_retry_minutes: integer(),
          max_steps_in_process_minutes: integer(),
          staleness_action: string('Default "dlq".'),
          auto_fail_on_timeout: boolean,
          auto_dlq_on_timeout: boolean,
        }),
      },
      ['name', 'namespace_name', 'version'],
    ),
  };
}
