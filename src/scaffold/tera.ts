/**
 * Tera templates (`*.tera`, the format of Tasker's published plugins),
 * rendered with nunjucks, the Jinja-family engine closest to Tera: same
 * `{{ }}`/`{% %}`/`{# #}` syntax, `if`/`for`/`set`/`include`/`macro`, whitespace
 * control, no autoescaping of code files. What Tera does differently is
 * bridged here: its case filters (heck's results), its named filter arguments
 * (`replace(from="a", to="b")`), a few filters nunjucks lacks, and an error for
 * an undefined variable. Differences left are listed in docs/templates.md.
 */
import { createRequire } from 'node:module';
import type NunjucksModule from 'nunjucks';
import { LineIndex } from '../model/source.js';
import { camelCase, kebabCase, pascalCase, snakeCase } from './heck.js';

type Nunjucks = typeof NunjucksModule;
let nunjucksModule: Nunjucks | undefined;

/** nunjucks loads on the first Tera template (plugins with ejs templates never pay for it). */
function nunjucks(): Nunjucks {
  nunjucksModule ??= createRequire(import.meta.url)('nunjucks') as Nunjucks;
  return nunjucksModule;
}

/** A render problem with its place in the template file (1-based), when nunjucks knows it. */
export class TeraError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }
}

type Keywords = Record<string, unknown> & { __keywords?: true };

/** Tera passes filter arguments by name; nunjucks hands named arguments over as a last `__keywords` object. */
function named(args: unknown[], ...names: string[]): unknown[] {
  const last = args[args.length - 1];
  if (typeof last === 'object' && last !== null && (last as Keywords).__keywords) {
    const keywords = last as Keywords;
    return names.map((name) => keywords[name]);
  }
  return args;
}

function text(filter: string, value: unknown): string {
  if (typeof value !== 'string')
    throw new Error(`filter \`${filter}\` expects a string, got ${value === undefined ? 'an undefined value' : typeof value}`);
  return value;
}

/** Filters whose Tera behaviour differs from nunjucks' built-in of the same name, or that nunjucks lacks. */
const TERA_FILTERS: Record<string, (value: unknown, ...args: unknown[]) => unknown> = {
  snake_case: (value) => snakeCase(text('snake_case', value)),
  pascal_case: (value) => pascalCase(text('pascal_case', value)),
  camel_case: (value) => camelCase(text('camel_case', value)),
  kebab_case: (value) => kebabCase(text('kebab_case', value)),
  replace: (value, ...args) => {
    const [from, to] = named(args, 'from', 'to');
    return text('replace', value)
      .split(String(from))
      .join(String(to ?? ''));
  },
  default: (value, ...args) => {
    const [fallback] = named(args, 'value');
    return value === undefined || value === null ? fallback : value;
  },
  join: (value, ...args) => {
    const [sep] = named(args, 'sep');
    return Array.isArray(value) ? value.join(sep === undefined ? '' : String(sep)) : value;
  },
  split: (value, ...args) => {
    const [pat] = named(args, 'pat');
    return text('split', value).split(String(pat));
  },
  truncate: (value, ...args) => {
    const [length, end] = named(args, 'length', 'end');
    const chars = [...text('truncate', value)];
    const max = typeof length === 'number' ? length : 255;
    return chars.length <= max ? chars.join('') : `${chars.slice(0, max).join('')}${end === undefined ? '…' : String(end)}`;
  },
  trim_start: (value) => text('trim_start', value).trimStart(),
  trim_end: (value) => text('trim_end', value).trimEnd(),
  as_str: (value) => String(value),
  json_encode: (value) => JSON.stringify(value),
  slugify: (value) => kebabCase(text('slugify', value).normalize('NFKD').replace(/\p{M}/gu, '')),
};

export const TERA_FILTER_NAMES = Object.keys(TERA_FILTERS);

/**
 * Renders Tera `source` (the file `name`, for `include`s relative to `root`)
 * with `context`. Throws TeraError, placed in the file where nunjucks says.
 */
export function renderTera(source: string, name: string, context: Record<string, unknown>, root?: string): string {
  const { Environment, FileSystemLoader, Template } = nunjucks();
  // Includes resolve inside the plugin folder only (the loader refuses paths that leave it); without a root, there are none.
  const env = new Environment(root === undefined ? null : new FileSystemLoader(root, { noCache: true }), {
    autoescape: false,
    throwOnUndefined: true,
  });
  for (const [filter, fn] of Object.entries(TERA_FILTERS)) env.addFilter(filter, fn);
  try {
    return new Template(source, env, name, true).render(context);
  } catch (error) {
    throw teraError(error, source);
  }
}

/** nunjucks' `(path) [Line 3, Column 5]\n  Error: message` as a message and a place; an undefined value named by its expression. */
function teraError(error: unknown, source: string): TeraError {
  const raw = error instanceof Error ? error.message : String(error);
  const place = /\[Line (\d+)(?:, Column (\d+))?\]/.exec(raw);
  const line = place ? Number(place[1]) : undefined;
  const column = place?.[2] !== undefined ? Number(place[2]) : undefined;
  let message = raw
    .replace(/^\([^)]*\)(?: \[Line \d+(?:, Column \d+)?\])?\s*/, '')
    .replace(/^(Template render error:\s*)+/, '')
    .replace(/^Error: /, '')
    .trim();
  if (/attempted to output null or undefined value/.test(message) && line !== undefined) {
    const expression = expressionAt(source, line, column);
    message = expression ? `\`${expression}\` is not defined (pass it as a parameter, or give it a default)` : 'a variable is not defined';
  }
  const unknownFilter = /^filter not found: (\S+)/.exec(message);
  if (unknownFilter) {
    // nunjucks does not place this one: the first use of the filter is where it is.
    const at = locate(source, new RegExp(`\\|\\s*${unknownFilter[1]!.replace(/[^\w]/g, '')}\\b`));
    return new TeraError(`unknown filter \`${unknownFilter[1]}\``, at?.line ?? line, at?.column ?? column);
  }
  return new TeraError(message.split('\n')[0]!, line, column);
}

/** The 1-based line and column of the first match of `pattern` in `source`. */
function locate(source: string, pattern: RegExp): { line: number; column: number } | undefined {
  const match = pattern.exec(source);
  if (!match) return undefined;
  // The last word of the match (a filter's name, past its `|`).
  const index = match.index + match[0].length - (/\w+$/.exec(match[0])?.[0].length ?? match[0].length);
  const { line, col } = new LineIndex(source).linePos(index);
  return { line, column: col };
}

/** The `{{ … }}` expression around a 1-based line and column, for naming an undefined variable. */
function expressionAt(source: string, line: number, column: number | undefined): string | undefined {
  const text = source.split('\n')[line - 1];
  if (text === undefined) return undefined;
  const at = Math.max(0, (column ?? 1) - 1);
  const open = text.lastIndexOf('{{', at + 2);
  const close = text.indexOf('}}', Math.max(open, 0));
  if (open === -1 || close === -1) return undefined;
  return text
    .slice(open + 2, close)
    .trim()
    .split('|')[0]!
    .trim();
}
