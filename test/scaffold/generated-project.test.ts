/**
 * Every built-in template, generated into a temporary consumer project, compiles
 * under strict tsc (two lib set-ups) and its generated tests pass as generated.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateTemplates } from '../../src/index.js';
import { describeWithShared, runCli } from '../helpers.js';
import { createScaffoldConsumer, runTsc, runVitest, type ScaffoldConsumer } from './consumer.js';

/** Each template with parameters that exercise its optional parts; one output folder each. */
const CASES: Array<{ template: string; out: string; params: string[] }> = [
  { template: 'step_handler', out: 'src/plain', params: ['name=ProcessPayment'] },
  {
    template: 'step_handler',
    out: 'src/injected',
    params: ['name=ChargeCard', 'input=order_id', 'depends_on=validate_cart', 'callable=Ecommerce.StepHandlers.ChargeCardHandler'],
  },
  { template: 'step_handler', out: 'src/colliding', params: ['name=context', 'input=context', 'depends_on=context'] },
  { template: 'step_handler_decision', out: 'src/decision', params: ['name=RouteOrder', 'threshold=250.5'] },
  { template: 'step_handler_batchable', out: 'src/batch', params: ['name=ImportRows', 'batch_size=7', 'input=rows'] },
  {
    template: 'step_handler_api',
    out: 'src/api',
    params: ['name=fetch-customer', 'base_url=http://localhost:8080/v1', 'endpoint=/customers'],
  },
  { template: 'task_template', out: 'src/tasker', params: ['name=order_checkout', 'namespace=shop'] },
  { template: 'task_template', out: 'src/ruby_style', params: ['name=Refund', 'callable_prefix=Shop::Refunds'] },
];

let consumer: ScaffoldConsumer;

beforeAll(() => {
  consumer = createScaffoldConsumer();
  for (const c of CASES) {
    const run = runCli(['template', 'generate', c.template, ...c.params.flatMap((p) => ['--param', p]), '--output', c.out], {
      cwd: consumer.dir,
    });
    if (run.code !== 0) throw new Error(`generate ${c.template} failed (${run.code}): ${run.stderr}`);
  }
});

afterAll(() => consumer?.cleanup());

describe('generated project', () => {
  it('compiles under tsc --strict with default libs', () => {
    const run = runTsc(consumer.dir);
    expect(run.output).toBe('');
    expect(run.status).toBe(0);
  });

  it('compiles under tsc --strict with lib ES2022 and @types/node', () => {
    const run = runTsc(consumer.dir, 'tsconfig.node.json');
    expect(run.output).toBe('');
    expect(run.status).toBe(0);
  });

  it('passes its generated tests', () => {
    const run = runVitest(consumer.dir);
    expect(run.status, run.output).toBe(0);
    expect(run.output).toMatch(/Test Files\s+8 passed \(8\)/);
  });

  it('generates task templates that validate cleanly', () => {
    for (const out of ['src/tasker/templates', 'src/ruby_style/templates']) {
      const result = validateTemplates([path.join(consumer.dir, out)]);
      expect(result.diagnostics).toEqual([]);
      expect(result.templates).toHaveLength(1);
    }
  });

  it('registers the callable the notes tell the user to put in YAML', () => {
    const run = runCli(
      [
        'template',
        'generate',
        'step_handler',
        '--param',
        'name=ShipOrder',
        '--param',
        'callable=Shop.ShipOrderHandler',
        '--output',
        'src/ship',
        '--dry-run',
      ],
      { cwd: consumer.dir },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('    callable: Shop.ShipOrderHandler');
    const handler = readFileSync(path.join(consumer.dir, 'src/injected/charge_card_handler.ts'), 'utf8');
    expect(handler).toContain("defineHandler(\n  'Ecommerce.StepHandlers.ChargeCardHandler',");
    expect(handler).toContain(' *     callable: Ecommerce.StepHandlers.ChargeCardHandler\n');
  });
});

for (const resolution of ['NodeNext', 'Bundler'] as const) {
  describeWithShared(
    'sdk',
    `every built-in template with --param runtime=@tasker-systems/tasker compiles against the SDK (${resolution})`,
    () => {
      let sdkConsumer: ScaffoldConsumer;
      beforeAll(() => {
        sdkConsumer = createScaffoldConsumer({ sdk: true, resolution });
        for (const c of CASES) {
          const run = runCli(
            [
              'template',
              'generate',
              c.template,
              ...c.params.flatMap((p) => ['--param', p]),
              '--param',
              'runtime=@tasker-systems/tasker',
              '--output',
              c.out,
            ],
            { cwd: sdkConsumer.dir },
          );
          if (run.code !== 0) throw new Error(`generate ${c.template} failed (${run.code}): ${run.stderr}`);
        }
      });
      afterAll(() => sdkConsumer?.cleanup());

      it('imports the SDK, not tasker-ctl/runtime, for the DSL', () => {
        const handler = readFileSync(path.join(sdkConsumer.dir, 'src/plain/process_payment_handler.ts'), 'utf8');
        expect(handler).toContain("from '@tasker-systems/tasker'");
        expect(handler).not.toContain('tasker-ctl');
      });

      it('compiles under tsc --strict with default libs, and with lib ES2022 and @types/node', () => {
        for (const config of [undefined, 'tsconfig.node.json']) {
          const run = runTsc(sdkConsumer.dir, config);
          expect(run.output).toBe('');
          expect(run.status).toBe(0);
        }
      });
    },
  );
}
