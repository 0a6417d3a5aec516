/**
 * The `{{ param | filter }}` patterns of template.toml (output `filename` and
 * `subdir`, parameter defaults, `notes`): Tasker's Tera syntax, so a plugin's
 * template.toml works unchanged. Variables and case filters are checked when
 * the manifest loads; a pattern with Tera tags (`{% if %}`) is rendered as Tera.
 * Either way a pattern never runs code.
 */
import { ScaffoldError } from './errors.js';
import { camelCase, kebabCase, pascalCase, snakeCase } from './heck.js';
import { renderTera, TeraError } from './tera.js';

/** Case filters (the Rust tool's, see heck.ts), under Tera's names and the short names the ejs helpers use. */
export const FILTERS: Readonly<Record<string, (text: string) => string>> = Object.freeze({
  snake_case: snakeCase,
  pascal_case: pascalCase,
  camel_case: camelCase,
  kebab_case: kebabCase,
  snake: snakeCase,
  pascal: pascalCase,
  camel: camelCase,
  kebab: kebabCase,
  lower: (text: string) => text.toLowerCase(),
  upper: (text: string) => text.toUpperCase(),
});

export type PatternSegment = { text: string } | { variable: string; filters: string[] };

export interface Pattern {
  source: string;
  segments: PatternSegment[];
  /** Parameter names the pattern reads, in order of appearance. */
  variables: string[];
  /** A pattern with Tera tags (`{% if %}`): rendered as Tera, its variables checked when it renders. */
  tera?: true;
}

const EXPRESSION = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*((?:\|\s*[A-Za-z_][A-Za-z0-9_]*\s*)*)$/;

/** Parses a pattern; returns a message (no location) when it is malformed or uses an unknown filter. */
export function parsePattern(source: string): Pattern | string {
  const segments: PatternSegment[] = [];
  const variables: string[] = [];
  let rest = source;
  while (rest.length > 0) {
    const open = rest.search(/\{\{|\{%|\{#/);
    if (open === -1) {
      segments.push({ text: rest });
      break;
    }
    if (rest.startsWith('{%', open) || rest.startsWith('{#', open)) return { source, segments: [], variables: [], tera: true };
    if (open > 0) segments.push({ text: rest.slice(0, open) });
    const close = rest.indexOf('}}', open + 2);
    if (close === -1) return `${JSON.stringify(source)} has "{{" without a closing "}}"`;
    const expression = rest.slice(open + 2, close);
    const match = EXPRESSION.exec(expression);
    if (!match) return `${JSON.stringify(source)}: "{{${expression}}}" is not of the form {{ parameter | filter }}`;
    const variable = match[1]!;
    const filters = (match[2] ?? '')
      .split('|')
      .map((f) => f.trim())
      .filter(Boolean);
    for (const filter of filters) {
      if (!Object.hasOwn(FILTERS, filter)) {
        return `${JSON.stringify(source)} uses unknown filter "${filter}"; known filters: ${Object.keys(FILTERS).join(', ')}`;
      }
    }
    segments.push({ variable, filters });
    if (!variables.includes(variable)) variables.push(variable);
    rest = rest.slice(close + 2);
  }
  return { source, segments, variables };
}

/** Renders a parsed pattern. Every variable must be in `values` (checked when the manifest is loaded). */
export function renderPattern(pattern: Pattern, values: Readonly<Record<string, string>>): string {
  if (pattern.tera) {
    try {
      return renderTera(pattern.source, 'template.toml', { ...values });
    } catch (error) {
      if (!(error instanceof TeraError)) throw error;
      throw new ScaffoldError(`pattern ${JSON.stringify(pattern.source)}: ${error.message}`);
    }
  }
  let out = '';
  for (const segment of pattern.segments) {
    if ('text' in segment) {
      out += segment.text;
      continue;
    }
    let value = values[segment.variable] ?? '';
    for (const filter of segment.filters) value = FILTERS[filter]!(value);
    out += value;
  }
  return out;
}
