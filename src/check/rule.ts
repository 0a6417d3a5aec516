/**
 * What a check rule is: a small module that inspects one template and reports
 * one code, carrying that code's metadata (default severity, category, summary).
 */
import type { CodeMeta } from '../model/codes.js';
import type { Anchor } from '../model/source.js';
import type { ShapeIssue, TaskTemplate } from '../model/template.js';

export interface RuleReport {
  message: string;
  hint?: string;
}

export interface RuleContext {
  readonly template: TaskTemplate;
  /** Reports a problem, under the rule's code and severity, at a JSON pointer of the template's document. */
  report(pointer: string, report: RuleReport, anchor?: Anchor): void;
}

export interface Rule<C extends string = string> extends CodeMeta<C> {
  check(context: RuleContext): void;
}

/** Keeps the rule's code as a literal type, so the code catalogue knows every code. */
export function defineRule<const C extends string>(rule: Rule<C>): Rule<C> {
  return rule;
}

/** A rule that reports one kind of problem the loader recorded while shaping the model. */
export function shapeIssueRule<K extends ShapeIssue['kind']>(
  meta: CodeMeta<K>,
  describe: (issue: Extract<ShapeIssue, { kind: K }>) => RuleReport & { anchor?: Anchor },
): Rule<K> {
  return {
    ...meta,
    check(context) {
      for (const issue of context.template.shapeIssues) {
        if (issue.kind !== meta.code) continue;
        const { message, hint, anchor } = describe(issue as Extract<ShapeIssue, { kind: K }>);
        context.report(issue.pointer, hint ? { message, hint } : { message }, anchor);
      }
    },
  };
}
