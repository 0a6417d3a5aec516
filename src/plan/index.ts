/**
 * plan: the per-step typed view of a set of templates. Decides every name and
 * path the emitter will use, and reports conflicts as positioned errors.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { compareDiagnostics, compareStrings } from '../diagnostics/diagnostic.js';
import type { StepDefinition, StepType, TaskTemplate } from '../load/index.js';
import { diagnosticAt, joinPointer } from '../load/index.js';
import { ancestorMap, dependencyMap, topologicalOrder } from '../shared/dag.js';
import { callableSegments, fileSegment, identifier, pascalCase, shortHash, typeName, uniqueIdentifiers } from './naming.js';
import { prepareSchema, type PreparedSchema } from './schema-types.js';
import { nonObjectRootType } from '../check/views.js';

export interface TemplatePlan {
  template: TaskTemplate;
  /** `namespace/name`, as shown to users. */
  key: string;
  /** Path of the contracts file, relative to the output folder. */
  contractsPath: string;
  /** Identifier under which other generated files import the contracts module. */
  moduleAlias: string;
  input?: PreparedSchema;
  steps: StepPlan[];
}

export interface AncestorPlan {
  step: string;
  /** False when the ancestor may not have run (behind a deferred convergence): typed `| null`. */
  guaranteed: boolean;
}

export interface StepPlan {
  template: TemplatePlan;
  step: StepDefinition;
  /** PascalCase of the step name, the prefix of its types. */
  baseName: string;
  result?: PreparedSchema;
  /** `ValidateCartResult`, or `JsonObject` without result_schema. */
  resultType: string;
  /** Name of the step's contract interface. */
  contractName: string;
  /** Every ancestor, in topological order. */
  ancestors: AncestorPlan[];
}

export interface HandlerPlan {
  callable: string;
  kind: StepType;
  /** Steps that name this callable, in template then step order. */
  uses: StepPlan[];
  /** Path of the user-owned handler file, relative to the output folder (no extension). */
  modulePath: string;
  /** Export name inside the handler file. */
  exportName: string;
  /** Unique alias in the registration index. */
  indexAlias: string;
}

export interface ProjectPlan {
  templates: TemplatePlan[];
  handlers: HandlerPlan[];
  diagnostics: Diagnostic[];
}

/** Names `tasker.ts` declares or imports: template module aliases must differ from them. */
export const TASKER_FILE_NAMES = [
  'Decision', 'defineHandler', 'defineDecisionHandler', 'defineBatchAnalyzer', 'defineBatchWorker',
  'runtimeDefineHandler', 'runtimeDefineDecisionHandler', 'runtimeDefineBatchAnalyzer', 'runtimeDefineBatchWorker',
  'BatchAnalysis', 'BatchContext', 'DecisionOutcome', 'StepContext', 'StepHandlerResult', 'JsonValue', 'JsonObject',
  'Handlers', 'Callable', 'CallableOf', 'Ancestors', 'Input', 'DependsOption', 'InputsOption', 'HandlerArgs', 'Returns', 'Typed', 'Options',
];
/** Names `index.ts` declares or imports: handler import aliases must differ from them. */
export const INDEX_FILE_NAMES = ['Callable', 'handlers', 'Registered', 'Unhandled', 'everyCallableHasAHandler', 'registerAll'];

/** Names every contracts file declares before any schema type. */
const RESERVED_TYPE_NAMES = ['JsonValue', 'JsonObject', 'TaskInput', 'Steps', 'Results'];

export function planProject(templates: readonly TaskTemplate[]): ProjectPlan {
  const diagnostics: Diagnostic[] = [];
  const ordered = [...templates].sort(
    (a, b) =>
      compareStrings(a.namespaceName, b.namespaceName) ||
      compareStrings(a.name, b.name) ||
      compareStrings(a.version, b.version) ||
      compareStrings(a.source.file, b.source.file) ||
      a.source.documentIndex - b.source.documentIndex,
  );

  const byPath = new Map<string, TemplatePlan>();
  const templatePlans: TemplatePlan[] = [];
  for (const template of ordered) {
    const plan = planTemplateOnce(template, diagnostics);
    const clash = byPath.get(plan.contractsPath.toLowerCase());
    if (clash) {
      diagnostics.push(
        diagnosticAt(template.source, '/name', {
          code: 'output-path-conflict',
          message: `template ${plan.key} would be generated into ${plan.contractsPath}, like ${clash.key} (${clash.template.source.file})`,
          hint: 'Give the templates distinct names or namespaces, or generate them into separate --out folders.',
        }),
      );
      continue;
    }
    byPath.set(plan.contractsPath.toLowerCase(), plan);
    templatePlans.push(plan);
  }
  const aliases = uniqueIdentifiers(
    templatePlans.map((t) => identifier(`${t.template.namespaceName} ${t.template.name}`)),
    TASKER_FILE_NAMES,
  );
  templatePlans.forEach((t, i) => (t.moduleAlias = aliases[i]!));

  const handlers = planHandlers(templatePlans, diagnostics);
  return { templates: templatePlans, handlers, diagnostics: diagnostics.sort(compareDiagnostics) };
}

/**
 * Template plans depend on nothing but their template, so each is made once:
 * `generate` plans templates as they load (to compile their schemas early),
 * then plans the project.
 */
const templatePlans = new WeakMap<TaskTemplate, { plan: TemplatePlan; diagnostics: Diagnostic[] }>();

function planTemplateOnce(template: TaskTemplate, diagnostics: Diagnostic[]): TemplatePlan {
  let planned = templatePlans.get(template);
  if (!planned) {
    const own: Diagnostic[] = [];
    planned = { plan: planTemplate(template, own), diagnostics: own };
    templatePlans.set(template, planned);
  }
  diagnostics.push(...planned.diagnostics);
  return planned.plan;
}

/** The plan of one template on its own (its types and schemas), as `planProject` makes it. */
export function planTemplateAlone(template: TaskTemplate): TemplatePlan {
  return planTemplateOnce(template, []);
}

function planTemplate(template: TaskTemplate, diagnostics: Diagnostic[]): TemplatePlan {
  const plan: TemplatePlan = {
    template,
    key: `${template.namespaceName}/${template.name}`,
    contractsPath: `contracts/${fileSegment(template.namespaceName)}/${fileSegment(template.name)}.ts`,
    moduleAlias: '',
    steps: [],
  };
  const declared = new Map<string, string>(RESERVED_TYPE_NAMES.map((n) => [n, '(generated)']));
  const claim = (name: string, pointer: string, what: string): boolean => {
    const previous = declared.get(name);
    if (previous === undefined) {
      declared.set(name, pointer);
      return true;
    }
    const where = previous === '(generated)' ? 'a name tasker-ctl reserves' : `the type declared at ${template.source.file}:${template.source.position(previous).line}`;
    diagnostics.push(
      diagnosticAt(template.source, pointer, {
        code: 'type-name-conflict',
        message: `${what} would be named \`${name}\`, which is already ${where}`,
        hint: 'Rename the step or property so that generated type names differ.',
      }),
    );
    return false;
  };
  const report = (prepared: PreparedSchema): void => {
    for (const { keyword, pointer } of prepared.inexpressible) {
      diagnostics.push(
        diagnosticAt(template.source, pointer, {
          code: 'inexpressible-schema-keyword',
          message: `\`${keyword}\` cannot be expressed as a TypeScript type; the generated type ignores it`,
          hint: 'Validate it at run time (registry `validate: "strict"`) if it matters.',
        }, 'key'),
      );
    }
  };

  // A task input is a JSON object; a schema that rules that out is reported by check and typed JsonObject here.
  if (template.inputSchema && nonObjectRootType(template.inputSchema.schema) === undefined) {
    plan.input = prepareSchema(template.inputSchema, 'TaskInput');
    if (plan.input.schema.tsType === 'JsonValue') plan.input.schema.tsType = 'JsonObject'; // `true` or `{}`: any object
    report(plan.input);
    // TaskInput itself is reserved; its nested types must still be unique.
    for (const named of plan.input.names) if (named.name !== 'TaskInput') claim(named.name, named.pointer, 'a task input type');
  }

  const ancestors = ancestorMap(template.steps.map(edges));
  const guaranteed = guaranteedAncestors(template.steps);
  const order = topologicalOrder(template.steps.map(edges));
  const position = new Map(order.map((name, i) => [name, i]));
  const seenSteps = new Set<string>();
  for (const step of template.steps) {
    if (seenSteps.has(step.name)) continue; // duplicate steps are a check error; generation never sees them
    seenSteps.add(step.name);
    const baseName = typeName(step.name);
    const contractName = `${baseName}Step`;
    const stepPlan: StepPlan = {
      template: plan,
      step,
      baseName,
      resultType: 'JsonObject',
      contractName,
      ancestors: [...(ancestors.get(step.name) ?? [])]
        .sort((a, b) => position.get(a)! - position.get(b)!)
        .map((name) => ({ step: name, guaranteed: guaranteed.get(step.name)?.has(name) ?? false })),
    };
    claim(contractName, joinPointer(step.pointer, 'name'), `the contract of step \`${step.name}\``);
    if (step.resultSchema) {
      const prepared = prepareSchema(step.resultSchema, `${baseName}Result`);
      report(prepared);
      const ok = prepared.names.every((named) => claim(named.name, named.name === prepared.name ? joinPointer(step.pointer, 'name') : named.pointer, named.name === prepared.name ? `the result of step \`${step.name}\`` : 'a result type'));
      if (ok) {
        stepPlan.result = prepared;
        stepPlan.resultType = prepared.name;
      }
    }
    plan.steps.push(stepPlan);
  }
  return plan;
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

function planHandlers(templates: TemplatePlan[], diagnostics: Diagnostic[]): HandlerPlan[] {
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
        diagnosticAt(conflicting.template.template.source, joinPointer(conflicting.step.pointer, 'handler', 'callable'), {
          code: 'callable-kind-conflict',
          message: `callable \`${callable}\` is a \`${conflicting.step.type}\` step here but a \`${kind}\` step in ${uses[0]!.template.key} (step \`${uses[0]!.step.name}\`); one handler cannot be both`,
          hint: 'Use a distinct callable for each kind of step.',
        }),
      );
      continue;
    }
    const segments = callableSegments(callable);
    const last = callable.split(/::|[./\\#:]/).filter(Boolean).pop() ?? callable;
    const exportBase = pascalCase(last) || 'Step';
    handlers.push({
      callable,
      kind,
      uses,
      modulePath: `handlers/${segments.join('/')}`,
      exportName: identifierFromType(exportBase.endsWith('Handler') ? exportBase : `${exportBase}Handler`),
      indexAlias: '',
    });
  }
  disambiguatePaths(handlers);
  const aliases = uniqueIdentifiers(handlers.map((h) => identifierFromType(pascalCase(h.callable) || 'Handler')), INDEX_FILE_NAMES);
  handlers.forEach((h, i) => (h.indexAlias = aliases[i]!));
  return handlers;
}

/** Handler names are PascalCase values; keep them valid identifiers. */
function identifierFromType(name: string): string {
  return /^[0-9]/.test(name) ? `Handler${name}` : name;
}

/** Callables whose file paths collide (e.g. differing only in case or punctuation) get a stable hash suffix. */
function disambiguatePaths(handlers: HandlerPlan[]): void {
  const groups = new Map<string, HandlerPlan[]>();
  for (const handler of handlers) {
    const key = handler.modulePath.toLowerCase();
    groups.set(key, [...(groups.get(key) ?? []), handler]);
  }
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    for (const handler of group) handler.modulePath = `${handler.modulePath}_${shortHash(handler.callable)}`;
  }
}
