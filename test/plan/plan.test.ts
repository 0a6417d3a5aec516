/** Unit tests of plan/: the per-step contracts, handler paths and names, from templates loaded in memory. */
import { describe, expect, it } from 'vitest';
import { loadTemplateText } from '../../src/load/index.js';
import { planProject } from '../../src/plan/index.js';
import { resolveNames } from '../../src/plan/naming.js';

const TEMPLATE = `name: approvals
namespace_name: billing
version: 1.0.0
steps:
  - name: fetch_invoice
    handler: { callable: Billing.FetchInvoice }
    result_schema: { type: object, required: [total], properties: { total: { type: number } } }
  - name: decide
    type: decision
    dependencies: [fetch_invoice]
    handler: { callable: Billing.Decide }
  - name: auto_pay
    dependencies: [decide]
    handler: { callable: Billing.AutoPay }
  - name: review
    dependencies: [decide]
    handler: { callable: Billing.Review }
  - name: settle
    type: deferred_convergence
    dependencies: [auto_pay, review]
    handler: { callable: Billing.Settle }
`;

function plan(text = TEMPLATE) {
  const loaded = loadTemplateText(text, 'approvals.yaml');
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return planProject(loaded.templates, { root: '.' });
}

describe('planProject', () => {
  it('gives each step its ancestors in topological order, its routes and its result type', () => {
    const [template] = plan().templates;
    const byName = new Map(template!.steps.map((s) => [s.step.name, s]));
    expect(byName.get('settle')!.ancestors.map((a) => [a.step, a.guaranteed])).toEqual([
      ['fetch_invoice', true],
      ['decide', true],
      ['auto_pay', false],
      ['review', false],
    ]);
    expect(byName.get('decide')!.routes).toEqual(['auto_pay', 'review']);
    expect(byName.get('fetch_invoice')!.resultType).toBe('FetchInvoiceResult');
    expect(byName.get('auto_pay')!.resultType).toBe('JsonObject');
  });

  it('plans one handler per callable, with a file under handlers/ and a unique index alias', () => {
    const project = plan();
    expect(project.handlers.map((h) => [h.callable, h.kind, h.file])).toEqual([
      ['Billing.AutoPay', 'standard', 'handlers/billing/auto_pay.ts'],
      ['Billing.Decide', 'decision', 'handlers/billing/decide.ts'],
      ['Billing.FetchInvoice', 'standard', 'handlers/billing/fetch_invoice.ts'],
      ['Billing.Review', 'standard', 'handlers/billing/review.ts'],
      ['Billing.Settle', 'deferred_convergence', 'handlers/billing/settle.ts'],
    ]);
    expect(new Set(project.handlers.map((h) => h.indexAlias)).size).toBe(5);
    expect(project.diagnostics).toEqual([]);
  });

  it('is deterministic: the same templates give the same plan', () => {
    const a = plan();
    const b = plan();
    expect(a.handlers.map((h) => h.indexAlias)).toEqual(b.handlers.map((h) => h.indexAlias));
    expect(a.templates[0]!.contractsPath).toBe('contracts/billing/approvals.ts');
  });
});

describe('resolveNames', () => {
  it('keeps names that do not collide, and separates colliding ones by their separators, then a hash', () => {
    const { names, collisions } = resolveNames(
      [
        { parts: ['fetch_data'], key: 'a' },
        { parts: ['fetch__data'], key: 'b' },
        { parts: ['other'], key: 'c' },
      ],
      [],
    );
    expect(names[2]).toBe('Other');
    expect(names[0]).not.toBe(names[1]);
    expect(collisions.map((c) => c.wanted)).toEqual(['FetchData']);
  });

  it('a name never depends on unrelated requests', () => {
    const alone = resolveNames(
      [
        { parts: ['payment_1'], key: 'x' },
        { parts: ['payment1'], key: 'y' },
      ],
      [],
    ).names;
    const withMore = resolveNames(
      [
        { parts: ['payment_1'], key: 'x' },
        { parts: ['zzz'], key: 'z' },
        { parts: ['payment1'], key: 'y' },
      ],
      [],
    ).names;
    expect([withMore[0], withMore[2]]).toEqual(alone);
  });
});
