/** `template visualize` as an API: load and check one template file (or text), then draw it (scaffold/visualize.ts). */
import { checkTemplates } from '../check/index.js';
import { compareDiagnostics } from '../diagnostics/diagnostic.js';
import { type LoadResult, loadTemplates, loadTemplateText, readYamlText } from '../load/index.js';
import { annotationNotes, ScaffoldError, type VisualizeOptions, visualizeTemplates } from '../scaffold/index.js';

/** Loads a template file (or text, for stdin) and renders it. Throws ScaffoldError when nothing can be drawn. */
export function visualizeSource(
  source: { path: string } | { text: string; name: string },
  options: VisualizeOptions & { cwd?: string } = {},
): string {
  const loaded: LoadResult =
    'path' in source
      ? loadTemplates([source.path], { cwd: options.cwd })
      : loadTemplateText(source.text, source.name, { cwd: options.cwd });
  if (loaded.templates.length === 0) {
    const first = loaded.diagnostics.find((d) => d.severity === 'error') ?? loaded.diagnostics[0];
    const where = 'path' in source ? source.path : source.name;
    if (!first) throw new ScaffoldError(`${where} holds no task template`);
    const more =
      loaded.diagnostics.length > 1
        ? ` (and ${loaded.diagnostics.length - 1} more problem${loaded.diagnostics.length > 2 ? 's' : ''})`
        : '';
    throw new ScaffoldError(`cannot visualize ${where}: ${first.file}:${first.line}:${first.column}: ${first.message}${more}`);
  }
  const diagnostics = [...loaded.diagnostics, ...checkTemplates(loaded.templates)].sort(compareDiagnostics);
  return visualizeTemplates(loaded.templates, diagnostics, options);
}

/** Parses an annotations file (JSON or YAML, read like templates): a mapping of step name → note text. */
export function parseAnnotations(text: string, file: string): Record<string, string> {
  const { value, diagnostics } = readYamlText(text, file);
  const problem = diagnostics.find((d) => d.severity === 'error' && d.code !== 'empty-file');
  if (problem) throw new ScaffoldError(`annotations file ${file}:${problem.line}:${problem.column}: ${problem.message}`);
  return annotationNotes(value, file);
}
