/**
 * Every diagnostic code the tool can emit, with its default severity and a
 * one-line summary. SARIF rule entries and docs/diagnostics.md come from here;
 * a code is never renamed once released.
 */
import type { Severity } from './diagnostic.js';

export interface CodeInfo {
  severity: Severity;
  summary: string;
}

export const CODES = {
  // Reading and parsing files
  'yaml-syntax': { severity: 'error', summary: 'The file is not valid YAML.' },
  'duplicate-key': { severity: 'error', summary: 'A mapping has the same key twice.' },
  'yaml-alias-limit': { severity: 'error', summary: 'YAML aliases expand past the safety limit (alias-expansion bomb).' },
  'file-too-large': { severity: 'error', summary: 'The file is larger than the size limit.' },
  'binary-file': { severity: 'error', summary: 'The file is binary or not UTF-8 text.' },
  'empty-file': { severity: 'error', summary: 'The file holds no template.' },
  'root-not-mapping': { severity: 'error', summary: 'A template document is not a mapping.' },
  'unreadable-file': { severity: 'error', summary: 'The file could not be read.' },

  // Shape of the template
  'missing-field': { severity: 'error', summary: 'A required field is missing.' },
  'wrong-type': { severity: 'error', summary: 'A value has the wrong type.' },
  'unknown-enum-value': { severity: 'error', summary: 'A value is not one of the values Tasker accepts.' },
  'conflicting-keys': { severity: 'error', summary: 'A key and its alias are both present (`dependencies` and `depends_on`).' },
  'unknown-key': { severity: 'warning', summary: 'A key Tasker does not know; the real parser ignores it silently.' },
  'ignored-key': { severity: 'warning', summary: 'A key Tasker reads past (`retry.limit`, `task_handler`, `loaded_from`).' },

  // Steps and the DAG
  'duplicate-step': { severity: 'error', summary: 'Two steps share a name.' },
  'self-dependency': { severity: 'error', summary: 'A step depends on itself.' },
  'unknown-dependency': { severity: 'error', summary: 'A step depends on a step the template does not declare.' },
  'dependency-cycle': { severity: 'error', summary: 'Dependencies form a cycle.' },
  'empty-callable': { severity: 'error', summary: '`handler.callable` is empty.' },
  'decision-without-dependencies': { severity: 'error', summary: 'A decision step has no dependencies.' },
  'invalid-worker-template': { severity: 'error', summary: '`batch_config.worker_template` does not name a `batch_worker` step.' },
  'missing-worker-template': { severity: 'error', summary: 'A batchable step has no `batch_worker` step for its analyzer to create.' },
  'repeated-dependency': { severity: 'warning', summary: 'A step lists the same dependency twice.' },
  'orphan-step': { severity: 'warning', summary: 'A step has no dependencies and no dependents.' },
  'unknown-override-step': { severity: 'warning', summary: 'An environment override names a step that does not exist.' },
  'empty-steps': { severity: 'warning', summary: 'The template declares no steps.' },

  // Template metadata
  'namespace-too-long': { severity: 'warning', summary: 'The namespace is over 29 characters, which breaks queue names.' },
  'non-semver-version': { severity: 'warning', summary: '`version` is not of the form x.y.z.' },

  // Schemas
  'invalid-json-schema': { severity: 'error', summary: 'A schema is not a valid JSON Schema (draft-07).' },
  'unresolved-schema-ref': { severity: 'error', summary: 'A `$ref` does not resolve inside its schema.' },
  'input-schema-not-object': { severity: 'warning', summary: 'An `input_schema` root is not an object type; a task input is a JSON object.' },
  'result-schema-not-object': { severity: 'warning', summary: 'A `result_schema` root is not an object type.' },
  'missing-result-schema': { severity: 'info', summary: 'A step has no `result_schema`; its dependents receive untyped results.' },

  // Generation
  'type-name-collision': { severity: 'info', summary: 'Names that would collide were made distinct (separators kept, else a short hash).' },
  'type-name-conflict': { severity: 'error', summary: 'A type could not be given a distinct name (should not happen: report it).' },
  'self-referencing-schema': { severity: 'info', summary: 'A `$ref` leads back to its own schema without a property or item in between; it adds nothing and is left out.' },
  'schema-not-compiled': { severity: 'warning', summary: 'A schema could not be turned into a TypeScript type; it is typed `JsonValue` (`JsonObject` for the task input).' },
  'unsatisfiable-result': { severity: 'info', summary: 'No value satisfies a step\'s result type (or the results of the steps sharing a callable); its stub throws instead of returning.' },
  'output-path-collision': { severity: 'info', summary: 'Files whose paths would collide (case or punctuation) were given a hash in their names.' },
  'output-path-conflict': { severity: 'error', summary: 'The same template (namespace, name and version) is declared twice.' },
  'callable-kind-conflict': { severity: 'error', summary: 'One callable is used by steps of different types (e.g. decision and standard).' },
  'unexported-handler': { severity: 'warning', summary: 'A handler found in the handler sources is not exported, so the registration index cannot import it.' },
  'inexpressible-schema-keyword': { severity: 'info', summary: 'A schema keyword has no TypeScript equivalent; the generated type ignores it.' },

  // Registry: handlers in code against callables in templates (validate registry, validate)
  'missing-handler': { severity: 'error', summary: 'A template callable has no handler in the scanned code.' },
  'duplicate-handler': { severity: 'error', summary: 'Two handlers are defined or registered under the same callable.' },
  'depends-unknown-step': { severity: 'error', summary: 'A handler `depends` entry names a step that does not exist in a template using its callable.' },
  'depends-not-ancestor': { severity: 'warning', summary: 'A handler `depends` entry names a step that is not an ancestor of the step, so the handler receives `null` there.' },
  'unknown-input-key': { severity: 'warning', summary: 'A handler `inputs` entry names a key absent from `input_schema` (an error when the schema sets `additionalProperties: false`).' },
  'unknown-route-step': { severity: 'error', summary: 'A literal `Decision.route([...])` names a step that does not depend on the decision step, so Tasker cannot create it.' },
  'unused-handler': { severity: 'warning', summary: 'No template step uses the callable of a handler.' },
  'dynamic-callable': { severity: 'warning', summary: 'A handler callable is not a static string, so it cannot be verified.' },
  'source-syntax-error': { severity: 'warning', summary: 'A handler source file has syntax errors; handlers in it may be missed.' },
  'shared-callable': { severity: 'info', summary: 'Several steps share one callable (method dispatch); each step is checked on its own.' },

  // Breaking changes (breaking --against): errors unless released with a major version bump
  'template-removed': { severity: 'error', summary: 'A template was removed.' },
  'step-removed': { severity: 'error', summary: 'A step was removed.' },
  'callable-changed': { severity: 'error', summary: 'A step names another handler callable.' },
  'step-type-changed': { severity: 'error', summary: 'A step changed type (its handler is written for the old one).' },
  'ancestor-removed': { severity: 'error', summary: 'A step lost an ancestor: a handler `depends` on it now receives null.' },
  'result-schema-removed': { severity: 'error', summary: 'A step no longer declares the result_schema that steps downstream read.' },
  'result-field-removed': { severity: 'error', summary: 'A result field a downstream step can read was removed (info when no step reads the result).' },
  'result-field-type-changed': { severity: 'error', summary: 'A readable result field changed or narrowed its type (or its set of values).' },
  'result-enum-value-removed': { severity: 'error', summary: 'A readable result field no longer allows an enum value.' },
  'input-field-required': { severity: 'error', summary: 'An input field was made required, or added as required: callers that leave it out fail.' },
  'input-field-type-changed': { severity: 'error', summary: 'An input field changed type (or its set of values).' },
  'input-enum-value-removed': { severity: 'error', summary: 'An input field no longer allows an enum value callers may send.' },
  'result-field-optional': { severity: 'warning', summary: 'A readable result field that was required is now optional.' },
  'input-enum-value-added': { severity: 'warning', summary: 'An input field allows a new enum value, which handlers may not expect.' },
  'additional-properties-closed': { severity: 'warning', summary: 'A schema now sets `additionalProperties: false`.' },
  'input-field-removed': { severity: 'info', summary: 'An input field was removed from input_schema.' },
  'optional-field-added': { severity: 'info', summary: 'A field was added (optional in inputs): safe.' },
  'result-enum-value-added': { severity: 'info', summary: 'A result field allows a new enum value: safe.' },

  // Plugins (plugin validate)
  'plugin-manifest': { severity: 'error', summary: 'A tasker-plugin.toml or template.toml is not valid (TOML, keys, names, patterns).' },
  'plugin-unknown-filter': { severity: 'error', summary: 'A template or pattern uses a filter that does not exist.' },
  'plugin-undefined-variable': { severity: 'error', summary: 'A template reads a variable that no parameter defines.' },
  'plugin-unreadable-file': { severity: 'error', summary: 'A file a manifest names is missing or cannot be read.' },
  'plugin-unsafe-output-path': { severity: 'error', summary: 'An output would be written outside the output folder.' },
  'plugin-render-error': { severity: 'error', summary: 'A template fails to render for another reason (syntax, a failing expression).' },

  // Project checks (validate)
  'stale-generated-file': { severity: 'error', summary: 'A generated file is missing or out of date: `tasker-ctl generate` would change it.' },
} as const satisfies Record<string, CodeInfo>;

export type Code = keyof typeof CODES;

export function codeInfo(code: string): CodeInfo | undefined {
  return (CODES as Record<string, CodeInfo>)[code];
}
