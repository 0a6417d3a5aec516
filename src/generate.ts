/**
 * `generate` as an API: load → check → plan → emit → write. Templates with
 * validation errors are not generated; their diagnostics come back instead.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import { templateKey, templatesWithErrors } from './check/index.js';
import { compareDiagnostics, summarize, type DiagnosticSummary } from './diagnostics/diagnostic.js';
import { emitContractsFile } from './emit/contracts-file.js';
import { emitHandlerFile } from './emit/handler-file.js';
import { emitHandlerTestFile } from './emit/handler-test-file.js';
import { INDEX_FILE, emitIndexFile } from './emit/index-file.js';
import { TASKER_FILE, emitTaskerFile } from './emit/tasker-file.js';
import { ContractsPool } from './emit/contracts-pool.js';
import { INPUTS_LINE, ReusableOutputs, inputsHash, projectInputsHash, readIfExists } from './emit/contracts-reuse.js';
import { findTemplateFiles, type FoundFile } from './load/index.js';
import { validateFilesYielding, type ValidateOptions } from './validate.js';
import { planProject, type ProjectPlan } from './plan/index.js';
import { bannerFor, isGenerated, withChecksum, writeOutputs, type OutputFile, type WriteMode, type WriteReport } from './write/index.js';
import { listCandidateFiles } from './write/scan.js';

export const DEFAULT_RUNTIME_MODULE = 'tasker-ctl/runtime';

export interface GenerateOptions extends ValidateOptions {
  /** Output folder (relative to cwd). */
  outDir: string;
  mode?: WriteMode;
  /** Module the generated code imports the DSL from. */
  runtimeModule?: string;
  /** Also create a vitest test beside each new handler stub. */
  withTests?: boolean;
  /** Tool version, recorded in the inputs hash so an upgrade regenerates. */
  toolVersion: string;
  /** Only these steps' handlers (scaffold `-s`); the registration index is then left out. */
  onlySteps?: ReadonlySet<string>;
}

export interface GenerateResult {
  diagnostics: Diagnostic[];
  summary: DiagnosticSummary;
  /** Undefined when nothing could be generated. */
  report?: WriteReport;
  plan?: ProjectPlan;
  sources: Map<string, { text: string }>;
  /** Handler files under `handlers/` (relative to the output folder) that no callable maps to any more. */
  orphanedStubs?: string[];
}

/** From this many template files on, contracts are compiled on two threads (see ContractsPool). */
const POOL_THRESHOLD_FILES = 30;

export async function generateProject(paths: readonly string[], options: GenerateOptions): Promise<GenerateResult> {
  const cwd = options.cwd ?? process.cwd();
  const found = findTemplateFiles(paths, cwd);
  const reusable = new ReusableOutputs(path.resolve(cwd, options.outDir), options.toolVersion);
  const pool = found.length >= POOL_THRESHOLD_FILES && availableParallelism() > 1 ? new ContractsPool(reusable) : undefined;
  try {
    return await generateFound(found, { ...options, cwd, pool, reusable });
  } finally {
    pool?.close();
  }
}

async function generateFound(found: readonly FoundFile[], options: EmitOptions): Promise<GenerateResult> {
  const { cwd } = options;
  const validation = await validateFilesYielding(found, options, options.pool && ((templates) => options.pool!.add(templates)));
  const failed = templatesWithErrors(validation.diagnostics);
  let templates = validation.templates.filter((t) => !failed.has(templateKey(t)));

  // Plan; a template whose plan has errors (name conflicts) is dropped and the rest re-planned.
  let plan = planProject(templates);
  const planErrors = plan.diagnostics.filter((d) => d.severity === 'error');
  if (planErrors.length > 0) {
    const blocked = templatesWithErrors(planErrors);
    templates = templates.filter((t) => !blocked.has(templateKey(t)));
    plan = { ...planProject(templates), diagnostics: plan.diagnostics };
  }
  const diagnostics = [...validation.diagnostics, ...plan.diagnostics].sort(compareDiagnostics);
  const result: GenerateResult = { diagnostics, summary: summarize(diagnostics, validation.files.length), plan, sources: validation.sources };
  const hasErrors = diagnostics.some((d) => d.severity === 'error');
  if (hasErrors && templates.length === 0) return result;

  const files = emitProject(plan, options);
  result.report = await writeOutputs(options.outDir, files, { mode: options.mode ?? 'write', cwd });
  if (!options.onlySteps) result.orphanedStubs = orphanedStubs(path.resolve(cwd, options.outDir), files);
  return result;
}

interface EmitOptions extends GenerateOptions {
  cwd: string;
  /** Compiles the contracts on two threads; without it, they compile here as they are emitted. */
  pool?: ContractsPool;
  /** Up-to-date files of this run (made from `outDir` when not given). */
  reusable?: ReusableOutputs;
}

/**
 * Every output file of a plan, in the order they are written: handler stubs
 * first (they need no compiling, so they are written while the worker still
 * compiles contracts), then the contracts, then `tasker.ts` and `index.ts`,
 * which import from them. Contracts whose inputs did not change are reused,
 * not recompiled; the others are made when the write stage reaches them.
 */
export function emitProject(plan: ProjectPlan, options: EmitOptions): OutputFile[] {
  const outAbs = path.resolve(options.cwd, options.outDir);
  const runtimeModule = options.runtimeModule ?? DEFAULT_RUNTIME_MODULE;
  const sourceList = [...new Set(plan.templates.map((t) => t.template.source.file))];
  const projectBanner = bannerFor(sourceList.length === 1 ? sourceList[0]! : `${plan.templates.length} templates`);
  const files: OutputFile[] = [];

  const handlers = options.onlySteps ? plan.handlers.filter((h) => h.uses.some((u) => options.onlySteps!.has(u.step.name))) : plan.handlers;
  for (const handler of handlers) {
    const modulePath = `${handler.modulePath}.ts`;
    files.push({ path: modulePath, content: () => emitHandlerFile(handler), ownership: 'user', source: handler.uses[0]!.template.template.source.file });
    if (options.withTests && !existsSync(path.join(outAbs, modulePath))) {
      const moduleName = handler.modulePath.slice(handler.modulePath.lastIndexOf('/') + 1);
      files.push({ path: `${handler.modulePath}.test.ts`, content: () => emitHandlerTestFile([handler], runtimeModule, moduleName), ownership: 'user' });
    }
  }

  const reusable = options.reusable ?? new ReusableOutputs(outAbs, options.toolVersion);
  /** A generated file that carries its inputs hash: the file on disk when it is up to date, else made when the write stage reaches it. */
  const withInputs = (file: string, banner: string, inputs: string, make: () => string | Promise<string>, source?: string): OutputFile => {
    const existing = reusable.file(file, inputs);
    // A reused file is `sameAsDisk`: its text is needed only if it disappears before the write stage reaches it.
    if (existing !== undefined) return { path: file, content: () => existing.toString('utf8'), ownership: 'generated', sameAsDisk: true, source };
    return { path: file, content: async () => withChecksum(`${banner}\n${INPUTS_LINE}${inputs}\n${await make()}`), ownership: 'generated', source };
  };

  const toCompile = plan.templates.filter((template) => reusable.contracts(template) === undefined);
  // The write stage lets the worker's replies in every few hundred files, while it writes the stubs.
  options.pool?.yieldingOften();
  // Asked for by the first contracts file that needs it, once the stubs are written.
  let compiled: Promise<void> | undefined;
  const allCompiled = () => (compiled ??= options.pool?.complete(toCompile) ?? Promise.resolve());
  for (const template of plan.templates) {
    const source = template.template.source.file;
    files.push(
      withInputs(template.contractsPath, bannerFor(source), inputsHash(template, options.toolVersion), async () => {
        await allCompiled();
        return emitContractsFile(template);
      }, source),
    );
  }

  // tasker.ts and index.ts are made from every template: unchanged templates and options, unchanged files.
  const projectInputs = projectInputsHash(plan.templates, options.toolVersion, [runtimeModule]);
  files.push(withInputs(TASKER_FILE, projectBanner, projectInputs, () => emitTaskerFile(plan, runtimeModule)));
  // A partial scaffold has no complete index: it would not compile without the other handlers.
  if (!options.onlySteps) files.push(withInputs(INDEX_FILE, projectBanner, projectInputs, () => emitIndexFile(plan)));
  return files;
}

/**
 * User-owned handler files whose callable disappeared from the templates.
 * They are never deleted (they are the user's), but they no longer compile.
 */
function orphanedStubs(outAbs: string, files: readonly OutputFile[]): string[] {
  const planned = new Set(files.map((f) => f.path));
  return listCandidateFiles(path.join(outAbs, 'handlers'))
    .map((rel) => `handlers/${rel}`)
    .filter((rel) => rel.endsWith('.ts') && !planned.has(rel) && !planned.has(rel.replace(/\.test\.ts$/, '.ts')))
    .filter((rel) => {
      const text = readIfExists(path.join(outAbs, rel))?.toString('utf8') ?? '';
      return !isGenerated(text) && /\bdefine(Handler|DecisionHandler|BatchAnalyzer|BatchWorker)\(/.test(text);
    });
}
