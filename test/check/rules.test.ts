/**
 * One case per diagnostic code: `fixtures/templates/invalid/<name>.yaml` must
 * report the code at an exact position with the key facts in its message, and
 * its near-identical counterpart `fixtures/templates/valid/<name>.yaml` must
 * report nothing at all. Codes whose trigger cannot be a committed text file
 * (binary-file, file-too-large) and the loader's hostile-input guarantees
 * (alias bombs, deep nesting, several documents per file) have their own blocks.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CODES, type Diagnostic, type Severity, TEMPLATE_RULES, type ValidateOptions, validateTemplates } from '../../src/index.js';
import { tempProject } from '../helpers.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const INVALID = 'fixtures/templates/invalid';
const VALID = 'fixtures/templates/valid';

function validate(paths: string | string[], options: ValidateOptions = {}) {
  return validateTemplates(Array.isArray(paths) ? paths : [paths], { cwd: REPO, ...options });
}

function show(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.pointer} ${d.message}`).join('\n');
}

interface Expected {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  pointer: string;
  /** Substrings the message must contain. */
  message: string[];
  /** Substring of the hint; `null` asserts there is no hint. */
  hint?: string | null;
  document?: number;
}

interface Case {
  /** File name (without .yaml) under fixtures/templates/invalid. */
  fixture: string;
  code: string;
  severity: Severity;
  /** File name (without .yaml) under fixtures/templates/valid: the near-identical clean template. */
  valid: string;
  /** Every diagnostic of `code` the invalid fixture must produce, in order. */
  expected: Expected[];
  /** The other codes the invalid fixture reports (knock-on effects), in order. */
  others?: string[];
  /** Templates the invalid fixture still yields (default 1). */
  templates?: number;
}

const CASES: Case[] = [
  // ---- Reading and parsing -------------------------------------------------
  {
    fixture: 'yaml-syntax',
    code: 'yaml-syntax',
    severity: 'error',
    valid: 'yaml-syntax',
    templates: 0,
    // `description: Step 3: email …` — the value starts a second mapping.
    expected: [{ line: 43, column: 18, pointer: '', message: ['compact mappings'] }],
  },
  {
    fixture: 'duplicate-key',
    code: 'duplicate-key',
    severity: 'error',
    valid: 'duplicate-key',
    // The second `max_attempts:` of process_payment's retry block.
    expected: [
      {
        line: 33,
        column: 7,
        pointer: '/steps/1/retry/max_attempts',
        message: ['duplicate mapping key `max_attempts`'],
        hint: 'remove or rename one of the keys',
      },
    ],
  },
  {
    fixture: 'yaml-alias-limit',
    code: 'yaml-alias-limit',
    severity: 'error',
    valid: 'yaml-alias-limit',
    templates: 0,
    // Reported at the alias whose expansion crossed the budget (its use site).
    expected: [
      {
        line: 15,
        column: 22,
        pointer: '/steps/0/handler/initialization/lol5/0',
        message: ['aliases expand to more than 10000 nodes'],
        hint: 'alias-expansion bomb',
      },
    ],
  },
  {
    fixture: 'empty-file',
    code: 'empty-file',
    severity: 'error',
    valid: 'empty-file',
    templates: 0,
    expected: [{ line: 1, column: 1, endLine: 1, endColumn: 1, pointer: '', message: ['holds no template'], hint: '`namespace_name`' }],
  },
  {
    fixture: 'root-not-mapping',
    code: 'root-not-mapping',
    severity: 'error',
    valid: 'root-not-mapping',
    templates: 0,
    expected: [{ line: 2, column: 1, pointer: '', message: ['must be a mapping', 'found a list'], hint: '`name:`' }],
  },

  // ---- Shape of the template ------------------------------------------------
  {
    fixture: 'missing-field',
    code: 'missing-field',
    severity: 'error',
    valid: 'missing-field',
    // A missing key is reported on its owner: the template mapping starts on line 2.
    expected: [{ line: 2, column: 1, pointer: '', message: ['template', 'missing required field `name`'], hint: '`name:`' }],
  },
  {
    fixture: 'missing-field--namespace-name',
    code: 'missing-field',
    severity: 'error',
    valid: 'missing-field',
    expected: [{ line: 2, column: 1, pointer: '', message: ['template', 'missing required field `namespace_name`'] }],
  },
  {
    fixture: 'missing-field--version',
    code: 'missing-field',
    severity: 'error',
    valid: 'missing-field',
    expected: [{ line: 2, column: 1, pointer: '', message: ['template', 'missing required field `version`'] }],
  },
  {
    fixture: 'missing-field--step-name',
    code: 'missing-field',
    severity: 'error',
    valid: 'missing-field',
    // `  - description: …` — the third step's mapping.
    expected: [{ line: 42, column: 5, pointer: '/steps/2', message: ['step', 'missing required field `name`'] }],
  },
  {
    fixture: 'missing-field--handler',
    code: 'missing-field',
    severity: 'error',
    valid: 'missing-field',
    expected: [{ line: 22, column: 5, pointer: '/steps/1', message: ['step', 'missing required field `handler`'], hint: 'callable' }],
  },
  {
    fixture: 'missing-field--callable',
    code: 'missing-field',
    severity: 'error',
    valid: 'missing-field',
    // The handler mapping starts at its `initialization:` key.
    expected: [{ line: 27, column: 7, pointer: '/steps/1/handler', message: ['handler', 'missing required field `callable`'] }],
  },
  {
    fixture: 'missing-field--batch-config',
    code: 'missing-field',
    severity: 'error',
    valid: 'missing-field--batch-config',
    expected: [
      { line: 26, column: 7, pointer: '/steps/1/batch_config', message: ['batch_config', 'missing required field `cursor_field`'] },
      { line: 26, column: 7, pointer: '/steps/1/batch_config', message: ['batch_config', 'missing required field `failure_strategy`'] },
    ],
  },
  {
    fixture: 'wrong-type',
    code: 'wrong-type',
    severity: 'error',
    valid: 'wrong-type',
    // `version: 1.0` is a YAML float; the hint says how to quote it.
    expected: [
      {
        line: 4,
        column: 10,
        endLine: 4,
        endColumn: 13,
        pointer: '/version',
        message: ['`version` must be a string', 'found a number'],
        hint: 'quote it: version: "1.0.0"',
      },
    ],
  },
  {
    fixture: 'wrong-type--dependencies-string',
    code: 'wrong-type',
    severity: 'error',
    valid: 'wrong-type',
    expected: [
      {
        line: 44,
        column: 19,
        endLine: 44,
        endColumn: 34,
        pointer: '/steps/2/dependencies',
        message: ['`dependencies` must be a list', 'found a string'],
        hint: 'dependencies: [process_payment]',
      },
    ],
    // With its dependencies unreadable, send_confirmation looks unconnected.
    others: ['orphan-step'],
  },
  {
    fixture: 'wrong-type--timeout-string',
    code: 'wrong-type',
    severity: 'error',
    valid: 'wrong-type',
    expected: [
      {
        line: 48,
        column: 22,
        endLine: 48,
        endColumn: 27,
        pointer: '/steps/2/timeout_seconds',
        message: ['`timeout_seconds` must be an integer', 'found a string'],
      },
    ],
  },
  {
    fixture: 'unknown-enum-value',
    code: 'unknown-enum-value',
    severity: 'error',
    valid: 'unknown-enum-value',
    expected: [
      {
        line: 16,
        column: 11,
        endLine: 16,
        endColumn: 18,
        pointer: '/steps/1/type',
        message: ['`type` is `decison`', '`standard`', '`decision`', '`deferred_convergence`', '`batchable`', '`batch_worker`'],
        hint: 'did you mean `decision`?',
      },
    ],
  },
  {
    fixture: 'unknown-enum-value--retry-backoff',
    code: 'unknown-enum-value',
    severity: 'error',
    valid: 'unknown-enum-value--retry-backoff',
    expected: [
      {
        line: 14,
        column: 16,
        pointer: '/steps/0/retry/backoff',
        message: ['`backoff` is `exponentail`', '`none`', '`linear`', '`exponential`', '`fibonacci`'],
        hint: 'did you mean `exponential`?',
      },
    ],
  },
  {
    fixture: 'unknown-enum-value--failure-strategy',
    code: 'unknown-enum-value',
    severity: 'error',
    valid: 'unknown-enum-value--failure-strategy',
    expected: [
      {
        line: 30,
        column: 25,
        pointer: '/steps/1/batch_config/failure_strategy',
        message: ['`failure_strategy` is `retry_failed`', '`continue_on_failure`', '`fail_fast`', '`isolate`'],
        hint: null,
      },
    ],
  },
  {
    fixture: 'unknown-enum-value--event-condition',
    code: 'unknown-enum-value',
    severity: 'error',
    valid: 'unknown-enum-value--event',
    expected: [
      {
        line: 24,
        column: 20,
        pointer: '/steps/1/publishes_events/0/condition',
        message: ['`condition` is `on_success`', '`retryable_failure`', '`permanent_failure`', '`always`'],
        hint: 'did you mean `success`?',
      },
    ],
  },
  {
    fixture: 'unknown-enum-value--delivery-mode',
    code: 'unknown-enum-value',
    severity: 'error',
    valid: 'unknown-enum-value--event',
    expected: [
      {
        line: 37,
        column: 24,
        pointer: '/steps/1/publishes_events/1/delivery_mode',
        message: ['`delivery_mode` is `async`', '`durable`', '`fast`', '`broadcast`'],
        hint: null,
      },
    ],
  },
  {
    fixture: 'conflicting-keys',
    code: 'conflicting-keys',
    severity: 'error',
    valid: 'conflicting-keys',
    // Underlines the alias key.
    expected: [
      {
        line: 26,
        column: 5,
        endLine: 26,
        endColumn: 15,
        pointer: '/steps/1/depends_on',
        message: ['`dependencies` and `depends_on` are both set'],
        hint: '`depends_on` is an alias of `dependencies`',
      },
    ],
  },
  {
    fixture: 'conflicting-keys--step-type',
    code: 'conflicting-keys',
    severity: 'error',
    valid: 'conflicting-keys--step-type',
    expected: [{ line: 17, column: 5, pointer: '/steps/1/step_type', message: ['`type` and `step_type` are both set'] }],
  },
  {
    fixture: 'unknown-key',
    code: 'unknown-key',
    severity: 'warning',
    valid: 'unknown-key',
    expected: [
      {
        line: 35,
        column: 5,
        endLine: 35,
        endColumn: 19,
        pointer: '/steps/1/timout_seconds',
        message: ['unknown step key `timout_seconds`', 'ignores it'],
        hint: 'did you mean `timeout_seconds`?',
      },
    ],
  },
  {
    fixture: 'ignored-key',
    code: 'ignored-key',
    severity: 'warning',
    valid: 'ignored-key',
    expected: [
      {
        line: 32,
        column: 7,
        endLine: 32,
        endColumn: 12,
        pointer: '/steps/1/retry/limit',
        message: ['`limit`', 'ignored by Tasker', 'max_attempts stays 3'],
        hint: '`max_attempts`',
      },
    ],
  },
  {
    fixture: 'ignored-key--task-handler',
    code: 'ignored-key',
    severity: 'warning',
    valid: 'ignored-key',
    expected: [
      { line: 5, column: 1, endLine: 5, endColumn: 13, pointer: '/task_handler', message: ['`task_handler`', 'ignored by Tasker'] },
    ],
  },
  {
    fixture: 'ignored-key--loaded-from',
    code: 'ignored-key',
    severity: 'warning',
    valid: 'ignored-key',
    expected: [{ line: 5, column: 1, endLine: 5, endColumn: 12, pointer: '/loaded_from', message: ['`loaded_from`', 'ignored by Tasker'] }],
  },

  // ---- Steps and the DAG ----------------------------------------------------
  {
    fixture: 'duplicate-step',
    code: 'duplicate-step',
    severity: 'error',
    valid: 'duplicate-step',
    expected: [
      {
        line: 54,
        column: 11,
        endLine: 54,
        endColumn: 28,
        pointer: '/steps/3/name',
        message: ['step `send_confirmation` is declared twice', 'first on line 42'],
      },
    ],
  },
  {
    fixture: 'self-dependency',
    code: 'self-dependency',
    severity: 'error',
    valid: 'self-dependency',
    expected: [
      {
        line: 46,
        column: 9,
        endLine: 46,
        endColumn: 26,
        pointer: '/steps/2/dependencies/1',
        message: ['step `send_confirmation` depends on itself'],
        hint: 'Remove `send_confirmation` from its dependencies',
      },
    ],
  },
  {
    fixture: 'unknown-dependency',
    code: 'unknown-dependency',
    severity: 'error',
    valid: 'unknown-dependency',
    expected: [
      {
        line: 45,
        column: 9,
        endLine: 45,
        endColumn: 24,
        pointer: '/steps/2/dependencies/0',
        message: ['step `send_confirmation` depends on `process_paymnet`', 'not a step of this template'],
        hint: 'did you mean `process_payment`?',
      },
    ],
  },
  {
    fixture: 'dependency-cycle',
    code: 'dependency-cycle',
    severity: 'error',
    valid: 'dependency-cycle',
    // validate_cart → send_confirmation → process_payment → validate_cart ("→" reads "depends on"),
    // reported on the first edge of the cycle, in the first-declared step.
    expected: [
      {
        line: 10,
        column: 9,
        endLine: 10,
        endColumn: 26,
        pointer: '/steps/0/dependencies/0',
        message: ['dependency cycle: validate_cart → send_confirmation → process_payment → validate_cart'],
        hint: 'DAG',
      },
    ],
  },
  {
    fixture: 'empty-callable',
    code: 'empty-callable',
    severity: 'error',
    valid: 'empty-callable',
    expected: [
      {
        line: 47,
        column: 17,
        endLine: 47,
        endColumn: 19,
        pointer: '/steps/2/handler/callable',
        message: ['step `send_confirmation` has an empty handler callable'],
      },
    ],
  },
  {
    fixture: 'decision-without-dependencies',
    code: 'decision-without-dependencies',
    severity: 'error',
    valid: 'decision-without-dependencies',
    expected: [
      {
        line: 16,
        column: 11,
        endLine: 16,
        endColumn: 19,
        pointer: '/steps/1/type',
        message: ['decision step `route_approval` has no dependencies', 'at least one'],
      },
    ],
    // validate_expense, which the decision should have depended on, is now unconnected.
    others: ['orphan-step'],
  },
  {
    fixture: 'invalid-worker-template',
    code: 'invalid-worker-template',
    severity: 'error',
    valid: 'invalid-worker-template',
    expected: [
      {
        line: 29,
        column: 24,
        endLine: 29,
        endColumn: 35,
        pointer: '/steps/1/batch_config/worker_template',
        message: ['worker_template `analyze_csv` is a `batchable` step', 'not a `batch_worker` step'],
        hint: 'Set `type: batch_worker` on step `analyze_csv`',
      },
    ],
  },
  {
    fixture: 'invalid-worker-template--unknown-step',
    code: 'invalid-worker-template',
    severity: 'error',
    valid: 'invalid-worker-template',
    expected: [
      {
        line: 29,
        column: 24,
        pointer: '/steps/1/batch_config/worker_template',
        message: ['worker_template `import_batch` is not a step of this template'],
        hint: 'did you mean `import_csv_batch`?',
      },
    ],
  },
  {
    fixture: 'missing-worker-template',
    code: 'missing-worker-template',
    severity: 'error',
    valid: 'missing-worker-template',
    expected: [
      {
        line: 8,
        column: 11,
        endLine: 8,
        endColumn: 20,
        pointer: '/steps/0/type',
        message: ['batchable step `analyze_csv` has no batch worker'],
        hint: 'type: batch_worker',
      },
    ],
  },
  {
    fixture: 'repeated-dependency',
    code: 'repeated-dependency',
    severity: 'warning',
    valid: 'repeated-dependency',
    expected: [
      {
        line: 50,
        column: 9,
        endLine: 50,
        endColumn: 21,
        pointer: '/steps/4/dependencies/2',
        message: ['step `finalize_approval` lists `auto_approve` more than once'],
      },
    ],
  },
  {
    fixture: 'orphan-step',
    code: 'orphan-step',
    severity: 'warning',
    valid: 'orphan-step',
    expected: [
      {
        line: 54,
        column: 11,
        endLine: 54,
        endColumn: 27,
        pointer: '/steps/3/name',
        message: ['step `record_analytics` has no dependencies and no dependents'],
      },
    ],
  },
  {
    fixture: 'unknown-override-step',
    code: 'unknown-override-step',
    severity: 'warning',
    valid: 'unknown-override-step',
    expected: [
      {
        line: 59,
        column: 15,
        endLine: 59,
        endColumn: 29,
        pointer: '/environments/test/steps/1/name',
        message: ['environment `test` overrides `process_paymnt`', 'not a step'],
        hint: 'did you mean `process_payment`?',
      },
    ],
  },
  {
    fixture: 'empty-steps',
    code: 'empty-steps',
    severity: 'warning',
    valid: 'empty-steps',
    expected: [{ line: 6, column: 1, endLine: 6, endColumn: 6, pointer: '/steps', message: ['the steps list is empty'] }],
  },
  {
    fixture: 'empty-steps--no-steps-key',
    code: 'empty-steps',
    severity: 'warning',
    valid: 'empty-steps',
    expected: [{ line: 2, column: 1, pointer: '', message: ['declares no steps'] }],
  },

  // ---- Template metadata ----------------------------------------------------
  {
    fixture: 'namespace-too-long',
    code: 'namespace-too-long',
    severity: 'warning',
    valid: 'namespace-too-long', // exactly 29 characters: still fine
    expected: [
      {
        line: 3,
        column: 17,
        endLine: 3,
        endColumn: 49,
        pointer: '/namespace_name',
        message: ['`ecommerce_checkout_processing_v2`', '32 characters', 'over 29'],
      },
    ],
  },
  {
    fixture: 'non-semver-version',
    code: 'non-semver-version',
    severity: 'warning',
    valid: 'non-semver-version',
    expected: [
      { line: 4, column: 10, endLine: 4, endColumn: 15, pointer: '/version', message: ['version `1.0`', 'x.y.z'], hint: '`1.0.0`' },
    ],
  },

  // ---- Schemas --------------------------------------------------------------
  {
    fixture: 'invalid-json-schema',
    code: 'invalid-json-schema',
    severity: 'error',
    valid: 'invalid-json-schema',
    // `type: strin` nested under result_schema.properties.email: points at that node.
    expected: [
      {
        line: 38,
        column: 17,
        endLine: 38,
        endColumn: 22,
        pointer: '/steps/0/result_schema/properties/email/type',
        message: ['result_schema of `create_account`', 'at `properties/email/type`', '"string"'],
        hint: 'draft-07',
      },
    ],
  },
  {
    fixture: 'invalid-json-schema--input-schema',
    code: 'invalid-json-schema',
    severity: 'error',
    valid: 'invalid-json-schema',
    expected: [
      {
        line: 15,
        column: 18,
        pointer: '/input_schema/properties/password/minLength',
        message: ['input_schema', 'at `properties/password/minLength`', 'must be integer'],
      },
    ],
  },
  {
    fixture: 'unresolved-schema-ref',
    code: 'unresolved-schema-ref',
    severity: 'error',
    valid: 'unresolved-schema-ref',
    expected: [
      {
        line: 17,
        column: 13,
        endLine: 17,
        endColumn: 35,
        pointer: '/input_schema/properties/address/$ref',
        message: ['"#/definitions/Adress"', 'does not resolve inside input_schema'],
        hint: '`definitions`',
      },
    ],
  },
  {
    fixture: 'unresolved-schema-ref--external',
    code: 'unresolved-schema-ref',
    severity: 'error',
    valid: 'unresolved-schema-ref',
    expected: [
      {
        line: 17,
        column: 13,
        pointer: '/input_schema/properties/address/$ref',
        message: ['external `$ref` "schemas/address.json"', 'not supported'],
      },
    ],
  },
  {
    fixture: 'input-schema-not-object',
    code: 'input-schema-not-object',
    severity: 'warning',
    valid: 'input-schema-not-object',
    expected: [
      {
        line: 6,
        column: 9,
        endLine: 6,
        endColumn: 14,
        pointer: '/input_schema/type',
        message: ['input_schema has type "array"', 'JSON object'],
      },
    ],
  },
  {
    fixture: 'result-schema-not-object',
    code: 'result-schema-not-object',
    severity: 'warning',
    valid: 'result-schema-not-object',
    expected: [
      {
        line: 50,
        column: 13,
        endLine: 50,
        endColumn: 19,
        pointer: '/steps/2/result_schema/type',
        message: ['result_schema of `send_confirmation`', 'type "string"', 'not `object`'],
      },
    ],
  },
  {
    fixture: 'missing-result-schema',
    code: 'missing-result-schema',
    severity: 'info',
    valid: 'missing-result-schema',
    expected: [
      {
        line: 42,
        column: 11,
        endLine: 42,
        endColumn: 28,
        pointer: '/steps/2/name',
        message: ['step `send_confirmation` has no result_schema'],
      },
    ],
  },
];

/** Codes covered outside the table (their trigger is generated, not committed as text). */
const GENERATED = ['binary-file', 'file-too-large'];
/** The one template code with no fixture: it needs a file the OS refuses to read. */
const SKIPPED = ['unreadable-file'];

/** Codes the loader reports while reading files (the check rules report the rest). */
const LOADER_CODES = [
  'yaml-syntax',
  'duplicate-key',
  'yaml-alias-limit',
  'file-too-large',
  'binary-file',
  'empty-file',
  'root-not-mapping',
  'unreadable-file',
];

describe('every template code has a case', () => {
  it('covers every loader code and every check rule', () => {
    const templateCodes = [...LOADER_CODES, ...TEMPLATE_RULES.map((r) => r.code)].sort();
    const covered = new Set([...CASES.map((c) => c.code), ...GENERATED, ...SKIPPED]);
    expect([...covered].sort()).toEqual(templateCodes);
    for (const code of templateCodes) expect(Object.keys(CODES), code).toContain(code);
  });

  it('states the documented severity for each case', () => {
    for (const c of CASES) expect(c.severity, c.code).toBe(CODES[c.code as keyof typeof CODES].severity);
  });
});

describe.each(CASES)('$code: invalid/$fixture.yaml', (c) => {
  const file = `${INVALID}/${c.fixture}.yaml`;

  it(`reports ${c.code} at the exact position`, () => {
    const result = validate(file);
    const found = result.diagnostics.filter((d) => d.code === c.code);
    expect(found.length, show(result.diagnostics)).toBe(c.expected.length);
    c.expected.forEach((e, i) => {
      const d = found[i]!;
      const position: Record<string, unknown> = { file, severity: c.severity, line: e.line, column: e.column, pointer: e.pointer };
      if (e.endLine !== undefined) position.endLine = e.endLine;
      if (e.endColumn !== undefined) position.endColumn = e.endColumn;
      const actual = Object.fromEntries(Object.keys(position).map((k) => [k, (d as unknown as Record<string, unknown>)[k]]));
      expect(actual).toEqual(position);
      expect(d.document).toBe(e.document);
      for (const fact of e.message) expect(d.message).toContain(fact);
      if (e.hint === null) expect(d.hint).toBeUndefined();
      else if (e.hint !== undefined) expect(d.hint).toContain(e.hint);
    });
  });

  it('reports nothing else but the expected knock-on codes', () => {
    const result = validate(file);
    const others = result.diagnostics.filter((d) => d.code !== c.code);
    expect(
      others.map((d) => d.code),
      show(others),
    ).toEqual(c.others ?? []);
    expect(result.templates).toHaveLength(c.templates ?? 1);
  });

  it(`valid/${c.valid}.yaml reports nothing`, () => {
    const result = validate(`${VALID}/${c.valid}.yaml`);
    expect(result.diagnostics.filter((d) => d.code === c.code)).toEqual([]);
    expect(result.diagnostics, show(result.diagnostics)).toEqual([]);
    expect(result.templates).toHaveLength(1);
  });
});

describe('binary-file', () => {
  it('reports a Latin-1 file as not UTF-8 (committed fixture)', () => {
    const result = validate(`${INVALID}/binary-file.yaml`);
    expect(result.templates).toEqual([]);
    expect(result.diagnostics).toEqual([
      {
        code: 'binary-file',
        severity: 'error',
        message: 'file is not valid UTF-8',
        hint: 'Save the file as UTF-8.',
        file: `${INVALID}/binary-file.yaml`,
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
        pointer: '',
      },
    ]);
  });

  it('accepts the same template saved as UTF-8', () => {
    const result = validate(`${VALID}/binary-file.yaml`);
    expect(result.diagnostics).toEqual([]);
    expect(result.templates[0]!.description).toBe('Créer le compte client et envoyer le courriel de bienvenue');
  });

  it('reports bytes 0xff 0xfe inside a string', () => {
    const { dir, cleanup } = tempProject({
      'template.yaml': Buffer.concat([
        Buffer.from('name: caf'),
        Buffer.from([0xff, 0xfe]),
        Buffer.from('\nnamespace_name: cafe\nversion: 1.0.0\n'),
      ]),
    });
    try {
      const result = validateTemplates([dir], { cwd: dir });
      expect(result.diagnostics.map((d) => [d.code, d.file, d.line, d.column, d.message])).toEqual([
        ['binary-file', 'template.yaml', 1, 1, 'file is not valid UTF-8'],
      ]);
    } finally {
      cleanup();
    }
  });

  it('reports a file with NUL bytes as binary, and a UTF-16 file too', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('name: x\n', 'utf16le')]);
    const { dir, cleanup } = tempProject({
      'image.yaml': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]),
      'utf16.yaml': utf16,
    });
    try {
      const result = validateTemplates([dir], { cwd: dir });
      expect(result.templates).toEqual([]);
      expect(result.diagnostics.map((d) => [d.code, d.file, d.line, d.column, d.severity])).toEqual([
        ['binary-file', 'image.yaml', 1, 1, 'error'],
        ['binary-file', 'utf16.yaml', 1, 1, 'error'],
      ]);
      expect(result.diagnostics[0]!.message).toContain('NUL');
    } finally {
      cleanup();
    }
  });

  it('accepts a UTF-8 byte-order mark', () => {
    const text = readFixture(`${VALID}/empty-steps.yaml`);
    const { dir, cleanup } = tempProject({ 'bom.yaml': `\ufeff${text}` });
    try {
      const result = validateTemplates([dir], { cwd: dir });
      expect(result.diagnostics).toEqual([]);
      expect(result.templates[0]!.name).toBe('nightly_session_cleanup');
    } finally {
      cleanup();
    }
  });
});

describe('file-too-large', () => {
  const file = `${VALID}/missing-field.yaml`;
  const size = statSync(path.join(REPO, file)).size;

  it('refuses a file over the configured limit, saying by how much', () => {
    const result = validate(file, { limits: { maxFileBytes: 512 } });
    expect(result.templates).toEqual([]);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ code: 'file-too-large', severity: 'error', file, line: 1, column: 1, pointer: '' });
    expect(result.diagnostics[0]!.message).toBe(`file is ${size} bytes, over the 512-byte limit`);
  });

  it('accepts a file of exactly the limit, and the same file under the default limit', () => {
    expect(validate(file, { limits: { maxFileBytes: size } }).diagnostics).toEqual([]);
    expect(validate(file).diagnostics).toEqual([]);
  });

  it('refuses a 3 MB file under the default 2 MiB limit without parsing it', () => {
    const { dir, cleanup } = tempProject({ 'huge.yaml': `name: huge\n${'# padding line\n'.repeat(200_000)}` });
    try {
      const result = validateTemplates([dir], { cwd: dir });
      expect(result.diagnostics.map((d) => [d.code, d.file, d.line, d.column])).toEqual([['file-too-large', 'huge.yaml', 1, 1]]);
      expect(result.diagnostics[0]!.message).toContain('over the 2097152-byte limit');
    } finally {
      cleanup();
    }
  });
});

describe('empty-file', () => {
  const cases: Array<[string, string]> = [
    ['zero bytes', ''],
    ['only blank lines', '\n\n   \n'],
    ['only a document marker and a comment', '---\n# the refund steps go here\n'],
    ['only document markers', '---\n---\n'],
  ];
  it.each(cases)('reports a file with %s', (_label, text) => {
    const { dir, cleanup } = tempProject({ 'stub.yaml': text });
    try {
      const result = validateTemplates([dir], { cwd: dir });
      expect(result.templates).toEqual([]);
      expect(result.diagnostics.map((d) => [d.code, d.severity, d.line, d.column, d.pointer])).toEqual([['empty-file', 'error', 1, 1, '']]);
    } finally {
      cleanup();
    }
  });

  it('ignores an empty document after a trailing `---`', () => {
    const text = `${readFixture(`${VALID}/empty-steps.yaml`)}---\n`;
    const { dir, cleanup } = tempProject({ 'trailing.yaml': text });
    try {
      const result = validateTemplates([dir], { cwd: dir });
      expect(result.diagnostics, show(result.diagnostics)).toEqual([]);
      expect(result.templates).toHaveLength(1);
    } finally {
      cleanup();
    }
  });
});

describe('root-not-mapping', () => {
  it('names the kind of root found', () => {
    const { dir, cleanup } = tempProject({ 'scalar.yaml': '# a stray note\norder_checkout\n', 'number.yaml': '42\n' });
    try {
      const result = validateTemplates([dir], { cwd: dir });
      expect(result.diagnostics.map((d) => [d.file, d.code, d.line, d.column, d.message])).toEqual([
        ['number.yaml', 'root-not-mapping', 1, 1, 'a task template must be a mapping, found a number'],
        ['scalar.yaml', 'root-not-mapping', 2, 1, 'a task template must be a mapping, found a string'],
      ]);
    } finally {
      cleanup();
    }
  });
});

describe('yaml-alias-limit: billion laughs', () => {
  it('stops a 9-level alias bomb fast and loads nothing from it', () => {
    const started = performance.now();
    const result = validate(`${INVALID}/yaml-alias-limit.yaml`);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(1000);
    expect(result.templates).toEqual([]);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['yaml-alias-limit']);
  });

  it('stops the classic standalone bomb too', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    const names = 'abcdefghi';
    for (let i = 1; i < names.length; i++)
      lines.push(
        `${names[i]}: &${names[i]} [${Array(9)
          .fill(`*${names[i - 1]}`)
          .join(',')}]`,
      );
    const { dir, cleanup } = tempProject({ 'lol.yaml': `${lines.join('\n')}\n` });
    try {
      const started = performance.now();
      const result = validateTemplates([dir], { cwd: dir });
      expect(performance.now() - started).toBeLessThan(1000);
      expect(result.diagnostics.map((d) => [d.code, d.severity])).toEqual([['yaml-alias-limit', 'error']]);
    } finally {
      cleanup();
    }
  });

  it('honours a lower alias budget', () => {
    const result = validate(`${VALID}/yaml-alias-limit.yaml`, { limits: { maxAliasExpansion: 3 } });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['yaml-alias-limit']);
    expect(result.diagnostics[0]!.message).toContain('more than 3 nodes');
  });

  it('expands ordinary aliases and merge keys', () => {
    const result = validate(`${VALID}/yaml-alias-limit.yaml`);
    const [exportStep, uploadStep] = result.templates[0]!.steps;
    expect(uploadStep!.retry).toMatchObject({ retryable: true, maxAttempts: 5, backoff: 'exponential' });
    expect(uploadStep!.handler.initialization).toEqual({ formats: ['csv', 'xlsx', 'pdf'] });
    expect(uploadStep!.resultSchema!.schema).toEqual(exportStep!.resultSchema!.schema);
  });
});

describe('deep nesting', () => {
  const header = 'name: deep\nnamespace_name: stress\nversion: 1.0.0\n';

  it('reports nesting past the depth limit at the first node too deep', () => {
    const depth = 200;
    const { dir, cleanup } = tempProject({ 'deep.yaml': `${header}input_schema: ${'['.repeat(depth)}${']'.repeat(depth)}\n` });
    try {
      const result = validateTemplates([dir], { cwd: dir });
      expect(result.templates).toEqual([]);
      // Depth 0 is the root mapping; the node at depth 129 is the 129th `[`.
      expect(result.diagnostics.map((d) => [d.code, d.line, d.column, d.message])).toEqual([
        ['yaml-syntax', 4, 'input_schema: '.length + 129, 'nesting deeper than 128 levels'],
      ]);
    } finally {
      cleanup();
    }
  });

  // Past ~800 levels the YAML parser's own recursion overflows; that must become a
  // diagnostic, not a crash. (100 000 levels also survive but take seconds in the parser.)
  it('does not crash on 20 000 flow levels or 1 000 block levels', () => {
    const depth = 20_000;
    const { dir, cleanup } = tempProject({
      'flow.yaml': `${header}input_schema: ${'['.repeat(depth)}${']'.repeat(depth)}\n`,
      'block.yaml': `${header}steps:\n${Array.from({ length: 1_000 }, (_, i) => `${'  '.repeat(i)}- `).join('\n')}x\n`,
    });
    try {
      const started = performance.now();
      const result = validateTemplates([dir], { cwd: dir });
      expect(performance.now() - started).toBeLessThan(10_000);
      expect(result.templates).toEqual([]);
      expect(result.files).toEqual(['block.yaml', 'flow.yaml']);
      for (const name of result.files) {
        const codes = result.diagnostics.filter((d) => d.file === name).map((d) => d.code);
        expect(codes.length, name).toBeGreaterThan(0);
        expect(new Set(codes), name).toEqual(new Set(['yaml-syntax']));
      }
    } finally {
      cleanup();
    }
  });

  it('accepts deep but reasonable nesting', () => {
    let init = 'leaf: true';
    for (let i = 0; i < 60; i++) init = `level_${i}: { ${init} }`;
    const text = `${header}steps:\n  - name: only_step\n    handler:\n      callable: stress.deep\n      initialization: { ${init} }\n    result_schema:\n      type: object\n`;
    const { dir, cleanup } = tempProject({ 'ok.yaml': text });
    try {
      const result = validateTemplates([dir], { cwd: dir });
      expect(result.diagnostics, show(result.diagnostics)).toEqual([]);
      expect(result.templates).toHaveLength(1);
    } finally {
      cleanup();
    }
  });
});

describe('several documents in one file', () => {
  const file = 'fixtures/templates/multi/order-and-refund.yaml';

  it('loads each document as a template', () => {
    const result = validate(file);
    expect(result.files).toEqual([file]);
    expect(result.templates.map((t) => [t.name, t.source.documentIndex, t.steps.length])).toEqual([
      ['place_order', 0, 2],
      ['refund_order', 1, 3],
    ]);
  });

  it('reports a problem in the second document at its line in the file', () => {
    const result = validate(file);
    expect(result.diagnostics).toEqual([
      {
        code: 'unknown-dependency',
        severity: 'error',
        message: 'step `notify_customer` depends on `relase_stock`, which is not a step of this template',
        hint: 'did you mean `release_stock`?',
        file,
        line: 35,
        column: 20,
        endLine: 35,
        endColumn: 32,
        pointer: '/steps/2/dependencies/0',
        document: 1,
      },
    ]);
  });
});

describe('callable edge cases', () => {
  it('reports `callable:` with no value once, as missing-field', () => {
    const text = replaceOnce(
      readFixture(`${VALID}/empty-callable.yaml`),
      'callable: Ecommerce::StepHandlers::SendConfirmationHandler',
      'callable:',
    );
    const { dir, cleanup } = tempProject({ 'null-callable.yaml': text });
    try {
      const result = validateTemplates([dir], { cwd: dir });
      expect(result.diagnostics.map((d) => [d.code, d.pointer, d.line])).toEqual([['missing-field', '/steps/2/handler', 47]]);
    } finally {
      cleanup();
    }
  });

  it('reports a non-string callable once, as wrong-type', () => {
    const text = replaceOnce(
      readFixture(`${VALID}/empty-callable.yaml`),
      'callable: Ecommerce::StepHandlers::SendConfirmationHandler',
      'callable: 42',
    );
    const { dir, cleanup } = tempProject({ 'number-callable.yaml': text });
    try {
      const result = validateTemplates([dir], { cwd: dir });
      expect(result.diagnostics.map((d) => [d.code, d.pointer, d.line, d.column, d.message])).toEqual([
        ['wrong-type', '/steps/2/handler/callable', 47, 17, '`callable` must be a string, found a number'],
      ]);
    } finally {
      cleanup();
    }
  });

  it('reports a whitespace-only callable as empty', () => {
    const text = replaceOnce(
      readFixture(`${VALID}/empty-callable.yaml`),
      'callable: Ecommerce::StepHandlers::SendConfirmationHandler',
      'callable: "   "',
    );
    const { dir, cleanup } = tempProject({ 'blank-callable.yaml': text });
    try {
      const result = validateTemplates([dir], { cwd: dir });
      expect(result.diagnostics.map((d) => [d.code, d.pointer, d.line, d.column])).toEqual([
        ['empty-callable', '/steps/2/handler/callable', 47, 17],
      ]);
    } finally {
      cleanup();
    }
  });
});

describe('clean templates', () => {
  it('the demo templates in fixtures/templates/clean report nothing at all', () => {
    const result = validate('fixtures/templates/clean');
    expect(result.files).toEqual([
      'fixtures/templates/clean/diamond-loan-underwriting.yaml',
      'fixtures/templates/clean/ecommerce-order-processing.yaml',
    ]);
    expect(result.diagnostics, show(result.diagnostics)).toEqual([]);
    expect(result.summary).toEqual({ files: 2, errors: 0, warnings: 0, infos: 0 });
    expect(result.templates.map((t) => [t.namespaceName, t.name, t.version, t.steps.length])).toEqual([
      ['lending', 'loan_underwriting', '2.0.0', 4],
      ['ecommerce', 'order_processing', '1.0.0', 5],
    ]);
  });

  it('every valid counterpart is clean', () => {
    const result = validate(VALID);
    expect(result.diagnostics, show(result.diagnostics)).toEqual([]);
    expect(result.templates).toHaveLength(result.files.length);
  });
});

/** Once-known bugs, kept as regression tests. */
describe('regressions', () => {
  it('duplicate-key names the duplicated key and points at the pointer it affects', () => {
    const [d] = validate(`${INVALID}/duplicate-key.yaml`).diagnostics;
    expect(d!.message).toContain('max_attempts');
    expect(d!.pointer).toBe('/steps/1/retry/max_attempts');
  });

  it('yaml-alias-limit points at the alias whose expansion crossed the budget, not into the anchor', () => {
    const [d] = validate(`${INVALID}/yaml-alias-limit.yaml`).diagnostics;
    const line = readFixture(`${INVALID}/yaml-alias-limit.yaml`).split('\n')[d!.line - 1]!;
    expect(line.slice(d!.column - 1)).toMatch(/^\*lol\d/);
    expect(d!.pointer).toMatch(/^\/steps\/0\/handler\/initialization\/lol\d\/\d$/);
  });

  // Prepared outside the test bodies, so a fixture edit that breaks them fails at load.
  const eventSchemaTypo = replaceOnce(
    readFixture(`${VALID}/unknown-enum-value--event.yaml`),
    '            payment_id:\n              type: string\n',
    '            payment_id:\n              type: strin\n',
  );
  const versionOneTen = replaceOnce(readFixture(`${VALID}/wrong-type.yaml`), 'version: 1.0.0', 'version: 1.10');

  it('schemas of published and domain events are checked like other schemas', () => {
    const text = eventSchemaTypo;
    const { dir, cleanup } = tempProject({ 'event-schema.yaml': text });
    try {
      const result = validateTemplates([dir], { cwd: dir });
      expect(result.diagnostics.map((d) => [d.code, d.pointer])).toEqual([
        ['invalid-json-schema', '/steps/1/publishes_events/0/schema/properties/payment_id/type'],
      ]);
    } finally {
      cleanup();
    }
  });

  it('the quoting hint for `version: 1.10` keeps the digits as written', () => {
    const { dir, cleanup } = tempProject({ 'version.yaml': versionOneTen });
    try {
      const [d] = validateTemplates([dir], { cwd: dir }).diagnostics;
      expect(d!.hint).toContain('version: "1.10.0"');
    } finally {
      cleanup();
    }
  });
});

function readFixture(relative: string): string {
  return readFileSync(path.join(REPO, relative), 'utf8');
}

function replaceOnce(text: string, search: string, replacement: string): string {
  const at = text.indexOf(search);
  if (at < 0 || text.indexOf(search, at + 1) >= 0) throw new Error(`expected exactly one ${JSON.stringify(search)}`);
  return text.slice(0, at) + replacement + text.slice(at + search.length);
}
