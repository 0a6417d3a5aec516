/** `template visualize` as an API: load and check one template file (or text), then draw it (scaffold/visualize.ts). */
import { readYamlText } from '../load/index.js';
import { annotationNotes, ScaffoldError, type VisualizeOptions, visualizeTemplates } from '../scaffold/index.js';
import { validateTemplates, validateTemplateText } from './validate.js';

/** Loads a template file (or text, for stdin) and renders it. Throws ScaffoldError when nothing can be drawn. */
export function visualizeSource(
  source: { path: string } | { text: string; name: string },
  options: VisualizeOptions & { cwd?: string } = {},
): string {
  const validated =
    'path' in source
      ? validateTemplates([source.path], { cwd: options.cwd })
      : validateTemplateText(source.text, source.name, { cwd: options.cwd });
  if (validated.templates.length === 0) {
    const first = validated.diagnostics.find((d) => d.severity === 'error') ?? validated.diagnostics[0];
    const where = 'path' in source ? source.path : source.name;
    if (!first) throw new ScaffoldError(`${where} holds no task template`);
    const more =
      validated.diagnostics.length > 1
        ? ` (and ${validated.diagnostics.length - 1} more problem${validated.diagnostics.length > 2 ? 's' : ''})`
        : '';
    throw new ScaffoldError(`cannot visualize ${where}: ${first.file}:${first.line}:${first.column}: ${first.message}${more}`);
  }
  return visualizeTemplates(validated.templates, validated.diagnostics, options);
}

/** Parses an annotations file (JSON or YAML, read like templates): a mapping of step name → note text. */
export function parseAnnotations(text: string, file: string): Record<string, string> {
  const { value, diagnostics } = readYamlText(text, file);
  const problem = diagnostics.find((d) => d.severity === 'error' && d.code !== 'empty-file');
  if (problem) throw new ScaffoldError(`annotations file ${file}:${problem.line}:${problem.column}: ${problem.message}`);
  return annotationNotes(value, file);
}
