/**
 * Deterministic synthetic corpus for the benchmarks.
 *
 *   generateCorpus({ dir, templates, steps, seed })   → N task-template YAML files
 *   generateHandlerProject({ dir, files, ... })       → K TypeScript handler files
 *
 * Everything is driven by a seeded PRNG (mulberry32): the same options give the
 * same bytes on every machine. No Math.random, no clock, no absolute paths in
 * the output. The generated templates are valid (zero errors from
 * validateTemplates): unique step names, a DAG where step i > 0 depends on one
 * or two earlier steps, draft-07 schemas, quoted versions.
 *
 * CLI: node bench/synth.mjs <dir> [templates=100] [steps=10] [seed=1] [handlerFiles]
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// ---------------------------------------------------------------------------
// PRNG

/** mulberry32: tiny, fast, good enough for test data; returns floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  constructor(seed) {
    this.next = mulberry32(seed);
  }
  int(min, max) {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p) {
    return this.next() < p;
  }
  pick(list) {
    return list[Math.floor(this.next() * list.length)];
  }
  /** `count` distinct items, in the list's own order. */
  sample(list, count) {
    const chosen = new Set();
    const n = Math.min(count, list.length);
    while (chosen.size < n) chosen.add(Math.floor(this.next() * list.length));
    return [...chosen].sort((a, b) => a - b).map((i) => list[i]);
  }
}

/** A per-template seed, so template i does not depend on how many templates precede it. */
function deriveSeed(seed, index) {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (index + 1), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

// ---------------------------------------------------------------------------
// Vocabulary

const DOMAINS = {
  ecommerce: {
    workflows: ['order_processing', 'checkout', 'returns', 'cart_recovery', 'gift_card_issue'],
    nouns: ['cart', 'order', 'payment', 'inventory', 'shipment', 'invoice', 'discount', 'tax', 'receipt', 'customer'],
  },
  payments: {
    workflows: ['process_refund', 'settlement', 'chargeback', 'payout', 'reconciliation'],
    nouns: ['refund', 'transaction', 'ledger', 'payout', 'merchant', 'fee', 'currency', 'balance', 'dispute', 'card'],
  },
  data_pipeline: {
    workflows: ['analytics_pipeline', 'etl_daily', 'backfill', 'export', 'dedupe'],
    nouns: ['dataset', 'partition', 'record', 'schema', 'batch', 'metric', 'report', 'snapshot', 'table', 'cursor'],
  },
  customer_success: {
    workflows: ['onboarding', 'escalation', 'renewal', 'health_score', 'churn_review'],
    nouns: ['ticket', 'account', 'contract', 'survey', 'agent', 'policy', 'approval', 'note', 'sla', 'contact'],
  },
  notifications: {
    workflows: ['digest', 'campaign', 'alerting', 'reminder', 'broadcast'],
    nouns: ['message', 'template', 'audience', 'channel', 'preference', 'delivery', 'recipient', 'schedule', 'webhook', 'bounce'],
  },
  fulfillment: {
    workflows: ['pick_pack_ship', 'restock', 'carrier_booking', 'label_print', 'delivery_tracking'],
    nouns: ['package', 'warehouse', 'carrier', 'label', 'route', 'pallet', 'manifest', 'bin', 'pickup', 'tracking'],
  },
};
const DOMAIN_NAMES = Object.keys(DOMAINS);
const VERBS = [
  'validate',
  'fetch',
  'process',
  'update',
  'create',
  'send',
  'reserve',
  'calculate',
  'enrich',
  'notify',
  'publish',
  'archive',
  'reconcile',
  'approve',
  'score',
  'transform',
  'aggregate',
  'verify',
  'sync',
  'finalize',
];
const FIELD_WORDS = [
  'id',
  'status',
  'amount',
  'currency',
  'email',
  'name',
  'count',
  'total',
  'reason',
  'source',
  'region',
  'priority',
  'created_at',
  'updated_at',
  'reference',
  'quantity',
  'price',
  'code',
  'notes',
  'score',
  'label',
  'owner',
  'channel',
  'attempts',
  'duration_ms',
  'version',
  'tier',
  'category',
  'country',
  'summary',
];
const ENUM_SETS = [
  ['pending', 'active', 'completed', 'failed'],
  ['standard', 'express', 'overnight'],
  ['low', 'medium', 'high', 'critical'],
  ['credit_card', 'paypal', 'bank_transfer', 'wallet'],
  ['draft', 'published', 'archived'],
  ['approved', 'rejected', 'needs_review'],
];
const BACKOFFS = ['none', 'linear', 'exponential', 'fibonacci'];
const SENTENCES = [
  'as returned by the upstream service',
  'used by downstream steps',
  'normalised to lower case',
  'in the account currency',
  'set when the step completes',
  'for audit and reconciliation',
  'copied from the task input',
  'computed by the handler',
];

const pascal = (snake) =>
  snake
    .split(/[_-]/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
const camel = (snake) => {
  const p = pascal(snake);
  return p[0].toLowerCase() + p.slice(1);
};
const human = (snake) => snake.replace(/_/g, ' ');
const sentence = (snake) => {
  const h = human(snake);
  return h[0].toUpperCase() + h.slice(1);
};
const pad = (n, width) => String(n).padStart(width, '0');

// ---------------------------------------------------------------------------
// JSON Schema generation

/** Property kinds with the names that suit them (so `email` is an email, `items` an array of objects). */
const KINDS = [
  { kind: 'object', weight: 14, names: ['details', 'address', 'metadata', 'summary', 'owner', 'limits', 'context', 'billing'] },
  { kind: 'objectArray', weight: 11, names: ['items', 'line_items', 'entries', 'events', 'results', 'records', 'adjustments', 'errors'] },
  { kind: 'stringArray', weight: 7, names: ['tags', 'warnings', 'labels', 'codes', 'notes'] },
  { kind: 'enum', weight: 12, names: ['status', 'priority', 'tier', 'method', 'state', 'outcome'] },
  { kind: 'date', weight: 7, names: ['created_at', 'updated_at', 'processed_at', 'due_date', 'expires_at'] },
  { kind: 'email', weight: 3, names: ['email', 'contact_email', 'notify_email'] },
  { kind: 'uuid', weight: 5, names: ['id', 'request_id', 'correlation_id', 'external_id'] },
  { kind: 'uri', weight: 2, names: ['url', 'callback_url', 'receipt_url'] },
  { kind: 'integer', weight: 10, names: ['count', 'quantity', 'attempts', 'duration_ms', 'item_count', 'position'] },
  { kind: 'number', weight: 8, names: ['amount', 'total', 'price', 'score', 'rate', 'balance'] },
  { kind: 'boolean', weight: 7, names: ['valid', 'approved', 'success', 'retried', 'enabled'] },
  { kind: 'nullable', weight: 5, names: ['reason', 'error_message', 'comment', 'region'] },
  { kind: 'pattern', weight: 4, names: ['currency', 'slug', 'postal_code'] },
  { kind: 'string', weight: 8, names: ['name', 'reference', 'label', 'source', 'channel', 'title'] },
];
const KIND_WEIGHT = KINDS.reduce((sum, k) => sum + k.weight, 0);
const PATTERNS = { currency: '^[A-Z]{3}$', slug: '^[a-z0-9_-]+$', postal_code: '^\\d{4,10}$' };
const FORMAT_OF = { date: null, email: 'email', uuid: 'uuid', uri: 'uri' };

function pickKind(rng, nested) {
  for (;;) {
    let roll = rng.next() * KIND_WEIGHT;
    const kind = KINDS.find((k) => (roll -= k.weight) < 0) ?? KINDS[KINDS.length - 1];
    if (nested || (kind.kind !== 'object' && kind.kind !== 'objectArray')) return kind;
  }
}

/**
 * An object schema with nested objects up to `maxDepth` levels (1 = flat),
 * arrays of objects, enums, formats, required lists and descriptions.
 * `budget.nodes` caps the number of properties in the whole schema.
 */
function objectSchema(rng, depth, maxDepth, budget) {
  const count = depth === 1 ? rng.int(3, 6) : rng.int(2, 4);
  const properties = {};
  for (let i = 0; i < count && budget.nodes > 0; i += 1) {
    const kind = pickKind(rng, depth < maxDepth && budget.nodes > 3);
    let name = rng.pick(kind.names);
    for (let n = 2; name in properties; n += 1) name = `${rng.pick(kind.names)}_${n}`;
    properties[name] = propertySchema(rng, kind.kind, name, depth, maxDepth, budget);
  }
  const keys = Object.keys(properties);
  const schema = { type: 'object' };
  const required = keys.filter(() => rng.chance(0.6));
  if (required.length === 0 && keys.length > 0) required.push(keys[0]);
  schema.required = required;
  schema.properties = properties;
  if (rng.chance(0.15)) schema.additionalProperties = false;
  return schema;
}

function propertySchema(rng, kind, name, depth, maxDepth, budget) {
  budget.nodes -= 1;
  let schema;
  switch (kind) {
    case 'object':
      schema = objectSchema(rng, depth + 1, maxDepth, budget);
      break;
    case 'objectArray':
      schema = { type: 'array', items: objectSchema(rng, depth + 1, maxDepth, budget) };
      if (rng.chance(0.3)) schema.minItems = 1;
      break;
    case 'stringArray':
      schema = { type: 'array', items: { type: 'string' } };
      break;
    case 'enum':
      schema = { type: 'string', enum: rng.pick(ENUM_SETS) };
      break;
    case 'date':
      schema = { type: 'string', format: name === 'due_date' ? 'date' : 'date-time' };
      break;
    case 'email':
    case 'uuid':
    case 'uri':
      schema = { type: 'string', format: FORMAT_OF[kind] };
      break;
    case 'integer':
      schema = { type: 'integer', minimum: 0 };
      if (rng.chance(0.4)) schema.maximum = rng.pick([10, 100, 1000, 100000]);
      break;
    case 'number':
      schema = { type: 'number' };
      if (rng.chance(0.5)) schema.minimum = 0;
      break;
    case 'boolean':
      schema = { type: 'boolean' };
      break;
    case 'nullable':
      schema = { type: ['string', 'null'] };
      break;
    case 'pattern':
      schema = { type: 'string', pattern: PATTERNS[name.replace(/_\d+$/, '')] ?? '^[a-z0-9_-]+$' };
      break;
    default:
      schema = { type: 'string', minLength: 1 };
      if (rng.chance(0.2)) schema.default = 'unknown';
  }
  if (rng.chance(0.7)) schema.description = `${sentence(name.replace(/_\d+$/, ''))} ${rng.pick(SENTENCES)}`;
  return schema;
}

// ---------------------------------------------------------------------------
// Template model

/**
 * Builds the in-memory model of template `index` (no I/O). Both the YAML
 * writer and the handler-project writer use it, so they always agree.
 */
export function buildTemplate(seed, index, stepCount) {
  const rng = new Random(deriveSeed(seed, index));
  const domain = DOMAIN_NAMES[index % DOMAIN_NAMES.length];
  const { workflows, nouns } = DOMAINS[domain];
  const workflow = rng.pick(workflows);
  // Unique per template, <= 29 characters (queue-name limit).
  const namespace = `${domain}_${pad(index, 5)}`;
  const name = `${workflow}_${pad(index, 5)}`;
  const version = `${rng.int(1, 3)}.${rng.int(0, 9)}.${rng.int(0, 20)}`;
  const ns = pascal(namespace);

  // Task input.
  const inputSchema = objectSchema(rng, 1, rng.int(2, 4), { nodes: 10 });
  const inputKeys = Object.keys(inputSchema.properties);

  const steps = [];
  const used = new Set();
  for (let i = 0; i < stepCount; i += 1) {
    let stepName;
    for (let attempt = 0; ; attempt += 1) {
      stepName = `${rng.pick(VERBS)}_${rng.pick(nouns)}`;
      if (attempt > 20) stepName = `${stepName}_${i}`;
      if (!used.has(stepName)) break;
    }
    used.add(stepName);

    const dependencies = [];
    if (i > 0) {
      // Mostly the previous step (long chains, like real workflows), sometimes a fan-in of two.
      const first = rng.chance(0.7) ? i - 1 : rng.int(0, i - 1);
      dependencies.push(first);
      if (i > 1 && rng.chance(0.35)) {
        let second = rng.int(0, i - 1);
        if (second === first) second = second === 0 ? 1 : second - 1;
        if (second !== first) dependencies.push(second);
      }
      dependencies.sort((a, b) => a - b);
    }

    const retry = {
      retryable: rng.chance(0.9),
      max_attempts: rng.int(1, 5),
      backoff: rng.pick(BACKOFFS),
    };
    if (retry.backoff !== 'none') {
      retry.backoff_base_ms = rng.pick([100, 250, 500, 1000]);
      retry.max_backoff_ms = rng.pick([5000, 10000, 30000, 60000]);
    }
    const initialization = rng.chance(0.4) ? { scenario: workflow, [`${rng.pick(FIELD_WORDS)}_limit`]: rng.int(1, 500) } : undefined;
    const resultSchema = rng.chance(0.85) ? objectSchema(rng, 1, rng.int(1, 4), { nodes: 6 }) : undefined;
    const stepInputs = rng.sample(inputKeys, rng.int(0, Math.min(2, inputKeys.length)));
    const events = rng.chance(0.15)
      ? [
          {
            name: `${stepName.replace(/_/g, '.')}.completed`,
            description: `Published when ${human(stepName)} succeeds`,
            condition: 'success',
            delivery_mode: rng.pick(['durable', 'fast']),
            schema: {
              type: 'object',
              required: ['id'],
              properties: { id: { type: 'string' }, at: { type: 'string', format: 'date-time' } },
            },
          },
        ]
      : [];

    steps.push({
      name: stepName,
      description: `${sentence(stepName)} ${rng.pick(SENTENCES)}`,
      callable: `${ns}.StepHandlers.${pascal(stepName)}Handler`,
      dependencyIndexes: dependencies,
      retry,
      timeoutSeconds: rng.pick([10, 30, 60, 120, 300]),
      initialization,
      resultSchema,
      inputs: stepInputs,
      events,
    });
  }
  for (const step of steps) step.dependencies = step.dependencyIndexes.map((i) => steps[i].name);

  return {
    index,
    domain,
    name,
    namespace,
    version,
    description: `${sentence(workflow)} workflow for ${human(domain)} (synthetic benchmark template ${index})`,
    author: rng.pick(['Platform Team', 'Payments Squad', 'Data Engineering', 'Growth Team']),
    tags: [`namespace:${namespace}`, `pattern:${workflow}`, `domain:${domain}`, 'generated:bench'],
    inputSchema,
    steps,
    testOverrides: steps.filter(() => rng.chance(0.3)).map((s) => s.name),
  };
}

// ---------------------------------------------------------------------------
// YAML writer (block style, like the real templates; deterministic)

const RESERVED = /^(?:true|false|yes|no|on|off|y|n|null|~)$/i;
const PLAIN = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function scalar(value) {
  if (value === null) return 'null';
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (PLAIN.test(value) && !RESERVED.test(value)) return value;
  return JSON.stringify(value); // a JSON string is a valid YAML double-quoted scalar
}

function isEmpty(value) {
  return (Array.isArray(value) && value.length === 0) || (value && typeof value === 'object' && Object.keys(value).length === 0);
}

/** Emits `value` (a mapping) as block YAML lines at `indent`. */
function emitMap(obj, indent, out) {
  const sp = ' '.repeat(indent);
  for (const [key, value] of Object.entries(obj)) {
    if (value === undefined) continue;
    const k = scalar(key);
    if (value === null || typeof value !== 'object') out.push(`${sp}${k}: ${scalar(value)}`);
    else if (isEmpty(value)) out.push(`${sp}${k}: ${Array.isArray(value) ? '[]' : '{}'}`);
    else if (Array.isArray(value)) {
      out.push(`${sp}${k}:`);
      emitSeq(value, indent + 2, out);
    } else {
      out.push(`${sp}${k}:`);
      emitMap(value, indent + 2, out);
    }
  }
}

function emitSeq(list, indent, out) {
  const sp = ' '.repeat(indent);
  for (const item of list) {
    if (item === null || typeof item !== 'object') out.push(`${sp}- ${scalar(item)}`);
    else if (isEmpty(item)) out.push(`${sp}- ${Array.isArray(item) ? '[]' : '{}'}`);
    else if (Array.isArray(item)) {
      out.push(`${sp}-`);
      emitSeq(item, indent + 2, out);
    } else {
      const inner = [];
      emitMap(item, indent + 2, inner);
      inner[0] = `${sp}- ${inner[0].slice(indent + 2)}`;
      out.push(...inner);
    }
  }
}

export function templateToYaml(t) {
  const out = [
    `# TaskTemplate Configuration - synthetic benchmark corpus`,
    `#`,
    `# ${t.description}`,
    `# Template: ${t.namespace}/${t.name}:${t.version}`,
    `#`,
    '---',
  ];
  emitMap(
    {
      name: t.name,
      namespace_name: t.namespace,
    },
    0,
    out,
  );
  out.push(`version: ${t.version}`); // x.y.z is a string in YAML; never a float
  emitMap(
    {
      description: t.description,
      metadata: {
        author: t.author,
        tags: t.tags,
        created_at: '2026-01-12T00:00:00Z',
        updated_at: '2026-01-12T00:00:00Z',
      },
      system_dependencies: { primary: 'default', secondary: [] },
      domain_events: [],
      input_schema: t.inputSchema,
    },
    0,
    out,
  );
  out.push('steps:');
  for (const s of t.steps) {
    const step = {
      name: s.name,
      description: s.description,
      handler: { callable: s.callable, ...(s.initialization ? { initialization: s.initialization } : {}) },
      dependencies: s.dependencies,
      retry: s.retry,
      timeout_seconds: s.timeoutSeconds,
      publishes_events: s.events,
      result_schema: s.resultSchema,
    };
    emitSeq([step], 2, out);
    out.push('');
  }
  if (t.testOverrides.length > 0) {
    emitMap({ environments: { test: { steps: t.testOverrides.map((name) => ({ name, timeout_seconds: 10 })) } } }, 0, out);
  }
  while (out[out.length - 1] === '') out.pop();
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------
// Corpus

/**
 * Writes `templates` YAML files of `steps` steps each under `dir`, in one
 * sub-folder per domain (namespace family). `dir` is emptied first.
 * Returns a small manifest (also written as `dir`/.manifest.json; dot-files
 * are skipped by the template walker).
 */
export function generateCorpus({ dir, templates = 100, steps = 10, seed = 1 }) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = [];
  let bytes = 0;
  let stepCount = 0;
  let schemaCount = 0;
  for (let i = 0; i < templates; i += 1) {
    const t = buildTemplate(seed, i, steps);
    const text = templateToYaml(t);
    const rel = `${t.domain}/${t.name}.yaml`;
    mkdirSync(path.join(dir, t.domain), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
    files.push(rel);
    bytes += Buffer.byteLength(text);
    stepCount += t.steps.length;
    schemaCount += 1 + t.steps.filter((s) => s.resultSchema).length;
  }
  const manifest = { generator: 'bench/synth.mjs', seed, templates, steps, files: files.length, bytes, stepCount, schemaCount };
  writeFileSync(path.join(dir, '.manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

// ---------------------------------------------------------------------------
// Handler project

/** A plain value that satisfies `schema` (required properties only). */
function sampleValue(schema, key) {
  if (!schema || typeof schema !== 'object') return null;
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const out = {};
      for (const name of schema.required ?? []) out[name] = sampleValue(schema.properties?.[name], name);
      return out;
    }
    case 'array':
      return schema.minItems ? [sampleValue(schema.items, key)] : [];
    case 'integer':
      return schema.minimum ?? 1;
    case 'number':
      return 1.5;
    case 'boolean':
      return true;
    case 'string': {
      const byFormat = {
        date: '2026-01-12',
        'date-time': '2026-01-12T00:00:00Z',
        email: 'user@example.com',
        uuid: '00000000-0000-4000-8000-000000000000',
        uri: 'https://example.com/',
      };
      if (schema.format) return byFormat[schema.format] ?? 'value';
      if (schema.pattern === '^[A-Z]{3}$') return 'USD';
      if (schema.pattern === '^\\d{4,10}$') return '12345';
      return key ?? 'value';
    }
    default:
      return null;
  }
}

/** Renders a JS literal with 2-space indentation (keys quoted only when needed). */
function literal(value, indent) {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const sp = ' '.repeat(indent + 2);
  const end = ' '.repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => `${sp}${literal(v, indent + 2)}`).join(',\n')},\n${end}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  const key = (k) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : JSON.stringify(k));
  return `{\n${entries.map(([k, v]) => `${sp}${key(k)}: ${literal(v, indent + 2)}`).join(',\n')},\n${end}}`;
}

function handlerSource(template, step) {
  const depends = {};
  for (const dep of step.dependencies) depends[`${camel(dep)}Result`] = dep;
  const inputs = {};
  for (const key of step.inputs) {
    // `context` is always injected; never shadow it (or a dependency parameter).
    const param = camel(key) === 'context' || camel(key) in depends ? `${camel(key)}Input` : camel(key);
    inputs[param] = key;
  }
  const params = [...Object.keys(depends), ...Object.keys(inputs), 'context'];
  const result = sampleValue(step.resultSchema ?? { type: 'object' }, undefined);
  const options = literal({ ...(step.dependencies.length ? { depends } : {}), ...(step.inputs.length ? { inputs } : {}) }, 2);
  return [
    `export const ${pascal(template.namespace)}${pascal(step.name)}Handler = defineHandler(`,
    `  ${JSON.stringify(step.callable)},`,
    `  ${options},`,
    `  async ({ ${params.join(', ')} }) => (${literal(result, 2)}),`,
    `);`,
  ].join('\n');
}

/**
 * Writes `files` TypeScript handler files under `dir`/src/handlers, each
 * `defineHandler(...)` from 'tasker-ctl/runtime' with the exact callable of a
 * step in the corpus generated with the same `templates`, `steps` and `seed`.
 * Handlers are spread round-robin over the files until every callable has one;
 * with more files than steps, the extra files are not written.
 * `omit` (default 0) leaves out every n-th callable, to give a registry check
 * something to find. `dir` is emptied first.
 */
export function generateHandlerProject({ dir, files, templates = 100, steps = 10, seed = 1, omit = 0 }) {
  rmSync(dir, { recursive: true, force: true });
  const handlerDir = path.join(dir, 'src', 'handlers');
  mkdirSync(handlerDir, { recursive: true });
  const all = [];
  for (let i = 0; i < templates; i += 1) {
    const t = buildTemplate(seed, i, steps);
    for (const s of t.steps) all.push({ template: t, step: s });
  }
  const kept = omit > 0 ? all.filter((_, i) => (i + 1) % omit !== 0) : all;
  const omitted = all.length - kept.length;
  const count = Math.max(1, Math.min(files, kept.length));
  const buckets = Array.from({ length: count }, () => []);
  kept.forEach((entry, i) => {
    buckets[i % count].push(entry);
  });
  const width = String(count - 1).length;
  const written = [];
  buckets.forEach((bucket, i) => {
    if (bucket.length === 0) return;
    const rel = `src/handlers/handlers_${pad(i, width)}.ts`;
    const text = [
      `// Synthetic handlers for the tasker-ctl benchmarks (bench/synth.mjs). Do not edit.`,
      `import { defineHandler } from 'tasker-ctl/runtime';`,
      '',
      bucket.map(({ template, step }) => handlerSource(template, step)).join('\n\n'),
      '',
    ].join('\n');
    writeFileSync(path.join(dir, rel), text);
    written.push(rel);
  });
  writeFileSync(
    path.join(dir, 'tsconfig.json'),
    `${JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, types: [] }, include: ['src'] }, null, 2)}\n`,
  );
  const manifest = { generator: 'bench/synth.mjs', seed, templates, steps, files: written.length, handlers: kept.length, omitted };
  writeFileSync(path.join(dir, '.manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

// ---------------------------------------------------------------------------

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, templates = '100', steps = '10', seed = '1', handlerFiles] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node bench/synth.mjs <dir> [templates=100] [steps=10] [seed=1] [handlerFiles]');
    process.exit(2);
  }
  const opts = { templates: Number(templates), steps: Number(steps), seed: Number(seed) };
  console.log(generateCorpus({ dir, ...opts }));
  if (handlerFiles) console.log(generateHandlerProject({ dir: `${dir}-handlers`, files: Number(handlerFiles), ...opts }));
}
