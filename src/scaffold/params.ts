/**
 * Template parameters: `--param key=value` parsing and validation against the
 * manifest. Every problem is collected and reported in one line that also
 * lists the valid parameters.
 */
import { closestNames } from '../model/suggest.js';
import { q, ScaffoldError } from './errors.js';
import type { ParameterDef, TemplateDef } from './manifest.js';
import { renderPattern } from './pattern.js';

/** Parses `key=value` arguments (split at the first `=`). A key given twice is an error. */
export function parseParamArgs(args: readonly string[]): Record<string, string> {
  const values: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const arg of args) {
    const at = arg.indexOf('=');
    if (at <= 0) {
      throw new ScaffoldError(
        at === 0
          ? `--param ${q(arg)} has no name before "="`
          : `--param ${q(arg)} is not of the form key=value (e.g. --param name=ProcessPayment)`,
      );
    }
    const key = arg.slice(0, at).trim();
    if (Object.hasOwn(values, key)) throw new ScaffoldError(`--param ${key} is given twice`);
    values[key] = arg.slice(at + 1);
  }
  return values;
}

/** One line describing every parameter: `name (required), callable (default: …)`. */
export function describeParameters(template: TemplateDef): string {
  if (template.parameters.length === 0) return 'this template takes no parameters';
  return `valid parameters: ${template.parameters.map(describeParameter).join(', ')}`;
}

function describeParameter(parameter: ParameterDef): string {
  const notes: string[] = [];
  if (parameter.required && !parameter.default) notes.push('required');
  if (parameter.default) notes.push(`default: ${q(parameter.default.source)}`);
  if (parameter.choices) notes.push(`one of: ${parameter.choices.join(' | ')}`);
  return notes.length > 0 ? `${parameter.name} (${notes.join('; ')})` : parameter.name;
}

// C0 controls, DEL, C1 controls and the Unicode line/paragraph separators.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;

/**
 * Checks `given` against the template's parameters and fills in defaults (in
 * declaration order, so a default may read earlier parameters). Returns every
 * parameter's value; throws ScaffoldError listing all problems.
 */
export function resolveParameters(template: TemplateDef, given: Readonly<Record<string, string>>): Record<string, string> {
  const problems: string[] = [];
  const known = template.parameters.map((p) => p.name);
  for (const key of Object.keys(given).sort()) {
    if (known.includes(key)) continue;
    const close = closestNames(key, known, 1);
    problems.push(`unknown parameter ${q(key)}${close.length > 0 ? ` (did you mean ${q(close[0]!)}?)` : ''}`);
  }

  const values: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const parameter of template.parameters) {
    const supplied = Object.hasOwn(given, parameter.name) ? given[parameter.name] : undefined;
    let value: string;
    let from: string;
    if (supplied !== undefined) {
      value = supplied;
      from = `parameter ${q(parameter.name)}`;
    } else if (parameter.default) {
      value = renderPattern(parameter.default, values);
      from = `the default of ${q(parameter.name)} (${q(value)})`;
    } else if (parameter.required) {
      problems.push(`missing required parameter ${q(parameter.name)}${parameter.description ? ` (${parameter.description})` : ''}`);
      values[parameter.name] = '';
      continue;
    } else {
      value = '';
      from = `parameter ${q(parameter.name)}`;
    }
    values[parameter.name] = value;
    const problem = checkValue(parameter, value);
    if (problem) problems.push(`${from} ${problem}`);
  }

  if (problems.length > 0) {
    throw new ScaffoldError(`template ${q(template.name)}: ${problems.join('; ')}; ${describeParameters(template)}`);
  }
  return values;
}

function checkValue(parameter: ParameterDef, value: string): string | undefined {
  if (CONTROL.test(value)) return 'contains a line break or another control character';
  if (value === '') return parameter.required ? 'must not be empty' : undefined;
  if (value.trim() !== value) return `${q(value)} has leading or trailing spaces`;
  if (parameter.choices && !parameter.choices.includes(value)) return `is ${q(value)}; expected one of ${parameter.choices.join(', ')}`;
  if (parameter.pattern && !parameter.pattern.regex.test(value)) {
    return `is ${q(value)}, which does not match ${parameter.pattern.source}${parameter.description ? ` (${parameter.description})` : ''}`;
  }
  return undefined;
}
