/**
 * Rendering a template: each output's ejs file with the parameter values and
 * helpers, its path from the `filename`/`subdir` patterns. Paths are checked
 * here (relative, no `..`, no absolute, no control characters, no collisions)
 * before anything touches the disk.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ejs from 'ejs';
import { runtimeTarget, testContextCode } from '../emit/targets.js';
import { camelCase, identifier, jsdocText, kebabCase, pascalCase, propertyKey, snakeCase, stringLiteral } from '../plan/naming.js';
import { displayPath } from '../shared/display-path.js';
import { collisionKey, isInside, validateOutputPath } from '../write/paths.js';
import { firstLine, q, ScaffoldError } from './errors.js';
import type { TemplateDef } from './manifest.js';
import { renderPattern } from './pattern.js';
import { renderTera, TeraError } from './tera.js';

export interface RenderedFile {
  /** Relative to the output folder, `/`-separated. */
  path: string;
  content: string;
  /** The ejs file it came from, as named in the manifest. */
  template: string;
}

export interface RenderedTemplate {
  files: RenderedFile[];
  /** The manifest's `notes`, rendered (empty when there are none). */
  notes: string;
}

/** A YAML double-quoted scalar: JSON escapes plus every character YAML does not print as is. */
export function yamlString(value: string): string {
  // eslint-disable-next-line no-control-regex
  return JSON.stringify(value).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** What every ejs template can use besides its parameters (documented in docs/templates.md). */
export function templateHelpers(): Record<string, unknown> {
  return {
    snake: snakeCase,
    pascal: pascalCase,
    camel: camelCase,
    kebab: kebabCase,
    snake_case: snakeCase,
    pascal_case: pascalCase,
    camel_case: camelCase,
    kebab_case: kebabCase,
    str: (value: unknown) => stringLiteral(String(value)),
    /** What gives a test `createStepContext` on this runtime (an import, or a function for the SDK, which has no helper). */
    testContext: (runtime: unknown) => testContextCode(runtimeTarget(String(runtime)), false),
    json: (value: unknown) => JSON.stringify(value),
    yamlStr: (value: unknown) => yamlString(String(value)),
    jsdoc: (value: unknown) => jsdocText(String(value)),
    identifier: (value: unknown) => identifier(String(value)),
    key: (value: unknown) => propertyKey(String(value)),
  };
}

export function renderTemplate(
  template: TemplateDef,
  values: Readonly<Record<string, string>>,
  options: { cwd?: string } = {},
): RenderedTemplate {
  // Paths first: every template can refer to every output (importOf, pathOf).
  const byKey = new Map<string, { path: string; template: string }>();
  const paths = template.outputs.map((output) => {
    const filename = renderPattern(output.filename, values);
    const subdir = output.subdir ? renderPattern(output.subdir, values).replace(/\/+$/, '') : '';
    const relPath = subdir === '' ? filename : `${subdir}/${filename}`;
    const problem = validateOutputPath(relPath);
    if (problem) {
      throw new ScaffoldError(
        `template ${q(template.name)}: the output of ${q(output.template)} would be written to ${problem}; every output must stay inside the output folder`,
      );
    }
    const other = byKey.get(collisionKey(relPath));
    if (other) {
      throw new ScaffoldError(
        `template ${q(template.name)}: ${q(other.template)} and ${q(output.template)} would both write ${q(relPath)}${other.path === relPath ? '' : ` (as ${q(other.path)}; names differing only in case collide on macOS and Windows)`}`,
      );
    }
    byKey.set(collisionKey(relPath), { path: relPath, template: output.template });
    return relPath;
  });
  const outputs: Record<string, string> = {};
  template.outputs.forEach((output, index) => {
    outputs[output.template] = paths[index]!;
    outputs[path.relative(template.dir, output.templatePath).split(path.sep).join('/')] = paths[index]!;
  });
  const target = (name: string): string => {
    const found = Object.hasOwn(outputs, name) ? outputs[name] : undefined;
    if (found === undefined)
      throw new Error(`no output is rendered from ${JSON.stringify(name)}; outputs: ${Object.keys(outputs).join(', ')}`);
    return found;
  };

  const files = template.outputs.map((output, index): RenderedFile => {
    const here = path.posix.dirname(paths[index]!);
    const pathOf = (name: string): string => {
      const rel = path.posix.relative(here, target(name));
      return rel.startsWith('../') ? rel : `./${rel}`;
    };
    const data: Record<string, unknown> = {
      ...templateHelpers(),
      ...values,
      params: { ...values },
      template: { name: template.name, language: template.language, plugin: template.plugin.name },
      outputs: { ...outputs },
      pathOf,
      importOf: (name: string) => pathOf(name).replace(/\.(m|c)?tsx?$/, (_m, kind: string | undefined) => `.${kind ?? ''}js`),
    };
    const content =
      output.engine === 'tera'
        ? renderTeraFile(template, output.templatePath, values, options.cwd)
        : renderFile(template, output.templatePath, data, options.cwd);
    return { path: paths[index]!, content, template: output.template };
  });
  const notes = template.notes ? renderPattern(template.notes, values).replace(/\r\n?/g, '\n') : '';
  return { files, notes };
}

function readTemplateFile(template: TemplateDef, file: string, cwd: string | undefined): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new ScaffoldError(
      `template ${q(template.name)}: cannot read ${displayPath(file, cwd)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

/** A Tera file sees the parameters only, as in the Rust tool; errors name the file, line and column. */
function renderTeraFile(template: TemplateDef, file: string, values: Readonly<Record<string, string>>, cwd: string | undefined): string {
  const text = readTemplateFile(template, file, cwd);
  try {
    return renderTera(text, path.relative(template.plugin.dir, file), { ...values }, template.plugin.dir).replace(/\r\n/g, '\n');
  } catch (error) {
    if (!(error instanceof TeraError)) throw error;
    const at = error.line === undefined ? '' : `:${error.line}${error.column === undefined ? '' : `:${error.column}`}`;
    throw new ScaffoldError(`template ${q(template.name)}: ${displayPath(file, cwd)}${at}: ${error.message}`);
  }
}

function renderFile(template: TemplateDef, file: string, data: Record<string, unknown>, cwd: string | undefined): string {
  const root = template.plugin.dir;
  const shown = (p: string): string => displayPath(p, cwd);
  const text = readTemplateFile(template, file, cwd);
  try {
    const content = ejs.render(text, data, {
      filename: file,
      // The output is code, not HTML: <%= %> inserts text as is. Use str(), yamlStr(), jsdoc() to quote.
      escape: (value: unknown) => (value === undefined || value === null ? '' : String(value)),
      cache: false,
      includer: (original, resolved) => {
        const target = resolved ?? path.resolve(path.dirname(file), path.extname(original) ? original : `${original}.ejs`);
        if (!isInside(root, target)) throw new Error(`include ${JSON.stringify(original)} leaves the plugin folder`);
        return { filename: target, template: readFileSync(target, 'utf8') };
      },
    });
    return content.replace(/\r\n/g, '\n');
  } catch (error) {
    throw new ScaffoldError(`template ${q(template.name)}: ${describeEjsError(error, file, shown)}`);
  }
}

/** ejs errors carry `file:line`, a code frame and the message; keep the location and the message. */
function describeEjsError(error: unknown, file: string, shown: (p: string) => string): string {
  const message = error instanceof Error ? error.message : String(error);
  const framed = /^(.*):(\d+)\n[\s\S]*?\n\n([\s\S]*)$/.exec(message);
  if (framed) return `${shown(framed[1] || file)}:${framed[2]}: ${firstLine(framed[3]!)}`;
  return `${shown(file)}: ${firstLine(message.split(file).join(shown(file)))}`;
}
