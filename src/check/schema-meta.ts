/**
 * Validates schemas against the draft-07 meta-schema; one compiled validator
 * per process. ajv loads on the first schema checked: every command imports
 * the rules (the code catalogue is made from them), few check schemas.
 */
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { JsonValue } from '../model/template.js';

let metaValidator: ValidateFunction | undefined;

function draft07(): ValidateFunction {
  if (!metaValidator) {
    const { Ajv } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
    const ajv = new Ajv({ allErrors: true, strict: false });
    metaValidator = ajv.getSchema('http://json-schema.org/draft-07/schema')!;
  }
  return metaValidator;
}

export interface SchemaProblem {
  /** JSON pointer inside the schema. */
  path: string;
  message: string;
}

/** One problem per offending schema node, with the most useful message for it. */
export function metaSchemaProblems(schema: JsonValue): SchemaProblem[] {
  const validate = draft07();
  if (validate(schema)) return [];
  const byPath = new Map<string, ErrorObject[]>();
  for (const error of validate.errors ?? []) {
    const list = byPath.get(error.instancePath) ?? [];
    list.push(error);
    byPath.set(error.instancePath, list);
  }
  return [...byPath].map(([path, errors]) => ({ path, message: describe(errors) }));
}

function describe(errors: ErrorObject[]): string {
  const allowed = errors.find((e) => e.keyword === 'enum');
  if (allowed) {
    const values = (allowed.params as { allowedValues: unknown[] }).allowedValues;
    return `must be one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  const types = errors.filter((e) => e.keyword === 'type').map((e) => (e.params as { type: string }).type);
  if (types.length > 0) return `must be ${[...new Set(types)].join(' or ')}`;
  const specific = errors.find((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf') ?? errors[0]!;
  return specific.message ?? 'is not valid';
}
