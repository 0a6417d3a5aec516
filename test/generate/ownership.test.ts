/**
 * Ownership and modes of `tasker-ctl generate`: generated files are rewritten,
 * user-owned stubs never are, a foreign file at a generated path is refused,
 * stale generated files go only when unmodified; --check and --dry-run never
 * write; usage errors exit 2; invalid templates are not generated.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type CliRun, REPO_ROOT, runCli, tempProject } from '../helpers.js';
import { listFiles, snapshotTree } from './consumer.js';

const RICH_YAML = readFileSync(path.join(REPO_ROOT, 'fixtures/generate/rich_schemas.yaml'), 'utf8');
const LOAN_YAML = readFileSync(path.join(REPO_ROOT, 'fixtures/templates/clean/diamond-loan-underwriting.yaml'), 'utf8');
const CYCLE_YAML = readFileSync(path.join(REPO_ROOT, 'fixtures/templates/invalid/dependency-cycle.yaml'), 'utf8');

const CONTRACTS = 'contracts/rich_shop/order_pipeline.ts';
const LOAN_CONTRACTS = 'contracts/lending/loan_underwriting.ts';
const STUB = 'handlers/rich_shop/step_handlers/validate_order.ts';
const STUB_TEST = 'handlers/rich_shop/step_handlers/validate_order.test.ts';

const AUDIT_STEP = `
  - name: audit
    dependencies: [ship_batch]
    handler:
      callable: RichShop.StepHandlers.Audit
    result_schema:
      type: object
      required: [audited]
      properties:
        audited: { type: boolean }
`;

interface Project {
  dir: string;
  /** `tasker-ctl generate <args>` in the project folder. */
  generate: (...args: string[]) => CliRun;
  /** Path inside the project. */
  at: (relative: string) => string;
  read: (relative: string) => string;
  write: (relative: string, content: string) => void;
  /** Every file under out/ with its bytes. */
  outTree: () => Map<string, Buffer>;
}

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

/** A project with templates/rich.yaml and templates/loan.yaml; output goes to out/. */
function project(templates: Record<string, string> = { 'templates/rich.yaml': RICH_YAML, 'templates/loan.yaml': LOAN_YAML }): Project {
  const { dir, cleanup } = tempProject(templates);
  cleanups.push(cleanup);
  const at = (relative: string) => path.join(dir, relative);
  return {
    dir,
    generate: (...args) => runCli(['generate', ...args], { cwd: dir }),
    at,
    read: (relative) => readFileSync(at(relative), 'utf8'),
    write: (relative, content) => {
      mkdirSync(path.dirname(at(relative)), { recursive: true });
      writeFileSync(at(relative), content);
    },
    outTree: () => (existsSync(at('out')) ? snapshotTree(at('out')) : new Map()),
  };
}

/** A project generated once (with tests), asserting success. */
function generated(): Project {
  const p = project();
  const run = p.generate('templates', '--out', 'out', '--with-tests');
  expect(run.code, run.stderr).toBe(0);
  return p;
}

function expectTreesEqual(actual: Map<string, Buffer>, expected: Map<string, Buffer>): void {
  expect([...actual.keys()]).toEqual([...expected.keys()]);
  for (const [file, bytes] of actual) expect(bytes.equals(expected.get(file)!), file).toBe(true);
}

describe('regeneration and ownership', () => {
  it('a second run changes nothing: every file unchanged or left alone, not even rewritten', () => {
    const p = generated();
    const before = p.outTree();
    const mtimes = new Map([...before.keys()].map((f) => [f, statSync(p.at(`out/${f}`)).mtimeMs]));
    const run = p.generate('templates', '--out', 'out', '--with-tests');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('out is already up to date.');
    expect(run.stderr).not.toMatch(/created|updated|removed/);
    expectTreesEqual(p.outTree(), before);
    for (const [file, mtime] of mtimes) expect(statSync(p.at(`out/${file}`)).mtimeMs, file).toBe(mtime);
  });

  it('tasker.ts is rewritten when an option it depends on changes (--runtime), though no template did', () => {
    const p = generated();
    const before = p.read('out/tasker.ts');
    const run = p.generate('templates', '--out', 'out', '--runtime', '@acme/tasker-runtime');
    expect(run.code, run.stderr).toBe(0);
    const after = p.read('out/tasker.ts');
    expect(after).not.toEqual(before);
    expect(after).toContain("from '@acme/tasker-runtime'");
    expect(run.stderr).toMatch(/updated/);
  });

  it('an edited stub (and its test) are left alone, and the report says so', () => {
    const p = generated();
    const edited = `${p.read(`out/${STUB}`)}\n// my implementation notes\nexport const extra = 42;\n`;
    p.write(`out/${STUB}`, edited);
    p.write(`out/${STUB_TEST}`, '// my own test\n');
    const run = p.generate('templates', '--out', 'out', '--with-tests');
    expect(run.code, run.stderr).toBe(0);
    expect(p.read(`out/${STUB}`)).toBe(edited);
    expect(p.read(`out/${STUB_TEST}`)).toBe('// my own test\n');
    // 7 rich + 4 loan callables: every stub is user-owned and left alone.
    expect(run.stderr).toMatch(/\b11 left alone \(user-owned\)/);
    expect(run.stderr).not.toContain(STUB);
  });

  it('a user file without banner at a stub path, there before the first run, is never overwritten', () => {
    const p = project();
    const mine = 'export const ValidateOrderHandler = "mine";\n';
    p.write(`out/${STUB}`, mine);
    const run = p.generate('templates', '--out', 'out', '--with-tests');
    expect(run.code, run.stderr).toBe(0);
    expect(p.read(`out/${STUB}`)).toBe(mine);
    // No test is added beside a stub that already existed.
    expect(existsSync(p.at(`out/${STUB_TEST}`))).toBe(false);
    expect(existsSync(p.at('out/handlers/rich_shop/step_handlers/route_order.test.ts'))).toBe(true);
  });

  it('edited generated files (contracts, index) are rewritten, with the reason in the report', () => {
    const p = generated();
    const original = p.read(`out/${CONTRACTS}`);
    const originalIndex = p.read('out/index.ts');
    p.write(`out/${CONTRACTS}`, original.replace('eta_hours: number', 'eta_hours: string'));
    p.write('out/index.ts', `${originalIndex}\nexport const hacked = true;\n`);
    const run = p.generate('templates', '--out', 'out', '--with-tests');
    expect(run.code, run.stderr).toBe(0);
    expect(p.read(`out/${CONTRACTS}`)).toBe(original);
    expect(p.read('out/index.ts')).toBe(originalIndex);
    expect(run.stderr).toMatch(new RegExp(`updated ${CONTRACTS.replace(/[./]/g, '\\$&')} \\(had been edited by hand`));
    expect(run.stderr).toMatch(/updated index\.ts \(had been edited by hand/);
  });

  it('a generated file whose checksum line was removed is still recognised by its banner and rewritten', () => {
    const p = generated();
    const original = p.read('out/tasker.ts');
    p.write('out/tasker.ts', original.replace(/^\/\/ @checksum .*\n/m, ''));
    const run = p.generate('templates', '--out', 'out');
    expect(run.code, run.stderr).toBe(0);
    expect(p.read('out/tasker.ts')).toBe(original);
  });

  it('a file without the banner at a generated path is refused: exit 1, file intact, path named', () => {
    const p = project();
    const mine = '// my own registry, not generated\nexport const handlers = [];\n';
    // A hand-written file where index.ts would go.
    p.write('out/index.ts', mine);
    const run = p.generate('templates', '--out', 'out');
    expect(run.code).toBe(1);
    expect(p.read('out/index.ts')).toBe(mine);
    expect(run.stderr).toMatch(/refused\s+index\.ts/);
    expect(run.stderr).toContain('not generated by tasker-ctl');
  });

  it('removing a step drops it from every generated file; its stub and test stay (user-owned)', () => {
    const p = project({ 'templates/rich.yaml': `${RICH_YAML.trimEnd()}\n${AUDIT_STEP}` });
    expect(p.generate('templates', '--out', 'out', '--with-tests').code).toBe(0);
    const stub = 'handlers/rich_shop/step_handlers/audit.ts';
    const stubTest = 'handlers/rich_shop/step_handlers/audit.test.ts';
    const stubText = p.read(`out/${stub}`);
    expect(p.read(`out/${CONTRACTS}`)).toContain('AuditStep');
    expect(p.read('out/index.ts')).toContain('audit.js');

    p.write('templates/rich.yaml', RICH_YAML);
    const run = p.generate('templates', '--out', 'out', '--with-tests');
    expect(run.code, run.stderr).toBe(0);
    for (const file of [CONTRACTS, 'tasker.ts', 'index.ts']) {
      expect(run.stderr).toMatch(new RegExp(`updated ${file.replace(/[./]/g, '\\$&')}`));
      expect(p.read(`out/${file}`)).not.toMatch(/audit/i);
    }
    expect(p.read(`out/${stub}`)).toBe(stubText);
    expect(existsSync(p.at(`out/${stubTest}`))).toBe(true);
  });

  it('removing a template removes its unmodified contracts file (and the emptied folder)', () => {
    const p = generated();
    rmSync(p.at('templates/loan.yaml'));
    const run = p.generate('templates', '--out', 'out', '--with-tests');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/removed contracts\/lending\/loan_underwriting\.ts/);
    expect(existsSync(p.at(`out/${LOAN_CONTRACTS}`))).toBe(false);
    expect(existsSync(p.at('out/contracts/lending'))).toBe(false);
    expect(p.read('out/tasker.ts')).not.toContain('lending');
    // Its stubs are user-owned: they stay.
    expect(listFiles(p.at('out/handlers/lending')).length).toBe(8);
  });

  it('removing a template keeps its contracts file when it was edited, and says so', () => {
    const p = generated();
    const edited = `${p.read(`out/${LOAN_CONTRACTS}`)}// my note\n`;
    p.write(`out/${LOAN_CONTRACTS}`, edited);
    rmSync(p.at('templates/loan.yaml'));
    const run = p.generate('templates', '--out', 'out');
    expect(run.code, run.stderr).toBe(0);
    expect(p.read(`out/${LOAN_CONTRACTS}`)).toBe(edited);
    expect(run.stderr).toMatch(/kept\s+contracts\/lending\/loan_underwriting\.ts \(no longer generated, but edited/);
  });
});

describe('--check', () => {
  it('exits 0 when up to date and writes nothing', () => {
    const p = generated();
    const before = p.outTree();
    const run = p.generate('templates', '--out', 'out', '--check');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('out is up to date.');
    expectTreesEqual(p.outTree(), before);
  });

  it('exits 0 when only user-owned stubs were edited', () => {
    const p = generated();
    p.write(`out/${STUB}`, '// implemented by hand\n');
    const run = p.generate('templates', '--out', 'out', '--check', '--with-tests');
    expect(run.code, run.stdout).toBe(0);
    expect(p.read(`out/${STUB}`)).toBe('// implemented by hand\n');
  });

  it('exits 1 with a unified diff when a template changed, and writes nothing', () => {
    const p = generated();
    const before = p.outTree();
    p.write('templates/rich.yaml', RICH_YAML.replace('eta_hours: { type: integer }', 'eta_hours: { type: string }'));
    const run = p.generate('templates', '--out', 'out', '--check');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('out is out of date.');
    expect(run.stdout).toMatch(/^\s*stale\s+contracts\/rich_shop\/order_pipeline\.ts$/m);
    expect(run.stdout).toContain(`--- a/${CONTRACTS}`);
    expect(run.stdout).toContain(`+++ b/${CONTRACTS}`);
    expect(run.stdout).toMatch(/^@@ -\d+(,\d+)? \+\d+(,\d+)? @@/m);
    expect(run.stdout).toMatch(/^-\s+eta_hours: number$/m);
    expect(run.stdout).toMatch(/^\+\s+eta_hours: string$/m);
    expectTreesEqual(p.outTree(), before);
  });

  it('exits 1 with a diff from /dev/null when a generated file is missing, and does not create it', () => {
    const p = generated();
    rmSync(p.at('out/tasker.ts'));
    const before = p.outTree();
    const run = p.generate('templates', '--out', 'out', '--check');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^\s*missing\s+tasker\.ts$/m);
    expect(run.stdout).toContain('--- /dev/null');
    expect(run.stdout).toContain('+++ b/tasker.ts');
    expect(existsSync(p.at('out/tasker.ts'))).toBe(false);
    expectTreesEqual(p.outTree(), before);
  });

  it('exits 1 on a never-generated folder and does not create it', () => {
    const p = project();
    const run = p.generate('templates', '--out', 'out', '--check');
    expect(run.code).toBe(1);
    expect(existsSync(p.at('out'))).toBe(false);
  });
});

describe('--dry-run', () => {
  it('writes nothing on a fresh folder, and lists what it would create', () => {
    const p = project();
    const run = p.generate('templates', '--out', 'out', '--dry-run', '--with-tests');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('nothing was written');
    expect(run.stdout).toMatch(/would create\s+tasker\.ts/);
    expect(existsSync(p.at('out'))).toBe(false);
  });

  it('writes nothing on an existing folder whose template changed', () => {
    const p = generated();
    const before = p.outTree();
    p.write('templates/rich.yaml', `${RICH_YAML.trimEnd()}\n${AUDIT_STEP}`);
    const run = p.generate('templates', '--out', 'out', '--dry-run', '--with-tests');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/would update\s+contracts\/rich_shop\/order_pipeline\.ts/);
    expect(run.stdout).toMatch(/would create\s+handlers\/rich_shop\/step_handlers\/audit\.ts/);
    expectTreesEqual(p.outTree(), before);
  });
});

describe('usage errors exit 2 and write nothing', () => {
  it.each([
    ['--check with --dry-run', ['templates', '--out', 'out', '--check', '--dry-run'], /--check and --dry-run/],
    ['no --out', ['templates'], /--out/],
    ['an unknown flag', ['templates', '--out', 'out', '--bogus'], /bogus/],
    ['no template paths', ['--out', 'out'], /no template paths/],
    ['a missing template path', ['nope/', '--out', 'out'], /nope/],
  ] as const)('%s', (_name, args, message) => {
    const p = project();
    const run = p.generate(...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
    expect(existsSync(p.at('out'))).toBe(false);
  });
});

describe('templates with validation errors', () => {
  it('are not generated: exit 1, positioned diagnostics printed, nothing written', () => {
    const p = project({ 'templates/cycle.yaml': CYCLE_YAML });
    const run = p.generate('templates', '--out', 'out');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/templates\/cycle\.yaml:\d+:\d+ error dependency-cycle /);
    expect(existsSync(p.at('out'))).toBe(false);
  });

  it('do not stop valid templates from being generated, but the run still exits 1', () => {
    const p = project({ 'templates/rich.yaml': RICH_YAML, 'templates/cycle.yaml': CYCLE_YAML });
    const run = p.generate('templates', '--out', 'out');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/templates\/cycle\.yaml:\d+:\d+ error dependency-cycle /);
    expect(listFiles(p.at('out/contracts'))).toEqual(['rich_shop/order_pipeline.ts']);
    expect(p.read('out/tasker.ts')).not.toMatch(/cycle/i);
  });
});
