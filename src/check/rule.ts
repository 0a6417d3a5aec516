/** What a check rule is: a small module that inspects one template. */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Anchor, DiagnosticInput, ShapeIssue, TaskTemplate } from '../load/index.js';
import { diagnosticAt } from '../load/index.js';

export interface RuleContext {
  readonly template: TaskTemplate;
  /** Reports a problem at a JSON pointer of the template's document. */
  report(pointer: string, input: DiagnosticInput, anchor?: Anchor): void;
}

export interface Rule {
  /** The code this rule reports (one rule, one code). */
  code: string;
  check(context: RuleContext): void;
}

export function createRuleContext(template: TaskTemplate, sink: Diagnostic[]): RuleContext {
  return {
    template,
    report(pointer, input, anchor) {
      sink.push(diagnosticAt(template.source, pointer, input, anchor));
    },
  };
}

/** A rule that reports one kind of problem the loader recorded while shaping the model. */
export function shapeIssueRule<K extends ShapeIssue['kind']>(
  kind: K,
  describe: (issue: Extract<ShapeIssue, { kind: K }>) => { message: string; hint?: string; anchor?: Anchor },
): Rule {
  return {
    code: kind,
    check(context) {
      for (const issue of context.template.shapeIssues) {
        if (issue.kind !== kind) continue;
        const { message, hint, anchor } = describe(issue as Extract<ShapeIssue, { kind: K }>);
        context.report(issue.pointer, { code: kind, message, hint }, anchor);
      }
    },
  };
}
