/**
 * The Rust tasker-ctl's single-template commands as an API: `generate types`
 * and `generate handler` (one file, or printed), and `generate scaffold` (a
 * project generation limited to one template). Validation → plan → emit, then
 * the same writer as `generate`: atomic, ownership-aware, never replacing a
 * user's file without `force`.
 */
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { emitHandlerTestFile } from '../emit/handler-test-file.js';
import { emitStandaloneHandlers, emitStandaloneTypes, standaloneExportNames, standaloneStep } from '../emit/standalone-file.js';
import { runtimeTarget } from '../emit/targets.js';
import type { SourceFile } from '../load/index.js';
import { UsageError } from '../model/errors.js';
import { type ProjectPlan, planProject, type StepPlan, type TemplatePlan } from '../plan/index.js';
import { bannerFor, type OutputFile, type WriteReport, withChecksum, writeOutputs } from '../write/index.js';
import { compileContracts, type GenerateResult, generateValidated } from './generate.js';
import { projectRoot } from './project.js';
import { type ValidationResult, validateTemplates } from './validate.js';

export interface SingleTemplateRequest {
  /** The template file. */
  template: string;
  /** The file (types, handler) or folder (scaffold) to write; the code is returned to print when absent. */
  output?: string;
  /** Only this step's contract and handler. */
  step?: string;
  /** The module the generated code imports the DSL from. */
  runtime: string;
  /** `generate handler`: also write a test beside the handler file. */
  withTests?: boolean;
  /** Replace an existing file even when it is the user's. */
  force?: boolean;
}

/** The template had errors: nothing was generated. */
export interface SingleTemplateFindings {
  kind: 'findings';
  diagnostics: Diagnostic[];
  sources: ReadonlyMap<string, SourceFile>;
}

/** The generated code, for stdout (no output given). */
export interface SingleTemplatePrinted {
  kind: 'printed';
  content: string;
}

/** What the writer did with the file(s), in the folder of `output`. */
export interface SingleTemplateWritten {
  kind: 'written';
  report: WriteReport;
}

export type SingleTemplateResult = SingleTemplateFindings | SingleTemplatePrinted | SingleTemplateWritten;

interface Planned {
  validation: ValidationResult;
  plan: ProjectPlan;
  template: TemplatePlan;
  step?: StepPlan;
}

/** Validates and plans the one template, or returns its errors. */
function planOne(request: SingleTemplateRequest): Planned | SingleTemplateFindings {
  const validation = validateTemplates([request.template]);
  // Generated files name the template relative to the project they are written into (stdout: the working directory's).
  const plan = planProject(validation.templates, {
    root: projectRoot(path.dirname(path.resolve(request.output ?? 'stdout')), process.cwd()),
  });
  const diagnostics = [...validation.diagnostics, ...plan.diagnostics].filter((d) => d.severity !== 'info');
  if (diagnostics.some((d) => d.severity === 'error')) return { kind: 'findings', diagnostics, sources: validation.sources };
  if (plan.templates.length !== 1) {
    throw new UsageError(
      `${request.template} holds ${plan.templates.length} templates; use \`tasker-ctl generate ${request.template} --out <dir>\` for several`,
    );
  }
  const template = plan.templates[0]!;
  if (request.step === undefined) return { validation, plan, template };
  const step = template.steps.find((s) => s.step.name === request.step);
  if (!step) {
    throw new UsageError(
      `template ${template.key} has no step \`${request.step}\`; its steps: ${template.steps.map((s) => s.step.name).join(', ')}`,
    );
  }
  return { validation, plan, template, step };
}

/** Prints or writes the files, all in the folder of `request.output`; the first file is the one printed. */
async function deliver(files: OutputFile[], request: SingleTemplateRequest): Promise<SingleTemplatePrinted | SingleTemplateWritten> {
  if (request.output === undefined) {
    const first = files[0]!.content;
    return { kind: 'printed', content: typeof first === 'string' ? first : first() };
  }
  const report = await writeOutputs(path.dirname(request.output), files, { mode: 'write', prune: false, force: request.force ?? false });
  return { kind: 'written', report };
}

/** `generate types`: the contract types of one template (or one step), one generated file. */
export async function generateSingleTypes(request: SingleTemplateRequest): Promise<SingleTemplateResult> {
  const planned = planOne(request);
  if ('kind' in planned) return planned;
  const body = emitStandaloneTypes(planned.template, await compileContracts(planned.template, planned.step), planned.step);
  const content = withChecksum(`${bannerFor(planned.template.sourcePath)}\n${body}`);
  return deliver([{ path: path.basename(request.output ?? 'types.ts'), content, ownership: 'generated' }], request);
}

/** `generate handler`: types, typed layer and handlers in one file the user owns, and optionally its test beside it. */
export async function generateSingleHandler(request: SingleTemplateRequest): Promise<SingleTemplateResult> {
  if (request.withTests && request.output === undefined)
    throw new UsageError('--with-tests needs -o <file>: the test is written beside it');
  const planned = planOne(request);
  if ('kind' in planned) return planned;
  const handlers = planned.plan.handlers.filter((h) => !planned.step || h.uses.includes(planned.step));
  const compiled = await compileContracts(planned.template, standaloneStep(handlers));
  const fileName = path.basename(request.output ?? 'handlers.ts');
  const files: OutputFile[] = [
    {
      path: fileName,
      content: emitStandaloneHandlers(planned.template, compiled, handlers, runtimeTarget(request.runtime)),
      ownership: 'user',
    },
  ];
  if (request.withTests) {
    const base = fileName.replace(/\.[cm]?tsx?$/, '');
    // The handler file carries the typed layer, createStepContext included.
    const handlerModule = `./${base}.js`;
    const tests = emitHandlerTestFile(handlers, handlerModule, handlerModule, standaloneExportNames(handlers));
    files.push({ path: `${base}.test.ts`, content: tests, ownership: 'user' });
  }
  return deliver(files, request);
}

/** `generate scaffold`: the project layout (contracts, typed layer, stubs, tests, index) for one template, or one step of it. */
export async function generateSingleScaffold(request: SingleTemplateRequest): Promise<SingleTemplateFindings | GenerateResult> {
  if (request.output === undefined) throw new UsageError('-o, --output <dir> is required for scaffold');
  const planned = planOne(request);
  if ('kind' in planned) return planned;
  // The template is loaded once: the project generation takes the validation above.
  return generateValidated(planned.validation, {
    outDir: request.output,
    runtimeModule: request.runtime,
    withTests: true,
    onlySteps: planned.step ? new Set([planned.step.step.name]) : undefined,
  });
}
