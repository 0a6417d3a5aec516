/** `breaking --against`: one test per kind of change, the version rule, and folder and git-revision comparisons. */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkBreaking } from '../../src/app/breaking.js';
import { CORPUS_DIR, describeWithShared, REPO_ROOT, runCli, tempProject } from '../helpers.js';

const BASE = `name: checkout
namespace_name: shop
version: 1.2.0
input_schema:
  type: object
  required: [order_id]
  properties:
    order_id: { type: string }
    channel: { type: string, enum: [web, store] }
    note: { type: string }
steps:
  - name: validate
    handler: { callable: Shop.Validate }
    result_schema:
      type: object
      required: [total, status]
      properties:
        total: { type: number }
        status: { type: string, enum: [ok, review] }
        coupon: { type: string }
  - name: charge
    dependencies: [validate]
    handler: { callable: Shop.Charge }
    result_schema:
      type: object
      required: [payment_id]
      properties:
        payment_id: { type: string }
  - name: notify
    dependencies: [charge]
    handler: { callable: Shop.Notify }
    result_schema:
      type: object
      properties:
        sent: { type: boolean }
`;

/** Runs `breaking` on BASE (old) against `edit(BASE)` (new), folder against folder. */
function findings(edit: (text: string) => string): Array<{ code: string; severity: string; at: string; message: string; hint?: string }> {
  const project = tempProject({ 'old/checkout.yaml': BASE, 'new/checkout.yaml': edit(BASE) });
  try {
    const result = checkBreaking(['new'], { against: 'old', cwd: project.dir });
    return result.diagnostics.map((d) => ({
      code: d.code,
      severity: d.severity,
      at: `${d.file}:${d.line}`,
      message: d.message,
      ...(d.hint ? { hint: d.hint } : {}),
    }));
  } finally {
    project.cleanup();
  }
}

const codes = (edit: (text: string) => string) => findings(edit).map((f) => `${f.severity} ${f.code} ${f.at}`);

describe('breaking changes (errors)', () => {
  it('a template removed, reported in the old file', () => {
    expect(codes((t) => t.replace('name: checkout', 'name: checkout_v2'))).toEqual(['error template-removed old/checkout.yaml:1']);
  });

  it('a step removed, reported in the old file', () => {
    const edited = (t: string) => t.replace(/ {2}- name: notify[\s\S]*$/, '');
    expect(codes(edited)).toEqual(['error step-removed old/checkout.yaml:29']);
  });

  it('a callable changed', () => {
    expect(codes((t) => t.replace('Shop.Charge', 'Shop.ChargeV2'))).toEqual(['error callable-changed new/checkout.yaml:23']);
  });

  it('a result field removed, a type changed or narrowed, an enum value removed, where a step reads the result', () => {
    expect(codes((t) => t.replace('        coupon: { type: string }\n', ''))).toEqual(['error result-field-removed old/checkout.yaml:20']);
    expect(codes((t) => t.replace('total: { type: number }', 'total: { type: string }'))).toEqual([
      'error result-field-type-changed new/checkout.yaml:18',
    ]);
    expect(codes((t) => t.replace('payment_id: { type: string }', 'payment_id: { type: string, enum: [p1] }'))).toEqual([
      'error result-field-type-changed new/checkout.yaml:28',
    ]);
    expect(codes((t) => t.replace('enum: [ok, review]', 'enum: [ok]'))).toEqual(['error result-enum-value-removed new/checkout.yaml:19']);
  });

  it('the same result changes are info when no step reads the result', () => {
    expect(findings((t) => t.replace('sent: { type: boolean }', 'sent: { type: string }'))).toEqual([
      expect.objectContaining({
        code: 'result-field-type-changed',
        severity: 'info',
        message: 'result of step `notify`: result field `sent` changed type: boolean → string (no step reads this result)',
      }),
    ]);
  });

  it('an input field made required, or added as required; an input type changed', () => {
    expect(codes((t) => t.replace('required: [order_id]', 'required: [order_id, note]'))).toEqual([
      'error input-field-required new/checkout.yaml:10',
    ]);
    expect(
      codes((t) =>
        t
          .replace('    note: { type: string }\n', '    note: { type: string }\n    region: { type: string }\n')
          .replace('required: [order_id]', 'required: [order_id, region]'),
      ),
    ).toEqual(['error input-field-required new/checkout.yaml:11']);
    expect(codes((t) => t.replace('order_id: { type: string }', 'order_id: { type: integer }'))).toEqual([
      'error input-field-type-changed new/checkout.yaml:8',
    ]);
  });

  it('an ancestor taken away from a step', () => {
    const [finding] = findings((t) => t.replace('    dependencies: [charge]\n', ''));
    expect(finding).toMatchObject({ code: 'ancestor-removed', severity: 'error', at: 'new/checkout.yaml:29' });
    expect(finding!.message).toBe(
      'step `notify` no longer has `charge`, `validate` upstream: a handler `depends` on them now receives null',
    );
  });
});

describe('dangerous changes (warnings) and safe ones (info or nothing)', () => {
  it('a required result field made optional; an input enum value added; additionalProperties closed', () => {
    expect(codes((t) => t.replace('required: [total, status]', 'required: [total]'))).toEqual([
      'warning result-field-optional new/checkout.yaml:19',
    ]);
    expect(codes((t) => t.replace('enum: [web, store]', 'enum: [web, store, phone]'))).toEqual([
      'warning input-enum-value-added new/checkout.yaml:9',
    ]);
    expect(codes((t) => t.replace('  required: [order_id]\n', '  required: [order_id]\n  additionalProperties: false\n'))).toEqual([
      'warning additional-properties-closed new/checkout.yaml:7',
    ]);
  });

  it('optional fields added and result enum values added are info; descriptions, retry, timeouts and key order are nothing', () => {
    expect(codes((t) => t.replace('    note: { type: string }\n', '    note: { type: string }\n    gift: { type: boolean }\n'))).toEqual([
      'info optional-field-added new/checkout.yaml:11',
    ]);
    expect(codes((t) => t.replace('enum: [ok, review]', 'enum: [ok, review, hold]'))).toEqual([
      'info result-enum-value-added new/checkout.yaml:19',
    ]);
    const cosmetic = (t: string) =>
      t
        .replace('name: checkout\nnamespace_name: shop\n', 'namespace_name: shop\nname: checkout\ndescription: Checkout\n')
        .replace(
          '    handler: { callable: Shop.Charge }\n',
          '    handler: { callable: Shop.Charge }\n    timeout_seconds: 30\n    retry: { max_attempts: 5 }\n    description: Charge the card\n',
        );
    expect(codes(cosmetic)).toEqual([]);
  });
});

describe('the version rule', () => {
  it('a breaking change without a major bump fails, and the hint says to bump it', () => {
    const [finding] = findings((t) => t.replace('Shop.Charge', 'Shop.ChargeV2').replace('version: 1.2.0', 'version: 1.3.0'));
    expect(finding).toMatchObject({
      severity: 'error',
      hint: expect.stringContaining('A breaking change needs a new major `version` (1.3.0 → 2.0.0)'),
    });
  });

  it('a breaking change with a major bump is info and does not fail', () => {
    const [finding] = findings((t) => t.replace('Shop.Charge', 'Shop.ChargeV2').replace('version: 1.2.0', 'version: 2.0.0'));
    expect(finding).toMatchObject({
      severity: 'info',
      message: expect.stringContaining('released with the major version bump 1.2.0 → 2.0.0'),
    });
  });
});

describe('tasker-ctl breaking (CLI)', () => {
  const project = tempProject({ 'tasks/checkout.yaml': BASE });
  afterAll(project.cleanup);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: project.dir, encoding: 'utf8' });

  it('compares with a git revision in a temporary repository, without checking anything out', () => {
    git('init', '-q');
    git('add', '-A');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'v1');
    writeFileSync(
      path.join(project.dir, 'tasks/checkout.yaml'),
      BASE.replace('Shop.Charge', 'Shop.ChargeV2').replace('        coupon: { type: string }\n', ''),
    );
    const run = runCli(['breaking', 'tasks', '--against', 'HEAD'], { cwd: project.dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('tasker-ctl: compared with HEAD (git revision, 1 file)');
    expect(run.stderr).toContain(
      'HEAD:tasks/checkout.yaml:20:9 error result-field-removed result of step `validate`: result field `coupon` was removed',
    );
    expect(run.stderr).toContain('tasks/checkout.yaml:22:26 error callable-changed');
    expect(run.stderr).toContain('✖ 2 errors');
    // The working tree is untouched.
    expect(git('status', '--porcelain')).toBe(' M tasks/checkout.yaml\n');
  });

  it('prints json, github and sarif; --fail-on warning fails on a dangerous change only', () => {
    const json = JSON.parse(runCli(['breaking', 'tasks', '--against', 'HEAD', '--format', 'json'], { cwd: project.dir }).stdout) as {
      diagnostics: Array<{ code: string }>;
    };
    expect(json.diagnostics.map((d) => d.code).sort()).toEqual(['callable-changed', 'result-field-removed']);
    expect(runCli(['breaking', 'tasks', '--against', 'HEAD', '--format', 'github'], { cwd: project.dir }).stdout).toContain(
      '::error file=tasks/checkout.yaml,line=22',
    );
    const sarif = JSON.parse(runCli(['breaking', 'tasks', '--against', 'HEAD', '--format', 'sarif'], { cwd: project.dir }).stdout) as {
      runs: Array<{ results: unknown[] }>;
    };
    expect(sarif.runs[0]!.results).toHaveLength(2);

    writeFileSync(path.join(project.dir, 'tasks/checkout.yaml'), BASE.replace('required: [total, status]', 'required: [total]'));
    expect(runCli(['breaking', 'tasks', '--against', 'HEAD'], { cwd: project.dir }).code).toBe(0);
    expect(runCli(['breaking', 'tasks', '--against', 'HEAD', '--fail-on', 'warning'], { cwd: project.dir }).code).toBe(1);
  });

  it('an --against that is neither a folder nor a revision is a usage error', () => {
    const run = runCli(['breaking', 'tasks', '--against', 'no-such-branch'], { cwd: project.dir });
    expect(run).toMatchObject({ code: 2, stderr: 'tasker-ctl: --against no-such-branch: neither a folder nor a git revision\n' });
  });
});

describe('identical templates', () => {
  it('fixtures/templates/clean against itself: nothing to report', () => {
    const result = checkBreaking(['fixtures/templates/clean'], { against: 'fixtures/templates/clean', cwd: REPO_ROOT });
    expect(result.diagnostics).toEqual([]);
    expect(result.against).toEqual({ kind: 'folder', label: 'fixtures/templates/clean', files: 2 });
  });
});

describeWithShared('corpus', 'the real corpus against itself', () => {
  it('reports nothing for 129 unchanged templates', () => {
    const result = checkBreaking([CORPUS_DIR], { against: CORPUS_DIR, cwd: REPO_ROOT });
    expect(result.diagnostics).toEqual([]);
    expect(result.against.files).toBe(129);
  });
});
