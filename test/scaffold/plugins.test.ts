/** Plugin discovery (Tasker's layout and scan), manifest checking, shadowing and porting a Tasker plugin. */
import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  discoverTemplates,
  findTemplate,
  generateTemplate,
  listTemplates,
  renderTemplate,
  resolveParameters,
  ScaffoldError,
} from '../../src/scaffold/index.js';
import { tempProject } from '../helpers.js';
import { simpleTemplate, write, writePlugin } from './plugin-fixtures.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempProject()));
afterEach(() => cleanup());

const discover = (pluginPaths: string[], builtins = false) => discoverTemplates({ pluginPaths, builtins, cwd: dir });

function problem(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ScaffoldError);
    expect((error as Error).message).not.toContain('\n');
    return (error as Error).message;
  }
  throw new Error('expected a ScaffoldError');
}

describe('built-in templates', () => {
  it('are one plugin in Tasker layout, listed in a fixed order', () => {
    const catalog = discoverTemplates();
    expect(catalog.plugins.map((p) => [p.name, p.builtin, p.language])).toEqual([['builtin', true, 'typescript']]);
    expect(catalog.templates.map((t) => t.name)).toEqual([
      'step_handler',
      'step_handler_decision',
      'step_handler_batchable',
      'step_handler_api',
      'task_template',
    ]);
    for (const template of catalog.templates) {
      expect(template.description).not.toBe('');
      for (const parameter of template.parameters) expect(parameter.description, `${template.name}.${parameter.name}`).not.toBe('');
    }
  });

  it('every handler template emits a vitest test', () => {
    for (const template of discoverTemplates().templates) {
      const values = resolveParameters(template, { name: 'Sample' });
      const files = renderTemplate(template, values).files.map((f) => f.path);
      expect(
        files.some((f) => f.endsWith('.test.ts')),
        template.name,
      ).toBe(true);
    }
  });
});

describe('discovery', () => {
  it('scans a path, its sub-folders and their tasker-cli-plugin folders, in name order', () => {
    writePlugin(dir, 'plugins/zeta', { name: 'zeta', templates: { z: simpleTemplate('z') } });
    writePlugin(dir, 'plugins/alpha/tasker-cli-plugin', { name: 'alpha', language: 'ruby', templates: { a: simpleTemplate('a') } });
    mkdirSync(path.join(dir, 'plugins/empty'));
    writePlugin(dir, 'direct', { name: 'direct', templates: { d: simpleTemplate('d') } });
    const catalog = discover(['plugins', 'direct']);
    expect(catalog.plugins.map((p) => p.name)).toEqual(['alpha', 'zeta', 'direct']);
    expect(catalog.templates.map((t) => `${t.plugin.name}/${t.name}/${t.language}`)).toEqual([
      'alpha/a/ruby',
      'zeta/z/typescript',
      'direct/d/typescript',
    ]);
  });

  it('does not load a plugin twice when two paths reach it', () => {
    writePlugin(dir, 'plugins/one', { name: 'one', templates: { a: simpleTemplate('a') } });
    symlinkSync(path.join(dir, 'plugins/one'), path.join(dir, 'link'), 'dir');
    expect(discover(['plugins', 'link', 'plugins/one']).plugins.map((p) => p.name)).toEqual(['one']);
  });

  it('expands ~/ in plugin paths', () => {
    expect(problem(() => discover(['~/surely-not-a-tasker-plugin-folder']))).toBe(
      'plugin path "~/surely-not-a-tasker-plugin-folder" does not exist',
    );
  });

  it('rejects paths that are missing, files, or hold no plugin', () => {
    write(path.join(dir, 'file.txt'), 'x');
    mkdirSync(path.join(dir, 'nothing'));
    expect(problem(() => discover(['missing']))).toBe('plugin path "missing" does not exist');
    expect(problem(() => discover(['file.txt']))).toBe('plugin path "file.txt" is not a folder');
    expect(problem(() => discover(['nothing']))).toMatch(/^no tasker-plugin\.toml found under plugin path "nothing"/);
  });

  it('rejects two plugins with one name, and the reserved name builtin', () => {
    writePlugin(dir, 'a', { name: 'same', templates: { a: simpleTemplate('a') } });
    writePlugin(dir, 'b', { name: 'Same', templates: { b: simpleTemplate('b') } });
    expect(problem(() => discover(['a', 'b']))).toBe('two plugins are named "Same": "a" and "b"; plugin names must be unique');
    writePlugin(dir, 'c', { name: 'builtin', templates: { c: simpleTemplate('c') } });
    expect(problem(() => discover(['c'], true))).toBe(
      'c/tasker-plugin.toml: the plugin name "builtin" is reserved for tasker-ctl\'s own templates',
    );
  });
});

describe('selection and shadowing', () => {
  beforeEach(() => {
    writePlugin(dir, 'mine', {
      name: 'mine',
      templates: { step_handler: simpleTemplate('step_handler', { body: 'mine <%= name %>\n' }), extra: simpleTemplate('extra') },
    });
    writePlugin(dir, 'py', { name: 'py', language: 'python', templates: { step_handler: simpleTemplate('step_handler') } });
  });

  it('a plugin template shadows the built-in of the same name and language; list says so', () => {
    const catalog = discover(['mine', 'py'], true);
    expect(findTemplate(catalog, 'step_handler', { language: 'typescript' }).plugin.name).toBe('mine');
    expect(findTemplate(catalog, 'step_handler', { plugin: 'builtin' }).plugin.name).toBe('builtin');
    expect(findTemplate(catalog, 'Step-Handler', { language: 'TypeScript', plugin: 'BUILTIN' }).plugin.name).toBe('builtin');
    const listed = listTemplates(catalog, { language: 'typescript' }).map(
      (l) => `${l.template.plugin.name}/${l.template.name}${l.shadowedBy ? ` <- ${l.shadowedBy.name}` : ''}`,
    );
    expect(listed).toContain('mine/step_handler');
    expect(listed).toContain('builtin/step_handler <- mine');
    expect(listTemplates(catalog, { plugin: 'py' }).map((l) => l.template.name)).toEqual(['step_handler']);
  });

  it('asks for --language when a name exists in several languages', () => {
    const catalog = discover(['mine', 'py'], true);
    expect(problem(() => findTemplate(catalog, 'step_handler'))).toBe(
      'template "step_handler" exists for several languages (python, typescript); pick one with --language',
    );
    expect(findTemplate(catalog, 'step_handler', { language: 'python' }).plugin.name).toBe('py');
  });

  it('explains unknown templates, plugins and languages', () => {
    const catalog = discover(['mine', 'py'], true);
    expect(problem(() => findTemplate(catalog, 'step_handlr', { language: 'typescript' }))).toMatch(
      /^unknown template "step_handlr" \(did you mean "step_handler"\?\); templates: step_handler, extra, step_handler_decision/,
    );
    expect(problem(() => findTemplate(catalog, 'extra', { language: 'python' }))).toBe(
      'template "extra" has no python version; it exists for typescript',
    );
    expect(problem(() => findTemplate(catalog, 'extra', { plugin: 'mien' }))).toBe(
      'unknown plugin "mien" (did you mean "mine"?); plugins: mine, py, builtin',
    );
  });
});

describe('manifest problems are one-line errors naming the file and key', () => {
  const broken = (files: Record<string, string>, manifest?: string): string => {
    const plugin = writePlugin(dir, 'p', { name: 'p', templates: { t: files } });
    if (manifest !== undefined) write(path.join(plugin, 'tasker-plugin.toml'), manifest);
    return problem(() => discover(['p']));
  };
  const toml = (extra: string, outputs = '[[outputs]]\ntemplate = "out.txt.ejs"\nfilename = "x.txt"\n') =>
    `name = "t"\ndescription = "d"\n${extra}\n${outputs}`;

  it('TOML syntax errors point at line and column', () => {
    expect(broken({ 'template.toml': 'name = "t"\ndescription = = "x"\n', 'out.txt.ejs': '' })).toMatch(
      /^p\/templates\/t\/template\.toml:2:\d+: Invalid TOML document/,
    );
  });

  it('a misspelt key is an error with a suggestion, not silently ignored', () => {
    expect(broken({ 'template.toml': toml('[[parameters]]\nname = "a"\ndescription = "x"\nrequried = true\n'), 'out.txt.ejs': '' })).toBe(
      'p/templates/t/template.toml: unknown key parameters[0].requried (did you mean "required"?); known keys: name, description, required, default, pattern, choices',
    );
  });

  it('wrong types', () => {
    expect(broken({ 'template.toml': toml('[[parameters]]\nname = "a"\nrequired = "yes"\n'), 'out.txt.ejs': '' })).toBe(
      'p/templates/t/template.toml: parameters[0].required must be true or false, found string "yes"',
    );
    expect(broken({ 'template.toml': toml('[[parameters]]\nname = "a"\ndefault = [1]\n'), 'out.txt.ejs': '' })).toBe(
      'p/templates/t/template.toml: parameters[0].default must be a string, found an array',
    );
  });

  it('numbers and booleans are accepted as default text', () => {
    const plugin = writePlugin(dir, 'p', {
      name: 'p',
      templates: { t: { 'template.toml': toml('[[parameters]]\nname = "size"\ndefault = 100\n'), 'out.txt.ejs': '' } },
    });
    expect(findTemplate(discover([plugin]), 't').parameters[0]!.default?.source).toBe('100');
  });

  it('parameters: bad names, reserved names, duplicates, bad patterns, forward references', () => {
    const param = (body: string) => broken({ 'template.toml': toml(body), 'out.txt.ejs': '' });
    expect(param('[[parameters]]\nname = "a-b"\n')).toMatch(/parameters\[0\]\.name "a-b" is not a valid name/);
    expect(param('[[parameters]]\nname = "str"\n')).toMatch(/parameter name "str" is reserved for a template helper/);
    expect(param('[[parameters]]\nname = "__proto__"\n')).toMatch(/parameter name "__proto__" is reserved/);
    expect(param('[[parameters]]\nname = "a"\n[[parameters]]\nname = "a"\n')).toMatch(/parameter "a" is declared twice/);
    expect(param('[[parameters]]\nname = "a"\npattern = "("\n')).toMatch(/parameters\[0\]\.pattern is not a valid regular expression/);
    expect(param('[[parameters]]\nname = "a"\ndefault = "{{ b }}"\n[[parameters]]\nname = "b"\n')).toBe(
      'p/templates/t/template.toml: parameters[0].default reads {{ b }}, which is not a parameter declared before it',
    );
  });

  it('patterns: unknown filters, unclosed braces, unknown parameters', () => {
    const out = (filename: string) =>
      broken({
        'template.toml': toml(
          '[[parameters]]\nname = "name"\n',
          `[[outputs]]\ntemplate = "out.txt.ejs"\nfilename = ${JSON.stringify(filename)}\n`,
        ),
        'out.txt.ejs': '',
      });
    expect(out('{{ name | title }}.txt')).toMatch(
      /outputs\[0\]\.filename: "\{\{ name \| title \}\}\.txt" uses unknown filter "title"; known filters: snake_case, pascal_case/,
    );
    expect(out('{{ name .txt')).toMatch(/has "\{\{" without a closing "\}\}"/);
    expect(out('{{ nmae }}.txt')).toBe(
      'p/templates/t/template.toml: outputs[0].filename reads {{ nmae }}, which is not a parameter declared (did you mean "name"?)',
    );
    expect(out('{{ name.x }}')).toMatch(/is not of the form \{\{ parameter \| filter \}\}/);
  });

  it('outputs: none, missing ejs file, a path leaving the template folder', () => {
    expect(broken({ 'template.toml': 'name = "t"\ndescription = "d"\n' })).toBe(
      'p/templates/t/template.toml: no [[outputs]]; a template must produce at least one file',
    );
    expect(broken({ 'template.toml': toml('') })).toBe(
      'p/templates/t/template.toml: outputs[0].template names "out.txt.ejs", which does not exist in "p/templates/t"',
    );
    write(path.join(dir, 'secret.ejs'), 'x');
    expect(broken({ 'template.toml': toml('', '[[outputs]]\ntemplate = "../../../secret.ejs"\nfilename = "x"\n') })).toMatch(
      /outputs\[0\]\.template "\.\.\/\.\.\/\.\.\/secret\.ejs" contains '\.\.'; it must be a path inside "p\/templates\/t"/,
    );
    expect(
      broken({ 'template.toml': toml('', `[[outputs]]\ntemplate = ${JSON.stringify(path.join(dir, 'secret.ejs'))}\nfilename = "x"\n`) }),
    ).toMatch(/is absolute/);
  });

  it('plugin manifests: missing [plugin], pre-release schema, escaping template paths, names that differ', () => {
    const files = simpleTemplate('t');
    expect(broken(files, '[[templates]]\nname = "t"\npath = "templates/t"\n')).toBe('p/tasker-plugin.toml: the [plugin] table is missing');
    expect(broken(files, '[plugin]\nname = "p"\nlanguages = ["typescript"]\n')).toBe(
      'p/tasker-plugin.toml: plugin.language is missing (`languages = [...]` is the pre-release schema; write `language = "typescript"`)',
    );
    expect(broken(files, '[plugin]\nname = "p"\nlanguage = "typescript"\n[templates]\nt = { path = "templates/t" }\n')).toMatch(
      /templates must be an array of tables \(\[\[templates\]\]\); this looks like the pre-release plugin schema/,
    );
    expect(broken(files, '[plugin]\nname = "p"\nlanguage = "typescript"\n[[templates]]\nname = "t"\npath = "../elsewhere"\n')).toMatch(
      /templates\[0\]\.path "\.\.\/elsewhere" contains '\.\.'/,
    );
    expect(broken(files, '[plugin]\nname = "p"\nlanguage = "typescript"\n[[templates]]\nname = "u"\npath = "templates/t"\n')).toBe(
      'p/templates/t/template.toml: name "t" differs from the name "u" in tasker-plugin.toml; use one name',
    );
    expect(broken(files, '[plugin]\nname = "p"\nlanguage = "typescript"\n[[templates]]\nname = "t"\npath = "templates/none"\n')).toBe(
      'p/tasker-plugin.toml: template "t" has no p/templates/none/template.toml',
    );
  });
});

describe('porting a Tasker plugin', () => {
  // tasker-contrib's TypeScript step_handler, as Tasker's parser reads it: template.toml unchanged.
  const TASKER_TOML = `name = "step_handler"
description = "Generate a Tasker step handler class with vitest test"

[[parameters]]
name = "name"
description = "Handler name (e.g., ProcessPayment)"
required = true

[[parameters]]
name = "module_name"
description = "Module path for the handler"
required = false
default = "handlers"

[[outputs]]
template = "handler.ts.tera"
filename = "{{ name | snake_case }}-handler.ts"

[[outputs]]
template = "handler.test.ts.tera"
filename = "{{ name | snake_case }}-handler.test.ts"
subdir = "__tests__"
`;
  const MANIFEST = `[plugin]
name = "tasker-contrib-typescript"
version = "0.1.0"
description = "TypeScript templates for Tasker CLI"
language = "typescript"
framework = "bun"

[[templates]]
name = "step_handler"
path = "templates/step_handler"
description = "Generate a TypeScript step handler"
`;

  it('renders its .tera files as they are, with template.toml untouched', () => {
    write(path.join(dir, 'contrib/tasker-plugin.toml'), MANIFEST);
    write(path.join(dir, 'contrib/templates/step_handler/template.toml'), TASKER_TOML);
    write(
      path.join(dir, 'contrib/templates/step_handler/handler.ts.tera'),
      "export const {{ name | pascal_case }}Handler = '{{ name | snake_case }}'; // {{ module_name }}\n",
    );
    write(
      path.join(dir, 'contrib/templates/step_handler/handler.test.ts.tera'),
      "import { {{ name | pascal_case }}Handler } from '../{{ name | snake_case }}-handler.js';\n",
    );
    const result = generateTemplate('step_handler', {
      pluginPaths: ['contrib'],
      plugin: 'tasker-contrib-typescript',
      params: { name: 'ProcessPayment' },
      outDir: 'out',
      cwd: dir,
    });
    expect(result.plan.files.map((f) => [f.path, f.content])).toEqual([
      ['__tests__/process_payment-handler.test.ts', "import { ProcessPaymentHandler } from '../process_payment-handler.js';\n"],
      ['process_payment-handler.ts', "export const ProcessPaymentHandler = 'process_payment'; // handlers\n"],
    ]);
    expect(result.template.plugin.framework).toBe('bun');
  });

  it('names the Tera file, line and column of a rendering error', () => {
    write(path.join(dir, 'contrib/tasker-plugin.toml'), MANIFEST);
    write(path.join(dir, 'contrib/templates/step_handler/template.toml'), TASKER_TOML);
    write(path.join(dir, 'contrib/templates/step_handler/handler.ts.tera'), "// ok\nexport const x = '{{ name | shouty }}';\n");
    write(path.join(dir, 'contrib/templates/step_handler/handler.test.ts.tera'), '// {{ missing_value }}\n');
    expect(
      problem(() => generateTemplate('step_handler', { pluginPaths: ['contrib'], params: { name: 'A' }, outDir: 'out', cwd: dir })),
    ).toBe('template "step_handler": contrib/templates/step_handler/handler.ts.tera:2:29: unknown filter `shouty`');
  });
});
