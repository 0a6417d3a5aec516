/** Builds Tasker-layout plugins in temporary folders for scaffold tests. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface PluginSpec {
  name: string;
  language?: string;
  framework?: string;
  /** Template name → files in its folder (template.toml and ejs files). */
  templates: Record<string, Record<string, string>>;
}

/** Writes `<root>/<folder>/tasker-plugin.toml` and one folder per template under `templates/`. */
export function writePlugin(root: string, folder: string, spec: PluginSpec): string {
  const dir = path.join(root, folder);
  const entries = Object.keys(spec.templates)
    .map((name) => `[[templates]]\nname = "${name}"\npath = "templates/${name}"\ndescription = "${name} from ${spec.name}"\n`)
    .join('\n');
  write(
    path.join(dir, 'tasker-plugin.toml'),
    `[plugin]\nname = "${spec.name}"\ndescription = "test plugin"\nversion = "0.1.0"\nlanguage = "${spec.language ?? 'typescript'}"\n` +
      `${spec.framework ? `framework = "${spec.framework}"\n` : ''}\n${entries}`,
  );
  for (const [name, files] of Object.entries(spec.templates)) {
    for (const [file, content] of Object.entries(files)) write(path.join(dir, 'templates', name, file), content);
  }
  return dir;
}

export function write(file: string, content: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

/** A minimal template: one `name` parameter, one output. */
export function simpleTemplate(
  name: string,
  options: { filename?: string; subdir?: string; body?: string; extra?: string } = {},
): Record<string, string> {
  return {
    'template.toml':
      `name = "${name}"\ndescription = "${name}"\n${options.extra ?? ''}\n[[parameters]]\nname = "name"\ndescription = "a name"\nrequired = true\n\n` +
      `[[outputs]]\ntemplate = "out.txt.ejs"\nfilename = ${JSON.stringify(options.filename ?? '{{ name | snake_case }}.txt')}\n` +
      (options.subdir !== undefined ? `subdir = ${JSON.stringify(options.subdir)}\n` : ''),
    'out.txt.ejs': options.body ?? 'hello <%= name %>\n',
  };
}
