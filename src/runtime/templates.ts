/**
 * Template loading for worker start-up: the project's own YAML loader,
 * imported on first use so that importing the runtime stays cheap (yaml is
 * loaded only by a worker that reads templates).
 */
import type { LoadOptions, LoadResult } from '../load/index.js';

/** Loads task templates from files and directories (searched for .yaml/.yml). */
export async function loadTemplates(paths: readonly string[], options: LoadOptions = {}): Promise<LoadResult> {
  const load = await import('../load/index.js');
  return load.loadTemplates(paths, options);
}

/** Loads one template text (e.g. from a config service); `file` names it in diagnostics. */
export async function loadTemplateText(text: string, file: string, options: LoadOptions = {}): Promise<LoadResult> {
  const load = await import('../load/index.js');
  return load.loadTemplateText(text, file, options);
}
