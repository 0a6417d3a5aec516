/**
 * Manifests in Tasker's plugin layout, read with smol-toml:
 *
 *   <plugin>/tasker-plugin.toml    [plugin] name, description, version, language, framework?
 *                                  [[templates]] name, path, description
 *   <plugin>/<path>/template.toml  name, description, language?, notes?
 *                                  [[parameters]] name, description, required, default, pattern?, choices?
 *                                  [[outputs]] template, filename, subdir?
 *
 * Tasker's keys keep their meaning; `language`, `notes`, `pattern` and `choices`
 * are additions. Unknown keys are errors (a typo such as `requried` must not
 * silently make a parameter optional). Problems throw ScaffoldError naming the
 * file and key.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse, TomlError } from 'smol-toml';
import { closestNames } from '../model/suggest.js';
import { displayPath } from '../shared/display-path.js';
import { isInside } from '../write/paths.js';
import { firstLine, q, ScaffoldError } from './errors.js';
import { type Pattern, parsePattern } from './pattern.js';

export const PLUGIN_MANIFEST = 'tasker-plugin.toml';
export const TEMPLATE_MANIFEST = 'template.toml';

export interface PluginInfo {
  name: string;
  description: string;
  version: string;
  language: string;
  framework?: string;
  /** Absolute folder holding tasker-plugin.toml. */
  dir: string;
  /** True for the templates that ship with tasker-ctl. */
  builtin: boolean;
  /** Where it was found, for listings: `built in`, its folder, or `remote <name>`. */
  source?: string;
}

export interface ParameterDef {
  name: string;
  description: string;
  required: boolean;
  /** A `{{ param | filter }}` pattern; may read parameters declared before this one. */
  default?: Pattern;
  /** Anchored regular expression every non-empty value must match. */
  pattern?: { source: string; regex: RegExp };
  /** The only values accepted, when given. */
  choices?: string[];
}

export interface OutputDef {
  /** The template file as named in the manifest. */
  template: string;
  /** Absolute path of the template file. */
  templatePath: string;
  /** `tera` for a `.tera` file (Tasker's plugins, rendered with nunjucks), else `ejs`. */
  engine: 'ejs' | 'tera';
  filename: Pattern;
  subdir?: Pattern;
}

export interface TemplateDef {
  name: string;
  description: string;
  language: string;
  plugin: PluginInfo;
  /** Absolute template folder. */
  dir: string;
  /** Manifest path for messages (relative to the working directory). */
  manifestFile: string;
  parameters: ParameterDef[];
  outputs: OutputDef[];
  /** Printed after generating; a pattern over the parameters. */
  notes?: Pattern;
}

/** Names the ejs templates get as helpers; a parameter may not take them. */
export const RESERVED_NAMES = new Set([
  'params',
  'template',
  'snake',
  'pascal',
  'camel',
  'kebab',
  'snake_case',
  'pascal_case',
  'camel_case',
  'kebab_case',
  'str',
  'json',
  'yamlStr',
  'jsdoc',
  'identifier',
  'include',
  'locals',
  'outputs',
  'pathOf',
  'importOf',
  'key',
  '__proto__',
  'constructor',
  'prototype',
]);

const PARAMETER_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

type Table = Record<string, unknown>;

/** Reads keys of one TOML table, reporting type errors and unknown keys with the file and key path. */
class TableReader {
  private readonly seen = new Set<string>();
  constructor(
    private readonly file: string,
    private readonly where: string,
    private readonly values: Table,
  ) {}

  private fail(message: string): never {
    throw new ScaffoldError(`${this.file}: ${message}`);
  }

  private label(key: string): string {
    return this.where ? `${this.where}.${key}` : key;
  }

  string(key: string, required: true): string;
  string(key: string, required?: false): string | undefined;
  string(key: string, required = false): string | undefined {
    this.seen.add(key);
    const value = this.values[key];
    if (value === undefined) {
      if (required) this.fail(`${this.label(key)} is missing`);
      return undefined;
    }
    if (typeof value !== 'string') this.fail(`${this.label(key)} must be a string, found ${describe(value)}`);
    return value;
  }

  /** A string; numbers and booleans are accepted and written as text (TOML `default = 100`). */
  scalar(key: string): string | undefined {
    this.seen.add(key);
    const value = this.values[key];
    if (value === undefined) return undefined;
    if (typeof value === 'string') return value;
    if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') return String(value);
    return this.fail(`${this.label(key)} must be a string, found ${describe(value)}`);
  }

  boolean(key: string): boolean | undefined {
    this.seen.add(key);
    const value = this.values[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') this.fail(`${this.label(key)} must be true or false, found ${describe(value)}`);
    return value;
  }

  strings(key: string): string[] | undefined {
    this.seen.add(key);
    const value = this.values[key];
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) this.fail(`${this.label(key)} must be an array of strings`);
    return value as string[];
  }

  tables(key: string, hint?: string): Table[] {
    this.seen.add(key);
    const value = this.values[key];
    if (value === undefined) return [];
    if (!Array.isArray(value) || value.some((v) => !isTable(v))) {
      this.fail(`${this.label(key)} must be an array of tables ([[${key}]])${hint ? `; ${hint}` : ''}`);
    }
    return value as Table[];
  }

  table(key: string): Table {
    this.seen.add(key);
    const value = this.values[key];
    if (value === undefined) this.fail(`the [${this.label(key)}] table is missing`);
    if (!isTable(value)) this.fail(`${this.label(key)} must be a table ([${key}])`);
    return value;
  }

  /** Fails on keys nobody read. */
  done(): void {
    for (const key of Object.keys(this.values)) {
      if (this.seen.has(key)) continue;
      const close = closestNames(key, this.seen, 1);
      this.fail(
        `unknown key ${this.label(key)}${close.length > 0 ? ` (did you mean ${q(close[0]!)}?)` : ''}; known keys: ${[...this.seen].join(', ')}`,
      );
    }
  }
}

function isTable(value: unknown): value is Table {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a date';
  if (isTable(value)) return 'a table';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function readToml(absolutePath: string, file: string): Table {
  let text: string;
  try {
    text = readFileSync(absolutePath, 'utf8');
  } catch (error) {
    throw new ScaffoldError(`${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return parse(text) as Table;
  } catch (error) {
    if (error instanceof TomlError) throw new ScaffoldError(`${file}:${error.line}:${error.column}: ${firstLine(error.message)}`);
    throw new ScaffoldError(`${file}: ${firstLine((error as Error).message)}`);
  }
}

/** A relative path that must stay inside `base` (no absolute paths, no `..`). */
function relativeInside(base: string, relative: string, file: string, what: string, cwd: string | undefined): string {
  const problem =
    relative === ''
      ? 'is empty'
      : path.isAbsolute(relative) || /^[A-Za-z]:/.test(relative)
        ? 'is absolute'
        : relative.split(/[\\/]/).includes('..')
          ? "contains '..'"
          : undefined;
  const resolved = path.resolve(base, relative);
  if (problem || !isInside(base, resolved)) {
    throw new ScaffoldError(
      `${file}: ${what} ${q(relative)} ${problem ?? 'leaves its folder'}; it must be a path inside ${q(displayPath(base, cwd))}`,
    );
  }
  return resolved;
}

export interface PluginManifest {
  plugin: PluginInfo;
  templates: Array<{ name: string; path: string; description: string }>;
}

/** Reads `<dir>/tasker-plugin.toml`. */
export function readPluginManifest(dir: string, options: { builtin?: boolean; cwd?: string } = {}): PluginManifest {
  const absolutePath = path.join(dir, PLUGIN_MANIFEST);
  const file = displayPath(absolutePath, options.cwd);
  const root = new TableReader(file, '', readToml(absolutePath, file));
  const pluginTable = root.table('plugin');
  const templates = root.tables(
    'templates',
    'this looks like the pre-release plugin schema (`[templates] name = { path = … }`); write one [[templates]] table with name, path and description per template',
  );
  root.done();

  const reader = new TableReader(file, 'plugin', pluginTable);
  const plugin: PluginInfo = {
    name: reader.string('name', true),
    description: reader.string('description') ?? '',
    version: reader.string('version') ?? '',
    language: '',
    dir,
    builtin: options.builtin ?? false,
  };
  const language = reader.string('language');
  const languages = reader.strings('languages');
  const framework = reader.string('framework');
  reader.done();
  if (language === undefined) {
    throw new ScaffoldError(
      `${file}: plugin.language is missing${languages ? ' (`languages = [...]` is the pre-release schema; write `language = "typescript"`)' : ''}`,
    );
  }
  plugin.language = language;
  if (framework !== undefined) plugin.framework = framework;
  if (plugin.name.trim() === '') throw new ScaffoldError(`${file}: plugin.name is empty`);

  const seen = new Set<string>();
  const entries = templates.map((table, index) => {
    const entry = new TableReader(file, `templates[${index}]`, table);
    const name = entry.string('name', true);
    const relative = entry.string('path', true);
    const description = entry.string('description') ?? '';
    entry.done();
    if (seen.has(name)) throw new ScaffoldError(`${file}: template ${q(name)} is listed twice`);
    seen.add(name);
    relativeInside(dir, relative, file, `templates[${index}].path`, options.cwd);
    return { name, path: relative, description };
  });
  return { plugin, templates: entries };
}

/** Reads one template folder's template.toml, checking every pattern and file it names. */
export function readTemplateManifest(
  plugin: PluginInfo,
  entry: { name: string; path: string; description: string },
  options: { cwd?: string } = {},
): TemplateDef {
  const dir = path.resolve(plugin.dir, entry.path);
  const absolutePath = path.join(dir, TEMPLATE_MANIFEST);
  const file = displayPath(absolutePath, options.cwd);
  if (!existsSync(absolutePath)) {
    throw new ScaffoldError(
      `${displayPath(path.join(plugin.dir, PLUGIN_MANIFEST), options.cwd)}: template ${q(entry.name)} has no ${file}`,
    );
  }
  const root = new TableReader(file, '', readToml(absolutePath, file));
  const name = root.string('name') ?? entry.name;
  const description = root.string('description') ?? entry.description;
  const language = root.string('language') ?? plugin.language;
  const notesSource = root.string('notes');
  const parameterTables = root.tables('parameters');
  const outputTables = root.tables('outputs');
  root.done();
  if (name !== entry.name) {
    throw new ScaffoldError(`${file}: name ${q(name)} differs from the name ${q(entry.name)} in ${PLUGIN_MANIFEST}; use one name`);
  }

  const parameters: ParameterDef[] = [];
  const declared = new Set<string>();
  parameterTables.forEach((table, index) => {
    const where = `parameters[${index}]`;
    const reader = new TableReader(file, where, table);
    const parameterName = reader.string('name', true);
    const parameter: ParameterDef = {
      name: parameterName,
      description: reader.string('description') ?? '',
      required: reader.boolean('required') ?? false,
    };
    const defaultSource = reader.scalar('default');
    const patternSource = reader.string('pattern');
    const choices = reader.strings('choices');
    reader.done();
    if (!PARAMETER_NAME.test(parameterName)) {
      throw new ScaffoldError(
        `${file}: ${where}.name ${q(parameterName)} is not a valid name (letters, digits and _, not starting with a digit)`,
      );
    }
    if (RESERVED_NAMES.has(parameterName))
      throw new ScaffoldError(`${file}: parameter name ${q(parameterName)} is reserved for a template helper; rename it`);
    if (declared.has(parameterName)) throw new ScaffoldError(`${file}: parameter ${q(parameterName)} is declared twice`);
    if (patternSource !== undefined) {
      try {
        parameter.pattern = { source: patternSource, regex: new RegExp(`^(?:${patternSource})$`, 'u') };
      } catch (error) {
        throw new ScaffoldError(`${file}: ${where}.pattern is not a valid regular expression: ${firstLine((error as Error).message)}`);
      }
    }
    if (choices !== undefined) {
      if (choices.length === 0) throw new ScaffoldError(`${file}: ${where}.choices is empty`);
      parameter.choices = choices;
    }
    if (defaultSource !== undefined) {
      parameter.default = checkedPattern(defaultSource, file, `${where}.default`, declared, 'declared before it');
    }
    declared.add(parameterName);
    parameters.push(parameter);
  });

  if (outputTables.length === 0) throw new ScaffoldError(`${file}: no [[outputs]]; a template must produce at least one file`);
  const outputs = outputTables.map((table, index): OutputDef => {
    const where = `outputs[${index}]`;
    const reader = new TableReader(file, where, table);
    const template = reader.string('template', true);
    const filename = reader.string('filename', true);
    const subdir = reader.string('subdir');
    reader.done();
    const templatePath = resolveTemplateFile(dir, template, file, `${where}.template`, options.cwd);
    const output: OutputDef = {
      template,
      templatePath,
      engine: templatePath.endsWith('.tera') ? 'tera' : 'ejs',
      filename: checkedPattern(filename, file, `${where}.filename`, declared, 'declared'),
    };
    if (subdir !== undefined) output.subdir = checkedPattern(subdir, file, `${where}.subdir`, declared, 'declared');
    return output;
  });

  const definition: TemplateDef = { name, description, language, plugin, dir, manifestFile: file, parameters, outputs };
  if (notesSource !== undefined) definition.notes = checkedPattern(notesSource, file, 'notes', declared, 'declared');
  return definition;
}

function checkedPattern(source: string, file: string, where: string, known: ReadonlySet<string>, knownWord: string): Pattern {
  const pattern = parsePattern(source);
  if (typeof pattern === 'string') throw new ScaffoldError(`${file}: ${where}: ${pattern}`);
  for (const variable of pattern.variables) {
    if (!known.has(variable)) {
      const close = closestNames(variable, known, 1);
      throw new ScaffoldError(
        `${file}: ${where} reads {{ ${variable} }}, which is not a parameter ${knownWord}${close.length > 0 ? ` (did you mean ${q(close[0]!)}?)` : ''}`,
      );
    }
  }
  return pattern;
}

/** The template file of an output: a `.tera` file is rendered as Tera, anything else as ejs. */
function resolveTemplateFile(dir: string, template: string, file: string, where: string, cwd: string | undefined): string {
  const resolved = relativeInside(dir, template, file, where, cwd);
  if (isFile(resolved)) return resolved;
  throw new ScaffoldError(`${file}: ${where} names ${q(template)}, which does not exist in ${q(displayPath(dir, cwd))}`);
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}
