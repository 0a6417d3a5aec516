/**
 * `plugin validate`: everything that would stop a plugin from rendering, found
 * before a user runs it. Every manifest is read, then every template is
 * rendered with its defaults and a sample value for each required parameter
 * (in memory: nothing is written). Each problem is a positioned diagnostic:
 * manifest problems at their TOML key, rendering problems at the template
 * file's line and column.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { locateKey } from '../config/locate.js';
import { compareDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnosticAtSpan } from '../diagnostics/located.js';
import { displayPath } from '../shared/display-path.js';
import { PLUGIN_CODES } from './codes.js';
import { findPluginDirs } from './discover.js';
import { ScaffoldError } from './errors.js';
import { pascalCase } from './heck.js';
import { readPluginManifest, readTemplateManifest, type TemplateDef } from './manifest.js';
import { renderPattern } from './pattern.js';
import { renderTemplate } from './render.js';

export interface PluginValidation {
  diagnostics: Diagnostic[];
  /** Manifests and template files read, as shown. */
  files: string[];
  /** Templates rendered without a problem. */
  rendered: number;
}

export function validatePlugins(given: string, cwd: string = process.cwd()): PluginValidation {
  const result: PluginValidation = { diagnostics: [], files: [], rendered: 0 };
  const report = (error: unknown): void => {
    if (!(error instanceof ScaffoldError)) throw error;
    result.diagnostics.push(toDiagnostic(error.message, cwd));
  };
  let dirs: string[];
  try {
    dirs = findPluginDirs(path.resolve(cwd, given), given);
  } catch (error) {
    report(error);
    return result;
  }
  for (const dir of dirs) {
    let manifest: ReturnType<typeof readPluginManifest>;
    try {
      manifest = readPluginManifest(dir, { cwd });
    } catch (error) {
      report(error);
      continue;
    }
    result.files.push(displayPath(path.join(dir, 'tasker-plugin.toml'), cwd));
    for (const entry of manifest.templates) {
      let template: TemplateDef;
      try {
        template = readTemplateManifest(manifest.plugin, entry, { cwd });
      } catch (error) {
        report(error);
        continue;
      }
      result.files.push(template.manifestFile, ...template.outputs.map((o) => displayPath(o.templatePath, cwd)));
      const problems = renderProblems(template, sampleValues(template), cwd);
      for (const problem of problems) {
        const diagnostic = toDiagnostic(problem.message, cwd);
        // A problem with no file of its own (an unsafe output path) belongs to the output's entry in template.toml.
        if (diagnostic.file === '') placeAtOutput(diagnostic, template, cwd);
        result.diagnostics.push(diagnostic);
      }
      if (problems.length === 0) result.rendered++;
    }
  }
  result.diagnostics.sort(compareDiagnostics);
  return result;
}

/** Defaults, and for a required parameter without one its first choice or a name-like sample (`ProcessOrder` for `name`). */
function sampleValues(template: TemplateDef): Record<string, string> {
  const values: Record<string, string> = {};
  for (const parameter of template.parameters) {
    if (parameter.default) continue; // rendered by renderTemplate from the values before it
    if (parameter.choices?.length) values[parameter.name] = parameter.choices[0]!;
    else if (parameter.required)
      values[parameter.name] = parameter.name === 'name' ? 'ProcessOrder' : `Sample${pascalCase(parameter.name)}`;
  }
  return withDefaults(template, values);
}

function withDefaults(template: TemplateDef, values: Record<string, string>): Record<string, string> {
  const out = { ...values };
  for (const parameter of template.parameters) {
    if (Object.hasOwn(out, parameter.name) || !parameter.default) continue;
    out[parameter.name] = renderPattern(parameter.default, out);
  }
  return out;
}

/** The problems of rendering the whole template; each output on its own when there are several, so that every broken file is named. */
function renderProblems(template: TemplateDef, values: Record<string, string>, cwd: string): ScaffoldError[] {
  try {
    renderTemplate(template, values, { cwd });
    return [];
  } catch (error) {
    if (!(error instanceof ScaffoldError)) throw error;
    if (template.outputs.length === 1) return [error];
    const problems: ScaffoldError[] = [];
    for (const output of template.outputs) {
      try {
        renderTemplate({ ...template, outputs: [output] }, values, { cwd });
      } catch (single) {
        // An ejs output that refers to a sibling output cannot render alone: that is not its problem.
        if (single instanceof ScaffoldError && !problems.some((p) => p.message === single.message)) problems.push(single);
      }
    }
    return problems.length > 0 ? problems : [error];
  }
}

const CODES: Array<[RegExp, keyof typeof PLUGIN_CODES]> = [
  [/unknown filter/, 'plugin-unknown-filter'],
  [/is not defined|not found in context|undefined/, 'plugin-undefined-variable'],
  [/cannot read|does not exist|has no template\.toml|no tasker-plugin\.toml/, 'plugin-unreadable-file'],
  [/would be written to|stay inside the output folder|leaves its folder|is absolute|contains '\.\.'/, 'plugin-unsafe-output-path'],
];

/**
 * A ScaffoldError message as a diagnostic: `file:line:col: …` keeps its place;
 * `file: outputs[0].template …` is placed at that TOML key.
 */
function toDiagnostic(message: string, cwd: string): Diagnostic {
  const text = message.replace(/^template "[^"]*": /, '');
  const code = CODES.find(([pattern]) => pattern.test(text))?.[1] ?? (/\.toml\b/.test(text) ? 'plugin-manifest' : 'plugin-render-error');
  const placed = /^([^:\s][^:]*?\.(?:toml|tera|ejs|[A-Za-z0-9]+)):(\d+):(\d+): ([\s\S]*)$/.exec(text);
  let file = '';
  let line = 1;
  let column = 1;
  let detail = text;
  if (placed) {
    [file, line, column, detail] = [placed[1]!, Number(placed[2]), Number(placed[3]), placed[4]!];
  } else {
    const named = /^([^:\s][^:]*?\.toml): ([\s\S]*)$/.exec(text);
    if (named) {
      file = named[1]!;
      detail = named[2]!;
      const key = /^((?:[a-z_]+(?:\[\d+\])?\.?)+) /.exec(detail)?.[1]?.replace(/\.$/, '');
      if (key) ({ line, column } = keyPosition(path.resolve(cwd, file), key));
    }
  }
  return diagnosticAtSpan(file, { line, column, endLine: line, endColumn: column + 1 }, PLUGIN_CODES[code], { message: detail });
}

function placeAtOutput(diagnostic: Diagnostic, template: TemplateDef, cwd: string): void {
  const index = Math.max(
    0,
    template.outputs.findIndex((o) => diagnostic.message.includes(`"${o.template}"`)),
  );
  const { line, column } = keyPosition(path.resolve(cwd, template.manifestFile), `outputs[${index}].filename`);
  Object.assign(diagnostic, { file: template.manifestFile, line, column, endLine: line, endColumn: column + 1 });
}

/** `outputs[0].template` → where that key is written in the TOML file. */
function keyPosition(absolutePath: string, key: string): { line: number; column: number } {
  const at = key.split('.').flatMap((part) => {
    const match = /^([a-z_]+)(?:\[(\d+)\])?$/.exec(part);
    return match ? (match[2] === undefined ? [match[1]!] : [match[1]!, Number(match[2])]) : [part];
  });
  try {
    return locateKey(readFileSync(absolutePath, 'utf8'), at);
  } catch {
    return { line: 1, column: 1 };
  }
}
