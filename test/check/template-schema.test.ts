/**
 * The editor schema (schema/task-template.json, `tasker-ctl schema`): current,
 * satisfied by every valid template, and rejecting what the checker rejects
 * whenever a schema can say it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { validateTemplates } from '../../src/app/validate.js';
import { taskTemplateSchema } from '../../src/check/template-schema.js';
import { loadTemplates } from '../../src/load/index.js';
import { STEP_KEYS, TEMPLATE_KEYS } from '../../src/load/normalize.js';
import { CORPUS_DIR, describeWithShared, REPO_ROOT, runCli, tempProject } from '../helpers.js';

const SHIPPED = path.join(REPO_ROOT, 'schema/task-template.json');
const validate = new Ajv({ allErrors: true, strict: false }).compile(taskTemplateSchema());

/** Every document of every template file under `dir` (as the loader reads them), with whether the schema accepts it. */
function schemaVerdicts(dir: string): Array<{ file: string; accepted: boolean; errors: string }> {
  const loaded = loadTemplates([dir], { cwd: dir });
  const verdicts = loaded.templates.map((template) => {
    const accepted = validate(template.raw);
    return { file: template.source.file, accepted, errors: JSON.stringify(validate.errors?.slice(0, 3)) };
  });
  return verdicts;
}

/** Checker codes a JSON Schema can express: the schema must reject a template the checker rejects with one of them. */
const EXPRESSIBLE = [
  'conflicting-keys',
  'decision-without-dependencies',
  'empty-callable',
  'missing-field',
  'unknown-enum-value',
  'wrong-type',
  'invalid-json-schema',
];

describe('schema/task-template.json', () => {
  it('is the schema tasker-ctl generates (regenerate: node bin/tasker-ctl.js schema > schema/task-template.json)', () => {
    expect(readFileSync(SHIPPED, 'utf8')).toBe(`${JSON.stringify(taskTemplateSchema(), null, 2)}\n`);
  });

  it('is what `tasker-ctl schema` prints, and the package exports it', () => {
    expect(runCli(['schema']).stdout).toBe(readFileSync(SHIPPED, 'utf8'));
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
      exports: Record<string, string>;
      files: string[];
    };
    expect(pkg.exports['./schema/task-template.json']).toBe('./schema/task-template.json');
    expect(pkg.files).toContain('schema');
  });

  it('describes every key the loader reads', () => {
    const schema = taskTemplateSchema() as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual([...TEMPLATE_KEYS]);
    const step = (schema.properties.steps as { items: { properties: Record<string, unknown> } }).items;
    expect(Object.keys(step.properties)).toEqual([...STEP_KEYS]);
  });

  it('accepts every valid fixture', () => {
    for (const dir of [
      'fixtures/templates/valid',
      'fixtures/templates/clean',
      'fixtures/templates/multi',
      'fixtures/generate',
      'fixtures/registry',
      'fixtures/sdk-app/config/tasks',
    ]) {
      const rejected = schemaVerdicts(path.join(REPO_ROOT, dir)).filter((v) => !v.accepted);
      expect(rejected, dir).toEqual([]);
    }
  });

  it('rejects each invalid fixture the checker rejects with an expressible error, and accepts those it only warns about', () => {
    const dir = path.join(REPO_ROOT, 'fixtures/templates/invalid');
    let rejectedCount = 0;
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .sort()) {
      const checked = validateTemplates([path.join(dir, file)], { cwd: dir });
      if (checked.templates.length === 0) continue; // not YAML, or not a mapping: nothing for a schema to see
      const errors = new Set(checked.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code));
      const accepted = checked.templates.every((t) => validate(t.raw));
      if ([...errors].some((code) => EXPRESSIBLE.includes(code))) {
        expect(accepted, `${file} (${[...errors].join(', ')}) should be rejected`).toBe(false);
        rejectedCount++;
      }
      if (errors.size === 0) expect(accepted, `${file} has warnings only: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    expect(rejectedCount).toBeGreaterThanOrEqual(20);
  });

  it('rejects the structural errors it can express', () => {
    const base = { name: 't', namespace_name: 'n', version: '1.0.0' };
    const step = (extra: Record<string, unknown>) => ({ ...base, steps: [{ name: 's', handler: { callable: 'C' }, ...extra }] });
    const cases: Array<[string, unknown]> = [
      ['an unknown step type', step({ type: 'parallel' })],
      ['a missing callable', { ...base, steps: [{ name: 's', handler: {} }] }],
      ['a version that is a number', { ...base, version: 1.0 }],
      ['dependencies and depends_on together', step({ dependencies: ['a'], depends_on: ['a'] })],
      ['an empty callable', { ...base, steps: [{ name: 's', handler: { callable: '  ' } }] }],
      ['a decision step without dependencies', step({ type: 'decision' })],
      ['a batch_config missing keys', step({ batch_config: { batch_size: 10 } })],
      ['a string for timeout_seconds', step({ timeout_seconds: '30' })],
    ];
    for (const [what, template] of cases) expect(validate(template), what).toBe(false);
    expect(validate(step({ type: 'decision', depends_on: ['a'], system_dependency: null, unknown_key: 1 }))).toBe(true);
  });
});

describeWithShared('corpus', 'the corpus against the schema', () => {
  it('accepts all 129 real templates', () => {
    const verdicts = schemaVerdicts(CORPUS_DIR);
    expect(verdicts).toHaveLength(129);
    expect(verdicts.filter((v) => !v.accepted)).toEqual([]);
  });
});

describe('tasker-ctl init --vscode', () => {
  it('maps the template folders to the schema in .vscode/settings.json, keeping other settings', () => {
    const project = tempProject({ 'config/tasks/a.yaml': 'name: a\n', '.vscode/settings.json': '{ "editor.tabSize": 2 }\n' });
    try {
      const run = runCli(['init', '--vscode'], { cwd: project.dir });
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(readFileSync(path.join(project.dir, '.vscode/settings.json'), 'utf8'))).toEqual({
        'editor.tabSize': 2,
        'yaml.schemas': { './node_modules/tasker-ctl/schema/task-template.json': ['config/tasks/**/*.{yaml,yml}'] },
      });
    } finally {
      project.cleanup();
    }
  });
});
