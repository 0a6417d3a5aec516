/**
 * plan: the per-step typed view of a set of templates. Decides every name and
 * path the emitter will use, and reports conflicts as positioned errors.
 */
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { compareDiagnostics, compareStrings } from '../diagnostics/diagnostic.js';
import { diagnosticAt } from '../diagnostics/located.js';
import { ancestorMap, dependencyMap, topologicalOrder } from '../model/dag.js';
import { CONTRACTS_NAMES, INDEX_NAMES, TYPED_LAYER_NAMES } from '../model/generated-names.js';
import type { JsonObject } from '../model/json.js';
import { nonObjectRootType } from '../model/json.js';
import { joinPointer } from '../model/source.js';
import { batchWorkerTemplates, decisionRoutes } from '../model/steps.js';
import type { SchemaNode, StepDefinition, StepType, TaskTemplate } from '../model/template.js';
import { displayPath } from '../shared/display-path.js';
import { GENERATION_CODES } from './codes.js';
import {
  callableSegments,
  fileSegment,
  identifierStyle,
  type NameRequest,
  pascalCase,
  resolveNames,
  separateCollidingPaths,
} from './naming.js';
import { JSON_OBJECT_SAMPLE, mergeSamples, NoSample, type Sample, sampleOf } from './sample.js';
import { type PreparedSchema, placeRefs, prepareSchema } from './schema-types.js';

export interface TemplatePlan {
  template: TaskTemplate;
  /** `namespace/name`, as shown to users. */
  key: string;
  /** The template's file as generated files name it (relative to the project root). */
  sourcePath: string;
  /** Path of the contracts file, relative to the output folder. */
  contractsPath: string;
  /** Identifier under which other generated files import the contracts module. */
  moduleAlias: string;
  input?: PreparedSchema;
  steps: StepPlan[];
  /** Schema keys that stand as placeholders in the compiled schemas (see prepareSchema). */
  schemaKeys: string[];
}

export interface AncestorPlan {
  step: string;
  /** False when the ancestor may not have run (behind a deferred convergence): typed `| null`. */
  guaranteed: boolean;
}

export interface StepPlan {
  template: TemplatePlan;
  step: StepDefinition;
  result?: PreparedSchema;
  /** `ValidateCartResult`, or `JsonObject` without result_schema. */
  resultType: string;
  /** Name of the step's contract interface. */
  contractName: string;
  /**
   * Every ancestor whose result the step reads by name, in topological order.
   * A `batch_worker` ancestor is not one: its instances run as
   * `{worker_template}_{batch_id}`, so the step reads them as `batches`.
   */
  ancestors: AncestorPlan[];
  /** `batch_worker` ancestors, whose instances' results the step reads with `getAllDependencyResults(name)`. */
  batches: AncestorPlan[];
  /** A decision step's possible routes: the steps that list it as a dependency. */
  routes: string[];
  /** A batchable step's worker template (see batchWorkerTemplates). */
  workers: string[];
}

export interface HandlerPlan {
  callable: string;
  kind: StepType;
  /** Steps that name this callable, in template then step order. */
  uses: StepPlan[];
  /** Path of the user-owned handler file, relative to the output folder (no extension). */
  modulePath: string;
  /** `modulePath` with the plan's extension, and the path of its generated test. */
  file: string;
  testFile: string;
  /**
   * A handler the project already has (found in its handler sources): the
   * index imports it from there, and no stub is made. `file` is relative to
   * the output folder.
   */
  existing?: ExistingHandler;
  /** Export name inside the handler file. */
  exportName: string;
  /** Unique alias in the registration index. */
  indexAlias: string;
  /** The value the stub returns (a value of every use's result type), or why none exists. */
  result: Sample | NoSample;
  /**
   * The uses whose result types the handler's result must satisfy together:
   * those with a `result_schema` that says more than "any JSON" (a value of the
   * others' types is JSON anyway, and `X & JsonValue` would only blur X).
   */
  resultUses: StepPlan[];
}

/** A handler found in the project's sources: its file (relative to the output folder) and the name its module exports it under. */
export interface ExistingHandler {
  file: string;
  /** Undefined when its module does not export it: the index cannot import it. */
  exportName?: string;
}

export interface ProjectPlan {
  /** The extension of every generated file: `.ts`, or `.mts` (ES modules in a package that is not one). */
  extension: SourceExtension;
  /** Paths of the typed layer and the registration index, relative to the output folder. */
  taskerFile: string;
  indexFile: string;
  templates: TemplatePlan[];
  handlers: HandlerPlan[];
  diagnostics: Diagnostic[];
}

/** Names schema types must not take: the contracts' own, and the typed layer's (a single-file handler holds both). */
const RESERVED_TYPE_NAMES: readonly string[] = [...new Set([...CONTRACTS_NAMES, ...TYPED_LAYER_NAMES])];

export type SourceExtension = '.ts' | '.mts';

export interface PlanOptions {
  /** Default `.ts`. */
  extension?: SourceExtension;
  /**
   * Schemas to type loosely (`JsonValue`, `JsonObject` for a task input), by
   * `schemaId`: those the compiler could not take on a first attempt.
   */
  looseSchemas?: ReadonlySet<string>;
  /**
   * The project root (absolute): generated files name templates relative to
   * it, so that they do not depend on the working directory. Without it,
   * templates keep the names they were loaded under.
   */
  root?: string;
  /**
   * Handlers the project already has, by callable (from its handler sources):
   * no stub is made for them, and the index imports them from where they are.
   */
  existingHandlers?: ReadonlyMap<string, ExistingHandler>;
}

/** A schema's identity across plans: its template's file and document, and its pointer. */
export function schemaId(template: TaskTemplate, pointer: string): string {
  return `${template.source.file}#${template.source.documentIndex}${pointer}`;
}

/** A template's file relative to `root` (a template read from stdin, or without a root, keeps the name it was loaded under). */
function templatePathIn(root: string | undefined, template: TaskTemplate): string {
  const absolute = template.source.sourceFile.absolutePath;
  return root !== undefined && path.isAbsolute(absolute) ? displayPath(absolute, root) : template.source.file;
}

export function planProject(templates: readonly TaskTemplate[], options: PlanOptions = {}): ProjectPlan {
  const diagnostics: Diagnostic[] = [];
  const ordered = [...templates].sort(
    (a, b) =>
      compareStrings(a.namespaceName, b.namespaceName) ||
      compareStrings(a.name, b.name) ||
      compareStrings(a.version, b.version) ||
      compareStrings(a.source.file, b.source.file) ||
      a.source.documentIndex - b.source.documentIndex,
  );

  const planned = ordered.map((template) => planTemplate(template, diagnostics, options));
  disambiguateContractPaths(planned, diagnostics);
  const byPath = new Map<string, TemplatePlan>();
  const templatePlans: TemplatePlan[] = [];
  for (const plan of planned) {
    const { template } = plan;
    const clash = byPath.get(plan.contractsPath.toLowerCase());
    if (clash) {
      diagnostics.push(
        diagnosticAt(template.source, '/name', GENERATION_CODES['output-path-conflict'], {
          message: `template ${plan.key} v${template.version} is declared twice: here and in ${clash.template.source.file}`,
          hint: 'Tasker registers one template per namespace, name and version: remove one, or bump the version of one.',
        }),
      );
      continue;
    }
    byPath.set(plan.contractsPath.toLowerCase(), plan);
    templatePlans.push(plan);
  }
  const aliases = resolveNames(
    templatePlans.map((t) => ({ parts: [t.template.namespaceName, t.template.name], key: `${t.key}@${t.template.version}` })),
    TYPED_LAYER_NAMES,
    identifierStyle,
  ).names;
  templatePlans.forEach((t, i) => {
    t.moduleAlias = aliases[i]!;
  });

  const extension = options.extension ?? '.ts';
  const handlers = planHandlers(templatePlans, diagnostics, extension, options.existingHandlers);
  return {
    extension,
    taskerFile: `tasker${extension}`,
    indexFile: `index${extension}`,
    templates: templatePlans,
    handlers,
    diagnostics: diagnostics.sort(compareDiagnostics),
  };
}

function planTemplate(template: TaskTemplate, diagnostics: Diagnostic[], options: PlanOptions): TemplatePlan {
  const plan: TemplatePlan = {
    template,
    key: `${template.namespaceName}/${template.name}`,
    sourcePath: templatePathIn(options.root, template),
    contractsPath: `contracts/${fileSegment(template.namespaceName)}/${fileSegment(template.name)}${options.extension ?? '.ts'}`,
    moduleAlias: '',
    steps: [],
    schemaKeys: [],
  };
  const loosened = (node: SchemaNode): SchemaNode =>
    options.looseSchemas?.has(schemaId(template, node.pointer)) ? { pointer: node.pointer, schema: true } : node;
  const report = (prepared: PreparedSchema): void => {
    for (const { keyword, pointer } of prepared.inexpressible) {
      diagnostics.push(
        diagnosticAt(
          template.source,
          pointer,
          GENERATION_CODES['inexpressible-schema-keyword'],
          {
            message: `\`${keyword}\` cannot be expressed as a TypeScript type; the generated type ignores it`,
            hint: 'Validate it at run time (registry `validate: "strict"`) if it matters.',
          },
          'key',
        ),
      );
    }
    for (const pointer of prepared.selfReferences) {
      diagnostics.push(
        diagnosticAt(template.source, pointer, GENERATION_CODES['self-referencing-schema'], {
          message:
            '`$ref` leads back to its own schema without passing through a property or an item; it adds nothing to the type and is left out',
          hint: 'Refer to the schema from a property or from `items` to describe a recursive value.',
        }),
      );
    }
  };

  // A task input is a JSON object; a schema that rules that out is reported by check and typed JsonObject here.
  if (template.inputSchema && nonObjectRootType(template.inputSchema.schema) === undefined) {
    plan.input = prepareSchema(loosened(template.inputSchema), ['TaskInput'], plan.schemaKeys, 'Task input (input_schema).');
    if (plan.input.schema.tsType === 'JsonValue') plan.input.schema.tsType = 'JsonObject'; // `true` or `{}`: any object
    report(plan.input);
  }

  const ancestors = ancestorMap(template.steps.map(edges));
  const guaranteed = guaranteedAncestors(template.steps);
  const order = topologicalOrder(template.steps.map(edges));
  const position = new Map(order.map((name, i) => [name, i]));
  const typeOf = new Map(template.steps.map((s) => [s.name, s.type]));
  const seenSteps = new Set<string>();
  for (const step of template.steps) {
    if (seenSteps.has(step.name)) continue; // duplicate steps are a check error; generation never sees them
    seenSteps.add(step.name);
    const stepPlan: StepPlan = {
      template: plan,
      step,
      resultType: 'JsonObject',
      contractName: '',
      ancestors: [],
      batches: [],
      routes: step.type === 'decision' ? decisionRoutes(template, step) : [],
      workers: step.type === 'batchable' ? batchWorkerTemplates(template, step) : [],
    };
    const ordered = [...(ancestors.get(step.name) ?? [])].sort((a, b) => position.get(a)! - position.get(b)!);
    for (const name of ordered) {
      const ancestor = { step: name, guaranteed: guaranteed.get(step.name)?.has(name) ?? false };
      (typeOf.get(name) === 'batch_worker' ? stepPlan.batches : stepPlan.ancestors).push(ancestor);
    }
    if (step.resultSchema) {
      stepPlan.result = prepareSchema(
        loosened(step.resultSchema),
        [step.name, 'Result'],
        plan.schemaKeys,
        `Result of step \`${step.name}\` (result_schema).`,
      );
      report(stepPlan.result);
    }
    plan.steps.push(stepPlan);
  }
  nameTypes(plan, diagnostics);
  return plan;
}

/**
 * Names every type of a template's contracts file at once: step contracts,
 * the task input's nested types and every result type. Names that collide are
 * made distinct (see resolveTypeNames) and reported as infos.
 */
function nameTypes(plan: TemplatePlan, diagnostics: Diagnostic[]): void {
  const { template } = plan;
  interface Request extends NameRequest {
    pointer: string;
    what: string;
    assign(name: string): void;
  }
  const requests: Request[] = [];
  const schemaRequests = (prepared: PreparedSchema, owner: string, rootWhat: string, assignRoot: (name: string) => void): void => {
    for (const named of prepared.named) {
      const root = named.node === prepared.schema;
      requests.push({
        parts: named.parts,
        key: `${owner}${named.pointer.slice(prepared.pointer.length)}`,
        pointer: named.pointer,
        what: root ? rootWhat : `the type at \`${named.pointer}\``,
        assign: (name) => {
          named.node.title = name;
          if (root) assignRoot(name);
        },
      });
    }
  };
  if (plan.input) {
    // The input's root is always `TaskInput` (reserved); its nested types are named like any other.
    plan.input.named[0]!.node.title = plan.input.name = 'TaskInput';
    schemaRequests({ ...plan.input, named: plan.input.named.slice(1) }, 'input', '', () => {});
  }
  for (const step of plan.steps) {
    const stepName = step.step.name;
    requests.push({
      parts: [stepName, 'Step'],
      key: `step:${stepName}`,
      pointer: joinPointer(step.step.pointer, 'name'),
      what: `the contract of step \`${stepName}\``,
      assign: (name) => (step.contractName = name),
    });
    const result = step.result;
    if (result) {
      schemaRequests(result, `result:${stepName}`, `the result of step \`${stepName}\``, (name) => (result.name = step.resultType = name));
    }
  }
  const { names, collisions, unresolved } = resolveNames(requests, [...RESERVED_TYPE_NAMES, CONTRACT_SCHEMAS]);
  requests.forEach((request, i) => {
    request.assign(names[i]!);
  });
  for (const { wanted, members } of collisions) {
    const [first] = members.map((i) => requests[i]!).sort((a, b) => compareStrings(a.pointer, b.pointer));
    const described = members.map((i) => `${requests[i]!.what} (\`${requests[i]!.pointer}\`) is named \`${names[i]}\``);
    diagnostics.push(
      diagnosticAt(template.source, first!.pointer, GENERATION_CODES['type-name-collision'], {
        message: `${RESERVED_TYPE_NAMES.includes(wanted) || wanted === CONTRACT_SCHEMAS ? 'a name tasker-ctl reserves and ' : ''}${members.length > 1 ? `${members.length} types` : 'a type'} would be named \`${wanted}\`; ${described.join(', ')}`,
        hint: 'Names that differ only in separators or case keep them apart; rename the step or property for a plainer name.',
      }),
    );
  }
  for (const i of unresolved) {
    diagnostics.push(
      diagnosticAt(template.source, requests[i]!.pointer, GENERATION_CODES['type-name-conflict'], {
        message: `${requests[i]!.what} cannot be given a type name distinct from the others (\`${names[i]}\`)`,
        hint: 'Rename the step or property so that generated type names differ.',
      }),
    );
  }
}

/** The property of `contractsSchema` that holds a step's result schema. */
export function stepSlot(plan: TemplatePlan, step: StepPlan): string {
  return `step${plan.steps.indexOf(step)}`;
}

/** The root json-schema-to-typescript compiles for a template; its own declaration is not part of the contracts. */
export const CONTRACT_SCHEMAS = 'TaskerContractSchemas';

/**
 * One schema holding every prepared schema of a template (or of some of its
 * steps) as a property, so that the template's types compile in one call.
 * Each schema's `$ref`s are pointed at its place in this root.
 */
export function contractsSchema(plan: TemplatePlan, steps: readonly StepPlan[] = plan.steps): JsonObject {
  const properties: JsonObject = {};
  const place = (slot: string, prepared: PreparedSchema): void => {
    placeRefs(prepared, `/properties/${slot}`);
    properties[slot] = prepared.schema;
  };
  if (plan.input) place('input', plan.input);
  for (const step of steps) if (step.result) place(stepSlot(plan, step), step.result);
  return { title: CONTRACT_SCHEMAS, type: 'object', properties, additionalProperties: false };
}

function edges(step: StepDefinition): { name: string; dependencies: string[] } {
  return { name: step.name, dependencies: step.dependencies.map((d) => d.step) };
}

/**
 * Ancestors whose results are certain to exist when the step runs. Tasker runs
 * a step once its dependencies completed, so they and their own guaranteed
 * ancestors are present; a deferred convergence step may run with branches
 * that a decision never created, so only what every branch waited for is.
 */
function guaranteedAncestors(steps: readonly StepDefinition[]): Map<string, Set<string>> {
  const deps = dependencyMap(steps.map(edges));
  const typeOf = new Map(steps.map((s) => [s.name, s.type]));
  const memo = new Map<string, Set<string>>();
  const visit = (name: string, stack: Set<string>): Set<string> => {
    const known = memo.get(name);
    if (known) return known;
    let out = new Set<string>();
    if (stack.has(name)) return out;
    stack.add(name);
    const direct = deps.get(name) ?? [];
    if (typeOf.get(name) === 'deferred_convergence') {
      // Only what every branch had to wait for (e.g. the decision) is certain.
      const perBranch = direct.map((dep) => visit(dep, stack));
      out = new Set(perBranch.length === 0 ? [] : [...perBranch[0]!].filter((a) => perBranch.every((set) => set.has(a))));
    } else {
      for (const dep of direct) {
        out.add(dep);
        for (const a of visit(dep, stack)) out.add(a);
      }
    }
    stack.delete(name);
    memo.set(name, out);
    return out;
  };
  for (const name of deps.keys()) visit(name, new Set());
  return memo;
}

function planHandlers(
  templates: TemplatePlan[],
  diagnostics: Diagnostic[],
  extension: SourceExtension,
  existingHandlers: PlanOptions['existingHandlers'],
): HandlerPlan[] {
  const byCallable = new Map<string, StepPlan[]>();
  for (const template of templates) {
    for (const step of template.steps) {
      const list = byCallable.get(step.step.handler.callable) ?? [];
      list.push(step);
      byCallable.set(step.step.handler.callable, list);
    }
  }
  const callables = [...byCallable.keys()].sort(compareStrings);
  const handlers: HandlerPlan[] = [];
  for (const callable of callables) {
    const uses = byCallable.get(callable)!;
    const kind = uses[0]!.step.type;
    const conflicting = uses.find((u) => u.step.type !== kind);
    if (conflicting) {
      diagnostics.push(
        diagnosticAt(
          conflicting.template.template.source,
          joinPointer(conflicting.step.pointer, 'handler', 'callable'),
          GENERATION_CODES['callable-kind-conflict'],
          {
            message: `callable \`${callable}\` is a \`${conflicting.step.type}\` step here but a \`${kind}\` step in ${uses[0]!.template.key} (step \`${uses[0]!.step.name}\`); one handler cannot be both`,
            hint: 'Use a distinct callable for each kind of step.',
          },
        ),
      );
      continue;
    }
    const resultUses = uses.filter((use) => use.result && !isAnyJson(use.result));
    const segments = callableSegments(callable);
    const last =
      callable
        .split(/::|[./\\#:]/)
        .filter(Boolean)
        .pop() ?? callable;
    const exportBase = pascalCase(last) || 'Step';
    handlers.push({
      callable,
      kind,
      uses,
      modulePath: `handlers/${segments.join('/')}`,
      file: '',
      testFile: '',
      exportName: identifierFromType(exportBase.endsWith('Handler') ? exportBase : `${exportBase}Handler`),
      indexAlias: '',
      result: kind === 'decision' || kind === 'batchable' ? { kind: 'any' } : handlerResult(resultUses, diagnostics),
      resultUses,
    });
  }
  disambiguateHandlerPaths(handlers, diagnostics);
  for (const handler of handlers) {
    handler.file = `${handler.modulePath}${extension}`;
    handler.testFile = `${handler.modulePath}.test${extension}`;
    // The stub itself, found among the sources, is not an other handler.
    const existing = existingHandlers?.get(handler.callable);
    if (existing && existing.file !== handler.file) handler.existing = existing;
  }
  const aliases = resolveNames(
    handlers.map((h) => ({ parts: [h.callable], key: h.callable })),
    INDEX_NAMES,
    (name) => identifierFromType(name || 'Handler'),
  ).names;
  handlers.forEach((h, i) => {
    h.indexAlias = aliases[i]!;
  });
  return handlers;
}

/**
 * A value every use's result type accepts (their intersection), for the stub
 * to return. When there is none, the stub throws instead, and the reason is
 * reported: an info for a result schema no value satisfies, a warning for a
 * callable whose steps want results no one value can be.
 */
function handlerResult(resultUses: readonly StepPlan[], diagnostics: Diagnostic[]): Sample | NoSample {
  // Without a result schema that says more than "any JSON", the result type is JsonObject.
  if (resultUses.length === 0) return JSON_OBJECT_SAMPLE;
  let merged: Sample | NoSample = { kind: 'any' };
  let mergedFrom: StepPlan | undefined;
  for (const use of resultUses) {
    const own = sampleOf(use.result!, use.template.schemaKeys);
    const source = use.template.template.source;
    if (own instanceof NoSample) {
      diagnostics.push(
        diagnosticAt(source, use.result!.pointer, GENERATION_CODES['unsatisfiable-result'], {
          message: `no value satisfies the result_schema of step \`${use.step.name}\` (${own.reason}); its handler stub throws a "not implemented" PermanentError instead of returning`,
          hint: 'Check the schema: an `allOf` whose parts contradict, or a required property that contains itself, has no value.',
        }),
      );
      return own;
    }
    const next = mergeSamples(merged, own);
    if (next instanceof NoSample) {
      diagnostics.push(
        diagnosticAt(source, use.result!.pointer, GENERATION_CODES['unsatisfiable-result'], {
          severity: 'warning',
          message: `callable \`${use.step.handler.callable}\` handles step \`${use.step.name}\` and step \`${mergedFrom!.step.name}\` of ${mergedFrom!.template.key}, whose results no one value satisfies (${next.reason}); its handler stub throws instead of returning`,
          hint: 'Give each step its own callable, or make their result schemas agree.',
        }),
      );
      return next;
    }
    merged = next;
    mergedFrom = use;
  }
  return merged;
}

/** Whether a prepared result schema accepts any JSON value or object (`{}`, `true`, a bare `type: object`). */
function isAnyJson(prepared: PreparedSchema): boolean {
  return prepared.schema.tsType === 'JsonValue' || prepared.schema.tsType === 'JsonObject';
}

/** Handler names are PascalCase values; keep them valid identifiers. */
function identifierFromType(name: string): string {
  return /^[0-9]/.test(name) ? `Handler${name}` : name;
}

function disambiguateContractPaths(plans: TemplatePlan[], diagnostics: Diagnostic[]): void {
  const identity = (plan: TemplatePlan) => `${plan.key}@${plan.template.version}`;
  const contracts = {
    get: (plan: TemplatePlan) => plan.contractsPath,
    set: (plan: TemplatePlan, path: string) => (plan.contractsPath = path),
  };
  for (const group of separateCollidingPaths(plans, contracts, identity)) {
    diagnostics.push(
      diagnosticAt(group[0]!.template.source, '/name', GENERATION_CODES['output-path-collision'], {
        message: `templates ${group.map((p) => `${p.key} v${p.template.version} (${p.template.source.file})`).join(' and ')} would share one contracts file; they go to ${group.map((p) => p.contractsPath).join(' and ')}`,
        hint: 'Names that differ only in case or punctuation get a hash in their file name; rename a template for a plainer one.',
      }),
    );
  }
}

function disambiguateHandlerPaths(handlers: HandlerPlan[], diagnostics: Diagnostic[]): void {
  const modules = {
    get: (handler: HandlerPlan) => handler.modulePath,
    set: (handler: HandlerPlan, path: string) => (handler.modulePath = path),
  };
  for (const group of separateCollidingPaths(handlers, modules, (handler) => handler.callable)) {
    const first = group[0]!.uses[0]!;
    diagnostics.push(
      diagnosticAt(
        first.template.template.source,
        joinPointer(first.step.pointer, 'handler', 'callable'),
        GENERATION_CODES['output-path-collision'],
        {
          message: `callables ${group.map((h) => `\`${h.callable}\``).join(' and ')} would share one handler file; their stubs go to ${group.map((h) => `${h.modulePath}.ts`).join(' and ')}`,
          hint: 'Callables that differ only in case or punctuation get a hash in their file name.',
        },
      ),
    );
  }
}
