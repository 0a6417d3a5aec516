/**
 * scaffold: `tasker-ctl template list|info|generate|visualize` as a library.
 *
 *   discover (tasker-plugin.toml + template.toml, TOML) → params (validate
 *   --param values) → render (ejs, path patterns) → output (no-clobber,
 *   confined, atomic writes);  visualize (Mermaid + markdown) on its own.
 *
 * The CLI (src/cli/commands/template.ts) only parses arguments and prints.
 */
import path from 'node:path';
import { atomicWriteFileSync } from '../write/atomic.js';
import { type DiscoverOptions, discoverTemplates, findTemplate, type TemplateCatalog, type TemplateFilter } from './discover.js';
import type { TemplateDef } from './manifest.js';
import { type OutputPlan, type PlannedOutput, planOutputs, writePlan } from './output.js';
import { resolveParameters } from './params.js';
import { renderTemplate } from './render.js';

export interface GenerateTemplateOptions extends DiscoverOptions, TemplateFilter {
  /** `--param` values by name. */
  params: Readonly<Record<string, string>>;
  /** Output folder (relative to `cwd`). */
  outDir: string;
  /** Overwrite existing files that differ. */
  force?: boolean;
  /** Plan and report only. */
  dryRun?: boolean;
  /** An already discovered catalog (otherwise discovered from the options). */
  catalog?: TemplateCatalog;
}

export interface GenerateTemplateResult {
  template: TemplateDef;
  /** Every parameter's value, defaults filled in. */
  values: Record<string, string>;
  plan: OutputPlan;
  /** Existing files that differ and were not overwritten (no `force`): nothing was written. */
  conflicts: PlannedOutput[];
  /** True when files were written (not a dry run, no conflicts). */
  written: boolean;
  /** The template's notes, rendered. */
  notes: string;
}

/** Finds, validates, renders and (unless dry run or a conflict) writes one template. */
export function generateTemplate(name: string, options: GenerateTemplateOptions): GenerateTemplateResult {
  const catalog = options.catalog ?? discoverTemplates(options);
  const template = findTemplate(catalog, name, options);
  const values = resolveParameters(template, options.params);
  const rendered = renderTemplate(template, values, { cwd: options.cwd });
  const plan = planOutputs(options.outDir, rendered.files, { force: options.force, cwd: options.cwd });
  const conflicts = plan.files.filter((file) => file.action === 'conflict');
  const written = !options.dryRun && conflicts.length === 0;
  if (written) writePlan(plan);
  return { template, values, plan, conflicts, written, notes: rendered.notes };
}

export type { DiscoverOptions, ListedTemplate, TemplateCatalog, TemplateFilter } from './discover.js';
export {
  BUILTIN_PLUGIN,
  builtinTemplatesDir,
  discoverTemplates,
  findPlugin,
  findTemplate,
  listTemplates,
  sameTemplateName,
} from './discover.js';
export { ScaffoldError } from './errors.js';
export { formatGenerateReport, formatTemplateInfo, formatTemplateList, table } from './format.js';
export type { OutputDef, ParameterDef, PluginInfo, TemplateDef } from './manifest.js';
export { PLUGIN_MANIFEST, RESERVED_NAMES, readPluginManifest, readTemplateManifest, TEMPLATE_MANIFEST } from './manifest.js';
export type { OutputAction, OutputPlan, PlannedOutput } from './output.js';
export { planOutputs, writePlan } from './output.js';
export { describeParameters, parseParamArgs, resolveParameters } from './params.js';
export type { Pattern } from './pattern.js';
export { FILTERS, parsePattern, renderPattern } from './pattern.js';
export { type RemoteSource, resolveRemote, urlRemote } from './remotes.js';
export type { RenderedFile, RenderedTemplate } from './render.js';
export { renderTemplate, templateHelpers, yamlString } from './render.js';
export { validatePlugins } from './validate-plugin.js';
export type { VisualizeOptions } from './visualize.js';
export { annotationNotes, codeSpan, markdownText, mermaidText, visualizeTemplates } from './visualize.js';

/** Writes a visualization (or any generated text) to `output` atomically: a reader never sees half a file. */
export function writeTextFile(output: string, text: string): void {
  atomicWriteFileSync(path.resolve(output), text);
}
