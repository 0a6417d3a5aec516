/**
 * Run-time schema validation of task inputs (`input_schema`) and handler
 * results (`result_schema`). ajv and ajv-formats are imported on first use
 * only, so a worker that leaves validation off never loads them; each
 * schema is compiled once and cached.
 */
import type { JsonValue } from '../load/model.js';

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
          entry = ajv.compile(schema);
        } catch (error) {
          entry = { error: error instanceof Error ? error.message : String(error) };
        }
        this.compiled.set(schema, entry);
      }
    }
    if (typeof entry !== 'function') return { status: 'unusable', reason: entry.error };
    if (entry(data)) return { status: 'valid' };
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

function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function toViolation(error: AjvErrorLike): SchemaViolation {
  let pointer = error.instancePath;
  const missing = error.params.missingProperty ?? error.params.additionalProperty ?? error.params.unevaluatedProperty;
  if (typeof missing === 'string') pointer += `/${escapeSegment(missing)}`;
  return { pointer, message: error.message ?? error.keyword, keyword: error.keyword };
}

/** `/a/b: must be integer` (the root shown as `(root)`). */
export function describeViolation(violation: SchemaViolation): string {
  return `${violation.pointer === '' ? '(root)' : violation.pointer}: ${violation.message}`;
}
