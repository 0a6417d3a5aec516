/** fixtures/registry/forms: every handler form the scanner recognises, and no finding. */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkRegistry, type RegistryCheckResult } from '../../src/app/registry.js';
import { REPO_ROOT } from '../helpers.js';

const DIR = path.join(REPO_ROOT, 'fixtures/registry/forms');
let result: RegistryCheckResult;
beforeAll(async () => {
  result = await checkRegistry({ templates: ['templates'], handlers: ['src'], cwd: DIR });
});

describe('fixtures/registry/forms', () => {
  it('has no finding', () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.summary).toEqual({ files: 18, errors: 0, warnings: 0, infos: 0 });
  });

  it.each([
    ['Forms.Literal', 'src/handlers/basic.ts', 5, 45, 'defineHandler', 'LiteralHandler', 'definition'],
    ['Forms.TemplateLiteral', 'src/handlers/basic.ts', 8, 3, 'defineHandler', 'TemplateLiteralHandler', 'definition'],
    ['Forms.LocalConst', 'src/handlers/basic.ts', 13, 56, 'defineDecisionHandler', 'LocalConstHandler', 'definition'],
    ['Forms.ImportedConst', 'src/handlers/imported.ts', 4, 51, 'defineHandler', 'ImportedConstHandler', 'definition'],
    ['Forms.ObjectConst', 'src/handlers/imported.ts', 6, 49, 'defineHandler', 'ObjectConstHandler', 'definition'],
    ['Forms.Renamed', 'src/handlers/renamed.ts', 3, 34, 'defineHandler', 'RenamedHandler', 'definition'],
    ['Forms.Namespace', 'src/handlers/namespace.ts', 3, 57, 'defineApiHandler', 'NamespaceHandler', 'definition'],
    ['Forms.ReExported', 'src/handlers/reexported.ts', 3, 46, 'defineHandler', 'ReExportedHandler', 'definition'],
    ['Forms.StarReExported', 'src/handlers/reexported.ts', 5, 52, 'defineHandler', 'StarReExportedHandler', 'definition'],
    ['Forms.Generated', 'src/handlers/generated.ts', 3, 47, 'defineHandler', 'GeneratedHandler', 'definition'],
    ['Forms.BatchAnalyzer', 'src/handlers/batch.ts', 3, 51, 'defineBatchAnalyzer', 'AnalyzeHandler', 'definition'],
    ['Forms.BatchWorker', 'src/handlers/batch.ts', 5, 46, 'defineBatchWorker', 'WorkHandler', 'definition'],
    ['Forms.DefaultExport', 'src/handlers/default-export.ts', 3, 30, 'defineHandler', 'default', 'definition'],
    ['Forms.Class', 'src/handlers/classes/direct.ts', 4, 33, 'class', 'DirectHandler', 'definition'],
    ['Forms.ClassIndirect', 'src/handlers/classes/indirect.ts', 6, 12, 'class', 'IndirectHandler', 'definition'],
    ['Forms.Registered', 'src/handlers/classes/registered.ts', 18, 19, 'class', 'RegisteredHandler', 'register'],
    ['Forms.CommonJs', 'src/legacy/common.cjs', 4, 48, 'defineHandler', 'CommonJsHandler', 'definition'],
  ])('%s: %s:%i:%i via %s (%s, %s)', (callable, file, line, column, via, name, bindingVia) => {
    const bindings = result.scan.bindings.filter((b) => b.callable === callable);
    expect(bindings).toHaveLength(1);
    const [binding] = bindings;
    expect(binding!.span).toMatchObject({ file, line, column });
    expect(binding!.via).toBe(bindingVia);
    expect(binding!.handler.via).toBe(via);
    expect(binding!.handler.name).toBe(name);
  });

  it('sees a class registered under its own handlerName as one handler', () => {
    const bindings = result.scan.bindings.filter((b) => b.callable === 'Forms.RegisteredByName');
    expect(bindings.map((b) => b.via).sort()).toEqual(['definition', 'register']);
    expect(new Set(bindings.map((b) => b.handler.id)).size).toBe(1);
  });

  it('reads depends and inputs, through constants too', () => {
    const handler = (callable: string) => result.scan.bindings.find((b) => b.callable === callable)!.handler;
    expect(handler('Forms.Literal').inputs.map((e) => [e.param, e.value])).toEqual([['orderId', 'order_id']]);
    expect(handler('Forms.ObjectConst').depends.map((e) => [e.param, e.value])).toEqual([['previous', 'imported_const']]);
    expect(handler('Forms.ObjectConst').depends[0]!.span).toMatchObject({ file: 'src/handlers/imported.ts', line: 6, column: 90 });
    expect(handler('Forms.BatchWorker').depends.map((e) => [e.param, e.value])).toEqual([['analysis', 'analyze']]);
  });

  it('scans only the given paths; imported modules are read but report nothing', async () => {
    expect(result.scan.files).toContain('src/shared/callables.ts');
    const handlersOnly = (await checkRegistry({ templates: ['templates'], handlers: ['src/handlers'], cwd: DIR })).scan;
    expect(handlersOnly.files).not.toContain('src/shared/callables.ts');
    expect(handlersOnly.files).not.toContain('src/generated/tasker.ts');
    expect(handlersOnly.bindings.map((b) => b.callable)).toEqual(
      expect.arrayContaining(['Forms.ImportedConst', 'Forms.Generated', 'Forms.ReExported']),
    );
    expect(handlersOnly.sources.has('src/shared/callables.ts')).toBe(true);
  });
});
