import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProjectConfig, resolveCommandInputs, severityPolicy } from '../../src/config/index.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { applySeverityPolicy } from '../../src/diagnostics/diagnostic.js';

const ROOT = path.resolve('/work/proj');
const config = parseProjectConfig(
  `[codegen]
templates = ["config/tasks"]
handlers = ["src/handlers", "tsconfig.json"]
out = "src/tasker"

[codegen.severities]
"unknown-key" = "off"
"orphan-step" = "error"
"missing-result-schema" = "off"

[[codegen.overrides]]
paths = ["config/tasks/legacy/**"]
severities = { "orphan-step" = "off", "missing-result-schema" = "info" }

[[codegen.overrides]]
paths = ["config/tasks/legacy/keep.yaml"]
severities = { "orphan-step" = "warning" }
`,
  path.join(ROOT, '.config/tasker.toml'),
  ROOT,
);

function diagnostic(code: string, file: string, severity: Diagnostic['severity'] = 'warning'): Diagnostic {
  return { code, severity, message: code, file, line: 1, column: 1, endLine: 1, endColumn: 1, pointer: '' };
}

describe('severities from the configuration', () => {
  it('applies global severities, then matching overrides, later ones winning', () => {
    const policy = severityPolicy(config, ROOT);
    expect(policy(diagnostic('unknown-key', 'config/tasks/a.yaml'))).toBe('off');
    expect(policy(diagnostic('orphan-step', 'config/tasks/a.yaml'))).toBe('error');
    expect(policy(diagnostic('orphan-step', 'config/tasks/legacy/old.yaml'))).toBe('off');
    expect(policy(diagnostic('orphan-step', 'config/tasks/legacy/keep.yaml'))).toBe('warning');
    expect(policy(diagnostic('missing-result-schema', 'config/tasks/legacy/old.yaml'))).toBe('info');
    expect(policy(diagnostic('duplicate-step', 'config/tasks/a.yaml'))).toBeUndefined();
  });

  it('matches files relative to the project root whatever the cwd', () => {
    const cwd = path.join(ROOT, 'config');
    const policy = severityPolicy(config, cwd);
    expect(policy(diagnostic('orphan-step', 'tasks/legacy/old.yaml'))).toBe('off');
    expect(policy(diagnostic('orphan-step', 'tasks/new.yaml'))).toBe('error');
  });

  it('drops `off` diagnostics and rewrites severities', () => {
    const out = applySeverityPolicy(
      [
        diagnostic('unknown-key', 'config/tasks/a.yaml'),
        diagnostic('orphan-step', 'config/tasks/a.yaml'),
        diagnostic('duplicate-step', 'x.yaml', 'error'),
      ],
      severityPolicy(config, ROOT),
    );
    expect(out.map((d) => [d.code, d.severity])).toEqual([
      ['orphan-step', 'error'],
      ['duplicate-step', 'error'],
    ]);
  });
});

describe('resolveCommandInputs', () => {
  it('takes flags first', () => {
    const inputs = resolveCommandInputs({ templates: ['a.yaml'], handlers: ['h'], out: 'gen', runtime: 'rt' }, config, ROOT);
    expect(inputs).toMatchObject({
      templates: ['a.yaml'],
      handlers: ['h'],
      out: 'gen',
      runtime: 'rt',
      from: { templates: 'flags', handlers: 'flags', out: 'flags', runtime: 'flags' },
    });
  });

  it('falls back to the configuration, with paths relative to cwd', () => {
    const inputs = resolveCommandInputs({ templates: [] }, config, path.join(ROOT, 'src'));
    expect(inputs.templates).toEqual(['../config/tasks']);
    expect(inputs.handlers).toEqual(['handlers', '../tsconfig.json']);
    expect(inputs.out).toBe('tasker');
    expect(inputs.runtime).toBeUndefined();
    expect(inputs.from).toEqual({ templates: 'config', handlers: 'config', out: 'config', runtime: 'none' });
  });

  it('passes on one policy: global severities and per-path overrides', () => {
    const inputs = resolveCommandInputs({}, config, ROOT);
    expect(inputs.severity(diagnostic('unknown-key', 'config/tasks/a.yaml'))).toBe('off');
    expect(inputs.severity(diagnostic('orphan-step', 'config/tasks/legacy/old.yaml'))).toBe('off');
    expect(inputs.severity(diagnostic('orphan-step', 'config/tasks/a.yaml'))).toBe('error');
  });

  it('gives empty lists when neither flags nor configuration name paths', () => {
    const inputs = resolveCommandInputs({}, { root: ROOT, hasCodegenTable: false, severities: {}, overrides: [] }, ROOT);
    expect(inputs).toMatchObject({ templates: [], handlers: [], from: { templates: 'none', handlers: 'none' } });
    expect(inputs.out).toBeUndefined();
  });
});
