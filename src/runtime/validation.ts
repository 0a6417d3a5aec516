/**
 * Run-time schema validation of task inputs (`input_schema`) and handler
 * results (`result_schema`). ajv and ajv-formats are imported on first use
 * only, so a worker that leaves validation off never loads them; each
 * schema is compiled once and cached.
 */
import type { JsonValue } from '../model/template.js';

export type ValidationMode = 'off' | 'warn' | 'strict';

/** Where `warn` mode (and schema problems) are reported. Default: `console`. */
export interface RuntimeLogger {
  warn(message: string, details?: Record<string, unknown>): void;
}

/** One way a value does not match its schema. */
export interface SchemaViolation {
  /** JSON pointer of the offending value ('' is the whole value). */
  pointer: string;
  /** ajv's message, e.g. `must be integer`. */
  message: string;
  /** The schema keyword that failed, e.g. `type`, `required`. */
  keyword: string;
}

export type SchemaCheck =
  | { status: 'valid' }
  | { status: 'invalid'; violations: SchemaViolation[] }
  /** The schema could not be compiled; it is reported once and then ignored. */
  | { status: 'unusable'; reason: string };

interface AjvErrorLike {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}
type CompiledSchema = ((data: unknown) => boolean) & { errors?: AjvErrorLike[] | null };
interface AjvLike {
  compile(schema: unknown): CompiledSchema;
}

/** Compiled validators for one registry. */
export class SchemaValidators {
  private ajv: Promise<AjvLike> | undefined;
  private readonly compiled = new Map<unknown, CompiledSchema | { error: string }>();

  /** Validates `data` against `schema` (compiling it on first use). */
  async check(schema: JsonValue, data: unknown): Promise<SchemaCheck> {
    let entry = this.compiled.get(schema);
    if (!entry) {
      const ajv = await (this.ajv ??= loadAjv());
      entry = this.compiled.get(schema);
      if (!entry) {
        try {
          entry = ajv.compile(protoSafe(schema, true));
        } catch (error) {
          entry = { error: error instanceof Error ? error.message : String(error) };
        }
        this.compiled.set(schema, entry);
      }
    }
    if (typeof entry !== 'function') return { status: 'unusable', reason: entry.error };
    if (entry(protoSafe(data, false))) return { status: 'valid' };
    return { status: 'invalid', violations: (entry.errors ?? []).map(toViolation) };
  }

  /** How many schemas have been compiled (or failed to compile). */
  get size(): number {
    return this.compiled.size;
  }
}

async function loadAjv(): Promise<AjvLike> {
  const [ajvModule, formatsModule] = await Promise.all([import('ajv'), import('ajv-formats')]);
  const ajv = new ajvModule.Ajv({ allErrors: true, strict: false, validateFormats: true });
  // ajv-formats is CommonJS: its plugin is module.exports (also exposed as .default).
  const formats = formatsModule.default as unknown as { default?: unknown };
  const addFormats = (typeof formats.default === 'function' ? formats.default : formats) as (ajv: unknown) => unknown;
  addFormats(ajv);
  return ajv as unknown as AjvLike;
}

/**
 * ajv never reads a property named `__proto__` (it filters the name out of
 * schemas, for safety), and reads data through ordinary property access, where
 * `constructor` or `toString` are found on the prototype. So both sides get a
 * copy in which every object has no prototype and `__proto__` is spelt
 * `PROTO_KEY`: in the schema where it names a property, in the data wherever
 * it is a key. Violations spell it back.
 */
const PROTO_KEY = '\u0000__proto__';

function protoSafe(value: unknown, isSchema: boolean, owner?: string): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => (isSchema && owner === 'required' && item === '__proto__' ? PROTO_KEY : protoSafe(item, isSchema)));
  }
  if (typeof value !== 'object' || value === null) return value;
  const out = Object.create(null) as Record<string, unknown>;
  const namesProperties =
    !isSchema || owner === 'properties' || owner === 'dependencies' || owner === 'dependentRequired' || owner === 'dependentSchemas';
  for (const key of Object.keys(value)) {
    const name = namesProperties && key === '__proto__' ? PROTO_KEY : key;
    // In a schema, the keyword a value sits under says what its keys are; property maps hold schemas again.
    const childOwner =
      isSchema && owner !== 'properties' && owner !== 'definitions' && owner !== '$defs' && owner !== 'patternProperties' ? key : undefined;
    out[name] = protoSafe((value as Record<string, unknown>)[key], isSchema, childOwner);
  }
  return out;
}

function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function toViolation(error: AjvErrorLike): SchemaViolation {
  let pointer = error.instancePath;
  const missing = error.params.missingProperty ?? error.params.additionalProperty ?? error.params.unevaluatedProperty;
  if (typeof missing === 'string') pointer += `/${escapeSegment(missing)}`;
  const unprotect = (text: string) => text.split(PROTO_KEY).join('__proto__');
  return { pointer: unprotect(pointer), message: unprotect(error.message ?? error.keyword), keyword: error.keyword };
}

/** `/a/b: must be integer` (the root shown as `(root)`). */
export function describeViolation(violation: SchemaViolation): string {
  return `${violation.pointer === '' ? '(root)' : violation.pointer}: ${violation.message}`;
}
