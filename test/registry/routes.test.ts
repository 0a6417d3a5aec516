/** validate registry: literal `Decision.route([...])` targets must be steps that depend on the decision step. */
import { afterAll, describe, expect, it } from 'vitest';
import { checkRegistry } from '../../src/app/registry.js';
import { tempProject } from '../helpers.js';

const TEMPLATE = `name: approval
namespace_name: routes
version: 1.0.0
steps:
  - name: validate
    handler: { callable: Routes.Validate }
  - name: decide
    type: decision
    dependencies: [validate]
    handler: { callable: Routes.Decide }
  - name: auto_approve
    dependencies: [decide]
    handler: { callable: Routes.AutoApprove }
  - name: manager_review
    dependencies: [decide]
    handler: { callable: Routes.ManagerReview }
`;

const others =
  "export const Others = [defineHandler('Routes.Validate', {}, async () => ({})), defineHandler('Routes.AutoApprove', {}, async () => ({})), defineHandler('Routes.ManagerReview', {}, async () => ({}))];\n";

describe('unknown-route-step', () => {
  const { dir, cleanup } = tempProject({
    'templates/approval.yaml': TEMPLATE,
    // From the SDK: a misspelt step, and a step that exists but does not depend on the decision.
    'sdk/decide.ts': `import { Decision, defineDecisionHandler, defineHandler } from '@tasker-systems/tasker';
export const Decide = defineDecisionHandler('Routes.Decide', {}, async () => {
  if (Math.random() > 0.5) return Decision.route(['auto_aprove']);
  return Decision.route(['manager_review', 'validate']);
});
${others}`,
    // From the generated layer (which re-exports tasker-ctl/runtime's Decision under a cast), through a constant.
    'layer/tasker.ts': `import { Decision as runtimeDecision, defineDecisionHandler as runtimeDefineDecisionHandler, defineHandler as runtimeDefineHandler } from 'tasker-ctl/runtime';
export const Decision = runtimeDecision as unknown as { route(steps: readonly string[]): unknown };
export const defineDecisionHandler = runtimeDefineDecisionHandler;
export const defineHandler = runtimeDefineHandler;
`,
    'layer/decide.ts': `import { Decision, defineDecisionHandler, defineHandler } from './tasker.js';
const REVIEW = 'manager_reveiw';
export const Decide = defineDecisionHandler('Routes.Decide', {}, async () => Decision.route(['auto_approve', REVIEW]));
${others}`,
    // A namespace import of tasker-ctl/runtime; every target right: nothing to report.
    'clean/decide.ts': `import * as tasker from 'tasker-ctl/runtime';
const { defineHandler } = tasker;
export const Decide = tasker.defineDecisionHandler('Routes.Decide', {}, async () => tasker.Decision.route(['auto_approve']));
${others}`,
  });
  afterAll(cleanup);

  const routeFindings = async (handlers: string) =>
    (await checkRegistry({ templates: ['templates'], handlers: [handlers], cwd: dir })).diagnostics
      .filter((d) => d.code === 'unknown-route-step')
      .map((d) => ({
        at: `${d.file}:${d.line}:${d.column}`,
        severity: d.severity,
        message: d.message,
        hint: d.hint,
        related: d.related?.map((r) => `${r.file}:${r.line}`),
      }));

  it('reports a misspelt step and a step that does not depend on the decision, with Decision from the SDK', async () => {
    expect(await routeFindings('sdk')).toEqual([
      {
        at: 'sdk/decide.ts:3:51',
        severity: 'error',
        message:
          'Decision.route names step "auto_aprove", which is not a step of routes/approval:1.0.0 (callable "Routes.Decide", decision step "decide")',
        hint: 'did you mean "auto_approve"?',
        related: ['templates/approval.yaml:10'],
      },
      {
        at: 'sdk/decide.ts:4:44',
        severity: 'error',
        message:
          'Decision.route names step "validate", which does not depend on decision step "decide" of routes/approval:1.0.0, so Tasker cannot create it from this decision',
        hint: 'the steps this decision can create are those that list "decide" as a dependency: auto_approve, manager_review.',
        related: ['templates/approval.yaml:10', 'templates/approval.yaml:5'],
      },
    ]);
  });

  it('follows the generated layer and constants', async () => {
    expect((await routeFindings('layer')).map((f) => `${f.at} ${f.hint}`)).toEqual([
      'layer/decide.ts:3:110 did you mean "manager_review"?',
    ]);
  });

  it('reports nothing when every target depends on the decision (namespace import)', async () => {
    expect(await routeFindings('clean')).toEqual([]);
  });
});
