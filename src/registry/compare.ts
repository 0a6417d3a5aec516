/**
 * The comparison half of the registry check: handlers found in code against
 * the callables, steps and input schemas of the templates. Pure: no file
 * access, no ts-morph. Every finding with two sides points at one and lists
 * the other under `related`.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { compareDiagnostics, compareStrings } from '../diagnostics/diagnostic.js';
import { type DiagnosticDetail, diagnosticAt, diagnosticAtSpan } from '../diagnostics/located.js';
import { LOAD_CODES } from '../load/codes.js';
import { ancestorMap } from '../model/dag.js';
import { closestNames, quoteList } from '../model/suggest.js';
import type { StepDefinition, TaskTemplate } from '../model/template.js';
import { REGISTRY_CODES } from './codes.js';
import { declares, type InputKeys, inputKeys } from './input-keys.js';
import type { Binding, HandlerScan, HandlerSite, MappingEntry, SourceSpan } from './types.js';

type Related = NonNullable<Diagnostic['related']>[number];

interface StepUse {
  template: TaskTemplate;
  step: StepDefinition;
  label: string;
}

interface TemplateFacts {
  stepNames: Set<string>;
  ancestors: Map<string, Set<string>>;
  input: InputKeys | undefined;
}

/** `namespace/name:version`, as Tasker names templates. */
export function templateLabel(template: TaskTemplate): string {
  return `${template.namespaceName}/${template.name}:${template.version}`;
}

export function compareRegistry(templates: readonly TaskTemplate[], scan: HandlerScan): Diagnostic[] {
  const out: Diagnostic[] = [];

  // Template side: callable → the steps using it.
  const uses = new Map<string, StepUse[]>();
  const facts = new Map<TaskTemplate, TemplateFacts>();
  for (const template of templates) {
    const label = templateLabel(template);
    for (const step of template.steps) {
      if (step.handler.callable === '') continue; // empty-callable is a template finding
      push(uses, step.handler.callable, { template, step, label });
    }
  }
  const factsOf = (template: TaskTemplate): TemplateFacts => {
    let known = facts.get(template);
    if (!known) {
      known = {
        stepNames: new Set(template.steps.map((s) => s.name)),
        ancestors: ancestorMap(template.steps.map((s) => ({ name: s.name, dependencies: s.dependencies.map((d) => d.step) }))),
        input: inputKeys(template.inputSchema?.schema),
      };
      facts.set(template, known);
    }
    return known;
  };

  // Code side: callable → distinct handlers (first binding of each).
  const bound = new Map<string, Binding[]>();
  for (const binding of scan.bindings) {
    const list = bound.get(binding.callable) ?? [];
    if (!list.some((b) => b.handler.id === binding.handler.id)) list.push(binding);
    bound.set(binding.callable, list);
  }
  for (const list of bound.values()) list.sort((a, b) => compareSpans(a.span, b.span));
  const handlerCallables = [...bound.keys()];

  // Syntax errors and dynamic callables.
  for (const problem of scan.syntaxErrors) {
    out.push(
      atSpan(problem.span, {
        code: 'source-syntax-error',
        message: `${problem.message}${problem.count > 1 ? ` (and ${problem.count - 1} more syntax error${problem.count > 2 ? 's' : ''})` : ''}`,
        hint: 'Handlers after a syntax error may be missed; fix the file (tsc reports every error).',
      }),
    );
  }
  for (const { file, reason } of scan.unreadable) {
    out.push(
      atSpan(
        { file, line: 1, column: 1, endLine: 1, endColumn: 1 },
        { code: 'unreadable-file', message: `cannot read file: ${reason}`, hint: 'Handlers in it cannot be checked.' },
      ),
    );
  }
  for (const dynamic of scan.dynamic) {
    out.push(
      atSpan(dynamic.span, {
        code: 'dynamic-callable',
        message: `dynamic callable, cannot be verified against the templates${dynamic.text ? `: ${dynamic.text}` : ''}`,
        hint: 'Write the callable as a string literal, or a `const` string declared in this file or imported from another.',
      }),
    );
  }

  // Duplicates.
  for (const [callable, list] of bound) {
    if (list.length < 2) continue;
    const [first, ...rest] = list as [Binding, ...Binding[]];
    for (const binding of rest) {
      out.push(
        atSpan(binding.span, {
          code: 'duplicate-handler',
          message: `callable "${callable}" already has a handler${describeHandler(first.handler)}; only one of them runs`,
          hint: 'Keep one handler per callable (or register this one under another callable).',
          related: [relatedAt(first.span, `first handler of "${callable}"${describeHandler(first.handler)}`)],
        }),
      );
    }
  }

  // Template callables.
  for (const [callable, list] of uses) {
    const handlers = bound.get(callable);
    if (!handlers) {
      const closest = closestNames(callable, handlerCallables);
      for (const use of list) {
        const hint = [
          closest.length
            ? `closest handler${closest.length > 1 ? 's' : ''}: ${quoteList(closest)}`
            : `define it, e.g. defineHandler(${JSON.stringify(callable)}, {}, async () => ({}))`,
          scan.dynamic.length
            ? `${scan.dynamic.length} handler callable${scan.dynamic.length > 1 ? 's are' : ' is'} dynamic and could not be compared`
            : '',
        ].filter(Boolean);
        out.push(
          atStep(use, {
            code: 'missing-handler',
            message: `no handler for callable "${callable}" (step "${use.step.name}" of ${use.label})`,
            hint: `${hint.join('; ')}.`,
            related: closest.map((name) => relatedAt(bound.get(name)![0]!.span, `handler "${name}" is defined here`)),
          }),
        );
      }
      continue;
    }
    if (list.length > 1) {
      const [first] = handlers as [Binding];
      const steps = list.map(
        (use) => `"${use.step.name}" (${use.label}${use.step.handler.method ? `, method ${use.step.handler.method}` : ''})`,
      );
      out.push(
        atSpan(first.span, {
          code: 'shared-callable',
          message: `callable "${callable}" is used by ${list.length} steps: ${steps.join(', ')}; each step is checked on its own`,
          related: list.map((use) => relatedStep(use, `step "${use.step.name}" of ${use.label} uses "${callable}"`)),
        }),
      );
    }
    for (const binding of handlers) {
      const site = binding.handler;
      checkDepends(site, callable, list, factsOf, out);
      checkInputs(site, callable, list, factsOf, out);
      checkRoutes(site, callable, list, out);
    }
  }

  // Handlers no template uses.
  const missing = [...uses.keys()].filter((callable) => !bound.has(callable));
  for (const [callable, list] of bound) {
    if (uses.has(callable)) continue;
    const close = closestNames(callable, missing);
    for (const binding of list) {
      out.push(
        atSpan(binding.span, {
          code: 'unused-handler',
          message: `no template step uses callable "${callable}"${describeHandler(binding.handler)}`,
          hint: close.length
            ? `a template uses ${quoteList(close)}, which has no handler: a typo?`
            : 'Remove the handler, or check that the template paths include the templates that use it.',
          related: close.map((name) => relatedStep(uses.get(name)![0]!, `step "${uses.get(name)![0]!.step.name}" uses "${name}"`)),
        }),
      );
    }
  }
  return out.sort(compareDiagnostics);
}

function checkDepends(
  site: HandlerSite,
  callable: string,
  list: StepUse[],
  factsOf: (t: TaskTemplate) => TemplateFacts,
  out: Diagnostic[],
): void {
  for (const entry of site.depends) {
    const reportedUnknown = new Set<TaskTemplate>();
    for (const use of list) {
      const { stepNames, ancestors } = factsOf(use.template);
      const upstream = ancestors.get(use.step.name) ?? new Set<string>();
      if (upstream.has(entry.value)) continue;
      const ancestorList = [...upstream].sort(compareStrings);
      if (!stepNames.has(entry.value)) {
        if (reportedUnknown.has(use.template)) continue;
        reportedUnknown.add(use.template);
        const close = closestNames(entry.value, stepNames);
        out.push(
          atEntry(entry, {
            code: 'depends-unknown-step',
            message: `depends.${entry.param} names step "${entry.value}", which is not a step of ${use.label} (callable "${callable}", step "${use.step.name}")`,
            hint: close.length
              ? `did you mean ${quoteList(close)}?`
              : `the steps upstream of "${use.step.name}" are ${listOrNone(ancestorList)}.`,
            related: [relatedStep(use, `step "${use.step.name}" of ${use.label} uses "${callable}"`)],
          }),
        );
        continue;
      }
      const self = entry.value === use.step.name;
      const target = use.template.steps.find((s) => s.name === entry.value);
      out.push(
        atEntry(entry, {
          code: 'depends-not-ancestor',
          message: self
            ? `depends.${entry.param} names step "${entry.value}", the step itself (${use.label}): the handler receives null there`
            : `depends.${entry.param} names step "${entry.value}", which is not upstream of step "${use.step.name}" of ${use.label}: the handler receives null there`,
          hint: `Tasker passes a handler the results of the step's ancestors only (${listOrNone(ancestorList)}); add "${entry.value}" to the dependencies of "${use.step.name}", or drop the entry.`,
          related: [
            relatedStep(use, `step "${use.step.name}" of ${use.label} uses "${callable}"`),
            ...(target && !self ? [relatedAtPointer(use.template, target.pointer, `step "${entry.value}" is declared here`)] : []),
          ],
        }),
      );
    }
  }
}

/**
 * A literal `Decision.route([...])` target must be a step that depends on the
 * decision step: Tasker creates no other. A callable shared by decision steps
 * of several templates may name a step of any of them (it can branch on its
 * context, and the typed layer allows their union); a step none of them can
 * create is reported once, against the first.
 */
function checkRoutes(site: HandlerSite, callable: string, list: StepUse[], out: Diagnostic[]): void {
  const decisions = list.filter((use) => use.step.type === 'decision');
  if (decisions.length === 0) return;
  const routableFrom = (use: StepUse) =>
    use.template.steps.filter((s) => s.dependencies.some((d) => d.step === use.step.name)).map((s) => s.name);
  const routable = new Set(decisions.flatMap(routableFrom));
  for (const route of site.routes ?? []) {
    if (routable.has(route.step)) continue;
    const use = decisions[0]!;
    const decision = use.step.name;
    const target = use.template.steps.find((s) => s.name === route.step);
    const close = closestNames(route.step, [...routable]);
    out.push(
      atSpan(route.span, {
        code: 'unknown-route-step',
        message: target
          ? `Decision.route names step "${route.step}", which does not depend on decision step "${decision}" of ${use.label}, so Tasker cannot create it from this decision`
          : `Decision.route names step "${route.step}", which is not a step of ${use.label} (callable "${callable}", decision step "${decision}")`,
        hint: close.length
          ? `did you mean ${quoteList(close)}?`
          : `the steps this decision can create are those that list "${decision}" as a dependency: ${listOrNone(routableFrom(use))}.`,
        related: [
          ...decisions.map((d) => relatedStep(d, `decision step "${d.step.name}" of ${d.label} uses "${callable}"`)),
          ...(target ? [relatedAtPointer(use.template, target.pointer, `step "${route.step}" is declared here`)] : []),
        ],
      }),
    );
  }
}

function checkInputs(
  site: HandlerSite,
  callable: string,
  list: StepUse[],
  factsOf: (t: TaskTemplate) => TemplateFacts,
  out: Diagnostic[],
): void {
  if (site.inputs.length === 0) return;
  for (const entry of site.inputs) {
    const seen = new Set<TaskTemplate>();
    for (const use of list) {
      if (seen.has(use.template)) continue; // input_schema is per template
      seen.add(use.template);
      const input = factsOf(use.template).input;
      if (!input || declares(input, entry.value)) continue;
      const close = closestNames(entry.value, input.keys);
      out.push(
        atEntry(entry, {
          code: 'unknown-input-key',
          severity: input.closed ? 'error' : REGISTRY_CODES['unknown-input-key'].severity,
          message: `inputs.${entry.param} names task input key "${entry.value}", which input_schema of ${use.label} does not declare${input.closed ? ' (additionalProperties: false, so it is never present)' : ''}`,
          hint: close.length ? `did you mean ${quoteList(close)}?` : `declared keys: ${listOrNone([...input.keys])}.`,
          related: [
            relatedAtPointer(use.template, use.template.inputSchema!.pointer, `input_schema of ${use.label}`, 'key'),
            relatedStep(use, `step "${use.step.name}" uses "${callable}"`),
          ],
        }),
      );
    }
  }
}

// ---------------------------------------------------------------------------

/** The codes this check reports: its own, and the loader's for a handler file it cannot read. */
const CODES = { ...REGISTRY_CODES, 'unreadable-file': LOAD_CODES['unreadable-file'] };

export interface Finding extends DiagnosticDetail {
  code: keyof typeof CODES;
  related?: Related[];
}

function withRelated(diagnostic: Diagnostic, finding: Finding): Diagnostic {
  if (finding.related?.length) diagnostic.related = finding.related;
  return diagnostic;
}

export function atSpan(span: SourceSpan, finding: Finding): Diagnostic {
  return withRelated(diagnosticAtSpan(span.file, span, CODES[finding.code], finding), finding);
}

function atEntry(entry: MappingEntry, finding: Finding): Diagnostic {
  return atSpan(entry.span, finding);
}

function callablePointer(use: StepUse): string {
  const pointer = `${use.step.handler.pointer}/callable`;
  return use.template.source.has(pointer) ? pointer : use.step.pointer;
}

function atStep(use: StepUse, finding: Finding): Diagnostic {
  return withRelated(diagnosticAt(use.template.source, callablePointer(use), CODES[finding.code], finding), finding);
}

function relatedAt(span: SourceSpan, message: string): Related {
  return { message, file: span.file, line: span.line, column: span.column };
}

function relatedStep(use: StepUse, message: string): Related {
  return relatedAtPointer(use.template, callablePointer(use), message);
}

function relatedAtPointer(template: TaskTemplate, pointer: string, message: string, anchor: 'key' | 'value' = 'value'): Related {
  const position = template.source.position(pointer, anchor);
  return { message, file: template.source.file, line: position.line, column: position.column };
}

function describeHandler(site: HandlerSite): string {
  const what =
    site.form === 'class'
      ? `class ${site.name ?? '(anonymous)'}`
      : site.form === 'define'
        ? `${site.via}${site.name ? ` ${site.name}` : ''}`
        : `registered ${site.name ?? 'handler'}`;
  return ` (${what})`;
}

function compareSpans(a: SourceSpan, b: SourceSpan): number {
  return compareStrings(a.file, b.file) || a.line - b.line || a.column - b.column;
}

function listOrNone(names: readonly string[]): string {
  return names.length ? names.join(', ') : 'none';
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
