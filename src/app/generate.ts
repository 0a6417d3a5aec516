/**
 * `generate`: validation → plan → emit → write. Templates with errors (after
 * the severity policy) are left out, each named with its reason.
 */

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { templateKey, templatesWithErrors } from '../check/index.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { applySeverityPolicy, compareDiagnostics, type DiagnosticSummary, severityPolicyOf, summarize } from '../diagnostics/diagnostic.js';
import { diagnosticAt, diagnosticAtSpan } from '../diagnostics/located.js';
import { contractSteps, emitContractsFile, importSpecifier } from '../emit/contracts-file.js';
import { emitHandlerFile } from '../emit/handler-file.js';
import { emitHandlerTestFile } from '../emit/handler-test-file.js';
import { emitIndexFile } from '../emit/index-file.js';
import type { CompiledSchemas } from '../emit/schema-to-ts.js';
import { runtimeTarget } from '../emit/targets.js';
import { emitTaskerFile } from '../emit/tasker-file.js';
import { GENERATION_CODES } from '../plan/codes.js';
import type { SourceExtension } from '../plan/index.js';
import {
  contractsSchema,
  type ExistingHandler,
  type ProjectPlan,
  planProject,
  type StepPlan,
  schemaId,
  stepSlot,
  type TemplatePlan,
} from '../plan/index.js';
import type { PreparedSchema } from '../plan/schema-types.js';
import { OutputCache, sha256 } from '../write/cache.js';
import { bannerFor, isGenerated, type OutputFile, type WriteMode, type WriteReport, withChecksum, writeOutputs } from '../write/index.js';
import { listCandidateFiles } from '../write/scan.js';
import { generatorKey } from './generator-key.js';
import { type Choice, chooseExtension, chooseRuntime, projectRoot } from './project.js';
import { type ValidateOptions, type ValidationResult, validateTemplates } from './validate.js';

export interface GenerateOptions extends ValidateOptions {
  /** Output folder (relative to cwd). */
  outDir: string;
  mode?: WriteMode;
  /** Module the generated code imports the DSL from (else chosen from the project's package.json). */
  runtimeModule?: string;
  /** Where `runtimeModule` came from, for the message that says which runtime is used. */
  runtimeFrom?: 'flags' | 'config';
  /** `.ts` or `.mts` (else chosen from the project's package.json). */
  extension?: SourceExtension;
  /** Also create a vitest test beside each new handler stub. */
  withTests?: boolean;
  /** Only these steps' handlers (scaffold `-s`); the registration index is then left out. */
  onlySteps?: ReadonlySet<string>;
  /** Reuse unchanged outputs through the cache (default true). */
  cache?: boolean;
  /** The cache to use instead of opening one (a watch session keeps one across cycles). */
  outputCache?: OutputCache;
  /**
   * The project's handler sources (folders, files or a tsconfig.json): a
   * callable one of them already implements gets no stub, and the index
   * imports its handler from where it is.
   */
  handlerSources?: readonly string[];
}

export interface SkippedTemplate {
  /** `namespace/name`. */
  template: string;
  file: string;
  reason: string;
}

export interface GenerateResult {
  diagnostics: Diagnostic[];
  summary: DiagnosticSummary;
  /** Undefined when nothing could be generated. */
  report?: WriteReport;
  plan?: ProjectPlan;
  sources: ValidationResult['sources'];
  /** Templates left out of generation, and why. */
  skipped: SkippedTemplate[];
  /** The runtime the code targets, and the file extension, each with why. */
  runtime?: Choice<string>;
  extension?: Choice<SourceExtension>;
  /** Handler files under `handlers/` (relative to the output folder) that no callable maps to any more. */
  orphanedStubs?: string[];
}

export async function generateProject(paths: readonly string[], options: GenerateOptions): Promise<GenerateResult> {
  return generateValidated(validateTemplates(paths, options), options);
}

/** `generate` over templates already validated (with the same options). */
export async function generateValidated(validation: ValidationResult, options: GenerateOptions): Promise<GenerateResult> {
  const cwd = options.cwd ?? process.cwd();
  const skipped: SkippedTemplate[] = [];
  const gate = (templates: ValidationResult['templates'], diagnostics: readonly Diagnostic[]) => {
    const failed = templatesWithErrors(diagnostics);
    return templates.filter((template) => {
      const errors = failed.get(templateKey(template));
      if (errors === undefined) return true;
      skipped.push({
        template: `${template.namespaceName}/${template.name}`,
        file: template.source.file,
        reason: `${errors} error${errors === 1 ? '' : 's'}`,
      });
      return false;
    });
  };
  const outAbs = path.resolve(cwd, options.outDir);
  const root = projectRoot(outAbs, cwd);
  const extension = chooseExtension(options.extension, outAbs, cwd);
  const runtime = chooseRuntime(
    { module: options.runtimeModule, from: options.runtimeFrom ?? (options.runtimeModule ? 'flags' : 'none') },
    outAbs,
    cwd,
  );
  let templates = gate(validation.templates, validation.diagnostics);
  const existing = options.handlerSources?.length
    ? await existingHandlers(options.handlerSources, { cwd, outAbs, runtimeModule: runtime.value })
    : undefined;
  const planOptions = { extension: extension.value, root, ...(existing ? { existingHandlers: existing.handlers } : {}) };
  // Plan; a template whose plan has errors is left out and the rest planned again.
  let plan = planProject(templates, planOptions);
  if (plan.diagnostics.some((d) => d.severity === 'error')) {
    templates = gate(templates, plan.diagnostics);
    plan = { ...planProject(templates, planOptions), diagnostics: plan.diagnostics };
  }
  const diagnostics = [
    ...validation.diagnostics,
    ...plan.diagnostics,
    ...applySeverityPolicy(existing?.diagnostics ?? [], severityPolicyOf(options)),
  ];
  const result: GenerateResult = {
    diagnostics,
    summary: summarize(diagnostics, validation.files.length),
    plan,
    sources: validation.sources,
    skipped,
    runtime,
    extension,
  };
  if (templates.length === 0 && validation.templates.length > 0) return finish(result);

  const cache =
    options.cache === false
      ? OutputCache.disabled(outAbs)
      : options.outputCache?.outAbs === outAbs
        ? options.outputCache
        : OutputCache.open(outAbs, generatorKey());
  let contracts = await contractsFiles(plan.templates, cache, plan.taskerFile);
  if (contracts.failures.length > 0) {
    // A schema the compiler cannot take is typed loosely: plan again with it loosened (stubs must agree), compile those templates again.
    diagnostics.push(...contracts.failures.map(compileFailure));
    const loose = new Set(contracts.failures.map(({ template, prepared }) => schemaId(template.template, prepared.pointer)));
    plan = { ...planProject(templates, { ...planOptions, looseSchemas: loose }), diagnostics: plan.diagnostics };
    result.plan = plan;
    const failed = new Set(contracts.failures.map(({ template }) => templateKey(template.template)));
    const again = await contractsFiles(
      plan.templates.filter((template) => failed.has(templateKey(template.template))),
      cache,
      plan.taskerFile,
    );
    if (again.failures.length > 0)
      throw new Error(`schemas typed loosely still fail to compile: ${again.failures.map((f) => f.message).join('; ')}`);
    contracts = { files: new Map([...contracts.files, ...again.files]), failures: [] };
  }
  const files: OutputFile[] = [...handlerFiles(plan, options, outAbs), ...[...contracts.files.values()].map((c) => c.file)];
  const projectBanner = bannerFor(projectSource(plan));
  files.push({
    path: plan.taskerFile,
    content: withChecksum(`${projectBanner}\n${emitTaskerFile(plan, runtimeTarget(runtime.value))}`),
    ownership: 'generated',
  });
  // A partial scaffold has no complete index: it would not compile without the other handlers.
  if (!options.onlySteps)
    files.push({ path: plan.indexFile, content: withChecksum(`${projectBanner}\n${emitIndexFile(plan)}`), ownership: 'generated' });

  const mode = options.mode ?? 'write';
  result.report = await writeOutputs(options.outDir, files, { mode, cwd });
  if (mode === 'write') {
    for (const { file, inputs } of contracts.files.values())
      if (typeof file.content === 'string') cache.record(file.path, inputs, file.content);
    cache.save(new Set([...contracts.files.values()].map((c) => c.file.path)));
  }
  if (!options.onlySteps) result.orphanedStubs = orphanedStubs(outAbs, files);
  return finish(result);
}

function finish(result: GenerateResult): GenerateResult {
  result.diagnostics.sort(compareDiagnostics);
  result.summary = summarize(result.diagnostics, result.summary.files);
  return result;
}

/**
 * Handler stubs (and their tests), user-owned: made only when the file is
 * missing, and not for a callable the project already has a handler for.
 */
function handlerFiles(plan: ProjectPlan, options: GenerateOptions, outAbs: string): OutputFile[] {
  const files: OutputFile[] = [];
  const handlers = options.onlySteps ? plan.handlers.filter((h) => h.uses.some((u) => options.onlySteps!.has(u.step.name))) : plan.handlers;
  for (const handler of handlers) {
    if (handler.existing) continue;
    const source = handler.uses[0]!.template.template.source.file;
    const stub: OutputFile = { path: handler.file, content: () => emitHandlerFile(handler, plan.taskerFile), ownership: 'user', source };
    files.push(stub);
    // A test comes with a new stub only: beside an existing handler it would test code it has never seen.
    if (options.withTests && !existsSync(path.join(outAbs, handler.file))) {
      const test = () =>
        emitHandlerTestFile([handler], importSpecifier(handler.testFile, plan.taskerFile), importSpecifier(handler.testFile, handler.file));
      files.push({ path: handler.testFile, content: test, ownership: 'user', source });
    }
  }
  return files;
}

interface CompileFailure {
  template: TemplatePlan;
  prepared: PreparedSchema;
  message: string;
}

/**
 * The contracts file of each template, by template key: reused from the cache
 * when its inputs and bytes are unchanged, otherwise compiled and emitted. A
 * template with a schema that does not compile is reported in `failures` (and
 * has no file).
 */
async function contractsFiles(
  templates: readonly TemplatePlan[],
  cache: OutputCache,
  taskerFile: string,
): Promise<{ files: Map<string, { file: OutputFile; inputs: string }>; failures: CompileFailure[] }> {
  const files = new Map<string, { file: OutputFile; inputs: string }>();
  const failures: CompileFailure[] = [];
  for (const template of templates) {
    const source = template.template.source.file;
    const inputs = sha256(JSON.stringify([template.contractsPath, template.sourcePath, template.template.raw]));
    const reused = cache.reusable(template.contractsPath, inputs);
    if (reused) {
      files.set(templateKey(template.template), {
        file: { path: template.contractsPath, content: () => reused, ownership: 'generated', sameAsDisk: true, source },
        inputs,
      });
      continue;
    }
    const compiled = await compileContracts(template);
    if (compiled.failed.length > 0) {
      for (const { slot, message } of compiled.failed) {
        const step = template.steps.find((s) => stepSlot(template, s) === slot);
        failures.push({ template, prepared: step ? step.result! : template.input!, message });
      }
      continue;
    }
    const content = withChecksum(`${bannerFor(template.sourcePath)}\n${emitContractsFile(template, compiled, taskerFile)}`);
    files.set(templateKey(template.template), { file: { path: template.contractsPath, content, ownership: 'generated', source }, inputs });
  }
  return { files, failures };
}

/**
 * The compiled schemas of a template's contracts (with `only`, of what that
 * step's contract needs). json-schema-to-typescript loads on first use.
 */
export async function compileContracts(template: TemplatePlan, only?: StepPlan): Promise<CompiledSchemas> {
  const schema = contractsSchema(template, only && contractSteps(template, only));
  if (Object.keys(schema.properties as object).length === 0) return { declarations: '', failed: [] };
  const { compileSchemas } = await import('../emit/schema-to-ts.js');
  return compileSchemas(schema, template.schemaKeys);
}

function compileFailure({ template, prepared, message }: CompileFailure): Diagnostic {
  const isInput = prepared === template.input;
  const step = template.steps.find((s) => s.result === prepared);
  return diagnosticAt(template.template.source, prepared.pointer, GENERATION_CODES['schema-not-compiled'], {
    message: `${isInput ? 'the task input' : `the result of step \`${step?.step.name}\``} could not be turned into a TypeScript type (json-schema-to-typescript: ${message}); it is typed ${isInput ? '`JsonObject`' : '`JsonValue`'}`,
    hint: 'Simplify the schema (recursion through `allOf` is the usual cause), or report it to tasker-ctl with the schema attached.',
  });
}

/**
 * The handlers the project's sources already define, by callable (the first
 * in file order when there are several: `validate registry` reports those).
 * A handler its module does not export gets a warning, since the index cannot
 * import it. ts-morph loads here only.
 */
async function existingHandlers(
  sources: readonly string[],
  { cwd, outAbs, runtimeModule }: { cwd: string; outAbs: string; runtimeModule: string },
): Promise<{ handlers: Map<string, ExistingHandler>; diagnostics: Diagnostic[] }> {
  const { scanHandlers } = await import('../registry/scan.js');
  const scan = scanHandlers(sources, { cwd, runtimeModules: [runtimeModule] });
  const handlers = new Map<string, ExistingHandler>();
  const diagnostics: Diagnostic[] = [];
  for (const binding of scan.bindings) {
    if (binding.via !== 'definition' || !binding.handler.scanned || handlers.has(binding.callable)) continue;
    const file = path.relative(outAbs, path.resolve(cwd, binding.handler.callableSpan.file)).split(path.sep).join('/');
    const { exportName } = binding.handler;
    handlers.set(binding.callable, exportName === undefined ? { file } : { file, exportName });
    if (exportName === undefined) {
      diagnostics.push(
        diagnosticAtSpan(binding.span.file, binding.span, GENERATION_CODES['unexported-handler'], {
          message: `the handler for \`${binding.callable}\` is not exported, so the registration index cannot import it`,
          hint: 'Export it (`export const … = defineHandler(…)`): until then the index fails to compile, naming this callable.',
        }),
      );
    }
  }
  return { handlers, diagnostics };
}

/** What the project-wide files say they come from. */
function projectSource(plan: ProjectPlan): string {
  const sources = [...new Set(plan.templates.map((t) => t.sourcePath))];
  return sources.length === 1 ? sources[0]! : `${plan.templates.length} templates`;
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
      let text = '';
      try {
        text = readFileSync(path.join(outAbs, rel), 'utf8');
      } catch {
        return false;
      }
      return !isGenerated(text) && /\bdefine(Handler|DecisionHandler|BatchAnalyzer|BatchWorker|ApiHandler)\(/.test(text);
    });
}
