/** fixtures/registry/findings: one of each registry finding, pinned with both sides. */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkRegistry, type RegistryCheckResult } from '../../src/app/registry.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { REPO_ROOT } from '../helpers.js';

const DIR = path.join(REPO_ROOT, 'fixtures/registry/findings');
let result: RegistryCheckResult;
beforeAll(async () => {
  result = await checkRegistry({ templates: ['templates'], handlers: ['handlers'], cwd: DIR });
});

const brief = (d: Diagnostic) => ({
  code: d.code,
  severity: d.severity,
  at: `${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn}`,
  message: d.message,
  hint: d.hint,
  related: (d.related ?? []).map((r) => `${r.file}:${r.line}:${r.column} ${r.message}`),
});

describe('fixtures/registry/findings', () => {
  it('reports each finding once, sorted by file and position', () => {
    expect(result.diagnostics.map((d) => `${d.severity} ${d.code} ${d.file}:${d.line}:${d.column}`)).toEqual([
      'info shared-callable handlers/audit.ts:5:33',
      'warning source-syntax-error handlers/broken.ts:2:38',
      'error depends-unknown-step handlers/charge.ts:5:22',
      'warning dynamic-callable handlers/dynamic.ts:4:24',
      'warning unused-handler handlers/legacy.ts:3:44',
      'warning depends-not-ancestor handlers/notify.ts:4:83',
      'error unknown-input-key handlers/refund.ts:3:106',
      'warning unused-handler handlers/shipping.ts:3:42',
      'warning unknown-input-key handlers/validate.ts:5:43',
      'error duplicate-handler handlers/validate_again.ts:4:51',
      'error missing-handler templates/orders.yaml:19:26',
    ]);
    expect(result.summary).toEqual({ files: 12, errors: 4, warnings: 6, infos: 1 });
  });

  const find = (code: string, file?: string) =>
    brief(result.diagnostics.find((d) => d.code === code && (file === undefined || d.file === file))!);

  it('missing-handler: at the YAML callable, naming the closest handler on the TypeScript side', () => {
    expect(find('missing-handler')).toEqual({
      code: 'missing-handler',
      severity: 'error',
      at: 'templates/orders.yaml:19:26-19:37',
      message: 'no handler for callable "Orders.Ship" (step "ship" of registry_findings/orders:1.0.0)',
      hint: 'closest handler: "Orders.Shipp"; 1 handler callable is dynamic and could not be compared.',
      related: ['handlers/shipping.ts:3:42 handler "Orders.Shipp" is defined here'],
    });
  });

  it('duplicate-handler: at the second definition, pointing at the first', () => {
    expect(find('duplicate-handler')).toEqual({
      code: 'duplicate-handler',
      severity: 'error',
      at: 'handlers/validate_again.ts:4:51-4:68',
      message: 'callable "Orders.Validate" already has a handler (defineHandler ValidateHandler); only one of them runs',
      hint: 'Keep one handler per callable (or register this one under another callable).',
      related: ['handlers/validate.ts:4:3 first handler of "Orders.Validate" (defineHandler ValidateHandler)'],
    });
  });

  it('depends-unknown-step: at the depends value, with a suggestion and the YAML step', () => {
    expect(find('depends-unknown-step')).toEqual({
      code: 'depends-unknown-step',
      severity: 'error',
      at: 'handlers/charge.ts:5:22-5:31',
      message:
        'depends.cart names step "validat", which is not a step of registry_findings/orders:1.0.0 (callable "Orders.Charge", step "charge")',
      hint: 'did you mean "validate"?',
      related: ['templates/orders.yaml:13:26 step "charge" of registry_findings/orders:1.0.0 uses "Orders.Charge"'],
    });
  });

  it('depends-not-ancestor: a warning naming the ancestors, the step and the named step', () => {
    expect(find('depends-not-ancestor')).toEqual({
      code: 'depends-not-ancestor',
      severity: 'warning',
      at: 'handlers/notify.ts:4:83-4:91',
      message:
        'depends.payment names step "charge", which is not upstream of step "notify" of registry_findings/orders:1.0.0: the handler receives null there',
      hint: 'Tasker passes a handler the results of the step\'s ancestors only (validate); add "charge" to the dependencies of "notify", or drop the entry.',
      related: [
        'templates/orders.yaml:16:26 step "notify" of registry_findings/orders:1.0.0 uses "Orders.Notify"',
        'templates/orders.yaml:12:5 step "charge" is declared here',
      ],
    });
  });

  it('unknown-input-key: a warning against an open schema', () => {
    expect(find('unknown-input-key', 'handlers/validate.ts')).toEqual({
      code: 'unknown-input-key',
      severity: 'warning',
      at: 'handlers/validate.ts:5:43-5:59',
      message: 'inputs.email names task input key "customer_emial", which input_schema of registry_findings/orders:1.0.0 does not declare',
      hint: 'did you mean "customer_email"?',
      related: [
        'templates/orders.yaml:4:1 input_schema of registry_findings/orders:1.0.0',
        'templates/orders.yaml:11:26 step "validate" uses "Orders.Validate"',
      ],
    });
  });

  it('unknown-input-key: an error when input_schema sets additionalProperties: false', () => {
    expect(find('unknown-input-key', 'handlers/refund.ts')).toMatchObject({
      severity: 'error',
      at: 'handlers/refund.ts:3:106-3:116',
      message:
        'inputs.orderId names task input key "order_id", which input_schema of registry_findings/refunds:1.0.0 does not declare (additionalProperties: false, so it is never present)',
      hint: 'declared keys: refund_id.',
    });
  });

  it('unused-handler: a likely typo points at the template callable without a handler', () => {
    expect(find('unused-handler', 'handlers/shipping.ts')).toMatchObject({
      severity: 'warning',
      at: 'handlers/shipping.ts:3:42-3:56',
      message: 'no template step uses callable "Orders.Shipp" (defineHandler ShipHandler)',
      hint: 'a template uses "Orders.Ship", which has no handler: a typo?',
      related: ['templates/orders.yaml:19:26 step "ship" uses "Orders.Ship"'],
    });
    expect(find('unused-handler', 'handlers/legacy.ts')).toMatchObject({
      related: [],
      message: 'no template step uses callable "Orders.Legacy" (defineHandler LegacyHandler)',
    });
  });

  it('dynamic-callable: at the expression', () => {
    expect(find('dynamic-callable')).toMatchObject({
      severity: 'warning',
      at: 'handlers/dynamic.ts:4:24-4:40',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the expected message quotes the handler's template literal
      message: 'dynamic callable, cannot be verified against the templates: `Orders.${name}`',
    });
  });

  it('source-syntax-error: the first error and how many more', () => {
    expect(find('source-syntax-error')).toMatchObject({
      severity: 'warning',
      at: 'handlers/broken.ts:2:38-2:39',
      message: "',' expected. (and 1 more syntax error)",
    });
  });

  it('shared-callable: an info at the handler listing every step', () => {
    expect(find('shared-callable')).toEqual({
      code: 'shared-callable',
      severity: 'info',
      at: 'handlers/audit.ts:5:33-5:47',
      message:
        'callable "Orders.Audit" is used by 2 steps: "audit_charge" (registry_findings/orders:1.0.0, method charge), "audit_ship" (registry_findings/orders:1.0.0, method ship); each step is checked on its own',
      hint: undefined,
      related: [
        'templates/orders.yaml:22:26 step "audit_charge" of registry_findings/orders:1.0.0 uses "Orders.Audit"',
        'templates/orders.yaml:25:26 step "audit_ship" of registry_findings/orders:1.0.0 uses "Orders.Audit"',
      ],
    });
  });

  it('has source text for code frames on both sides', () => {
    expect(result.sources.get('templates/orders.yaml')?.text).toContain('Orders.Ship');
    expect(result.sources.get('handlers/shipping.ts')?.text).toContain('Orders.Shipp');
  });

  it('applies severity overrides (off drops a code)', async () => {
    const quiet = await checkRegistry({
      templates: ['templates'],
      handlers: ['handlers'],
      cwd: DIR,
      severities: { 'unused-handler': 'off', 'missing-handler': 'warning' },
    });
    expect(quiet.diagnostics.some((d) => d.code === 'unused-handler')).toBe(false);
    expect(quiet.diagnostics.find((d) => d.code === 'missing-handler')?.severity).toBe('warning');
  });
});
