/**
 * scaffold: `tasker-ctl template list|info|generate|visualize` as a library.
 *
 *   discover (tasker-plugin.toml + template.toml, TOML) → params (validate
 *   --param values) → render (ejs, path patterns) → output (no-clobber,
 *   confined, atomic writes);  visualize (Mermaid + markdown) on its own.
 *
 * The CLI (src/cli/commands/template.ts) only parses arguments and prints.
 */
import { discoverTemplates, findTemplate, type DiscoverOptions, type TemplateCatalog, type TemplateFilter } from './discover.js';
import type { TemplateDef } from './manifest.js';
import { planOutputs, writePlan, type OutputPlan, type PlannedOutput } from './output.js';
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

export { discoverTemplates, findTemplate, findPlugin, listTemplates, builtinTemplatesDir, sameTemplateName, BUILTIN_PLUGIN } from './discover.js';
export type { DiscoverOptions, TemplateCatalog, TemplateFilter, ListedTemplate } from './discover.js';
export { readPluginManifest, readTemplateManifest, PLUGIN_MANIFEST, TEMPLATE_MANIFEST, RESERVED_NAMES } from './manifest.js';
export type { OutputDef, ParameterDef, PluginInfo, TemplateDef } from './manifest.js';
export { parseParamArgs, resolveParameters, describeParameters } from './params.js';
export { renderTemplate, templateHelpers, yamlString } from './render.js';
export type { RenderedFile, RenderedTemplate } from './render.js';
export { planOutputs, writePlan } from './output.js';
export type { OutputAction, OutputPlan, PlannedOutput } from './output.js';
export { parsePattern, renderPattern, FILTERS } from './pattern.js';
export type { Pattern } from './pattern.js';
export { visualizeSource, visualizeTemplates, parseAnnotations, mermaidText, markdownText, codeSpan } from './visualize.js';
export type { VisualizeOptions } from './visualize.js';
export { ScaffoldError } from './errors.js';
export { formatTemplateList, formatTemplateInfo, formatGenerateReport } from './format.js';
