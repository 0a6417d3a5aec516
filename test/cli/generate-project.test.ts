/**
 * `generate` as users run it: --quiet, the configuration file, and a warning
 * for stubs whose callable disappeared from the templates.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../helpers.js';

const TEMPLATE = (extraStep: string) => `name: orders
namespace_name: shop
version: 1.0.0
steps:
  - name: validate
    handler: { callable: Shop.Validate }
    result_schema: { type: object, required: [ok], properties: { ok: { type: boolean } } }
${extraStep}`;

const CHARGE = `  - name: charge
    handler: { callable: Shop.Charge }
    dependencies: [validate]
    result_schema: { type: object }
`;

let project: ReturnType<typeof tempProject> | undefined;
afterEach(() => project?.cleanup());

describe('tasker-ctl generate (project mode)', () => {
  it('lists what it wrote, or nothing with --quiet', () => {
    project = tempProject({ 'tasks/orders.yaml': TEMPLATE(CHARGE) });
    const loud = runCli(['generate', 'tasks', '--out', 'gen'], { cwd: project.dir });
    expect(loud.code).toBe(0);
    expect(loud.stderr).toContain('created handlers/shop/charge.ts');
    const quiet = runCli(['generate', 'tasks', '--out', 'gen', '-q'], { cwd: project.dir });
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toBe('');
  });

  it('refuses an option where a value belongs (`--out --check` would write into a folder named --check)', () => {
    project = tempProject({ 'tasks/orders.yaml': TEMPLATE(CHARGE) });
    const run = runCli(['generate', 'tasks', '--out', '--check'], { cwd: project.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("tasker-ctl: option '-o, --out <dir>' needs a value, but got the option '--check'\n");
    expect(existsSync(path.join(project.dir, '--check'))).toBe(false);
    // A value that merely starts with a dash is still a value.
    expect(runCli(['generate', 'tasks', '--out', '-gen', '-q'], { cwd: project.dir }).code).toBe(0);
    expect(existsSync(path.join(project.dir, '-gen/tasker.ts'))).toBe(true);
  });

  it('takes templates, output folder and runtime from .config/tasker.toml; flags win', () => {
    project = tempProject({
      'tasks/orders.yaml': TEMPLATE(CHARGE),
      '.config/tasker.toml': '[codegen]\ntemplates = ["tasks"]\nout = "src/generated"\nruntime = "@acme/tasker-runtime"\n',
    });
    mkdirSync(path.join(project.dir, '.git'));
    const fromConfig = runCli(['generate', '-q'], { cwd: project.dir });
    expect(fromConfig.code, fromConfig.stderr).toBe(0);
    const tasker = readFileSync(path.join(project.dir, 'src/generated/tasker.ts'), 'utf8');
    expect(tasker).toContain("from '@acme/tasker-runtime';");
    const flagged = runCli(['generate', 'tasks', '--out', 'other', '--runtime', 'tasker-ctl/runtime', '-q'], { cwd: project.dir });
    expect(flagged.code, flagged.stderr).toBe(0);
    expect(readFileSync(path.join(project.dir, 'other/tasker.ts'), 'utf8')).toContain("from 'tasker-ctl/runtime';");
    // The configured output is up to date; --check agrees.
    expect(runCli(['generate', '--check', '-q'], { cwd: project.dir }).code).toBe(0);
  });

  it('warns about a stub whose callable no template declares any more, and keeps it', () => {
    project = tempProject({ 'tasks/orders.yaml': TEMPLATE(CHARGE) });
    expect(runCli(['generate', 'tasks', '--out', 'gen', '-q'], { cwd: project.dir }).code).toBe(0);
    writeFileSync(path.join(project.dir, 'tasks/orders.yaml'), TEMPLATE(''));
    const run = runCli(['generate', 'tasks', '--out', 'gen', '-q'], { cwd: project.dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      `tasker-ctl: warning: ${path.join('gen', 'handlers/shop/charge.ts')}: no template declares its callable any more; delete it or move it out of gen\n`,
    );
    expect(readFileSync(path.join(project.dir, 'gen/handlers/shop/charge.ts'), 'utf8')).toContain("'Shop.Charge'");
  });
});
