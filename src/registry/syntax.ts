/** Helpers over raw compiler nodes and files, for the handler scan (no ts-morph wrappers). */
import path from 'node:path';
import { ts } from 'ts-morph';

const RESOLVE_EXTENSIONS: Record<string, string[]> = {
  '.js': ['.ts', '.tsx', '.js', '.jsx'],
  '.jsx': ['.tsx', '.jsx'],
  '.mjs': ['.mts', '.mjs'],
  '.cjs': ['.cts', '.cjs'],
};
const BARE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

export function unwrap(node: ts.Expression): ts.Expression {
  let current = node;
  for (;;) {
    if (
      ts.isParenthesizedExpression(current) ||
      ts.isAsExpression(current) ||
      ts.isSatisfiesExpression(current) ||
      ts.isNonNullExpression(current) ||
      ts.isTypeAssertionExpression(current)
    ) {
      current = current.expression;
    } else return current;
  }
}

/** `a.b`, `a['b']` → `b`. */
export function memberName(
  node: ts.PropertyAccessExpression | ts.ElementAccessExpression,
  resolve?: (e: ts.Expression) => string | undefined,
): string | undefined {
  if (ts.isPropertyAccessExpression(node)) return ts.isIdentifier(node.name) ? node.name.text : undefined;
  const argument = unwrap(node.argumentExpression);
  if (ts.isStringLiteral(argument) || ts.isNoSubstitutionTemplateLiteral(argument)) return argument.text;
  return resolve?.(node.argumentExpression);
}

/** An initializer that may alias a DSL function: `const dh = defineHandler`, `= tasker.defineHandler`, `= x as unknown as T`. */
export function isAliasExpression(node: ts.Expression): boolean {
  const inner = unwrap(node);
  return ts.isIdentifier(inner) || ts.isPropertyAccessExpression(inner);
}

export function moduleExportName(name: ts.ModuleExportName): string {
  return name.text;
}

export function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) ? (ts.getModifiers(node)?.some((m) => m.kind === kind) ?? false) : false;
}

/** `require('m')` → 'm'. */
export function requireSpecifier(node: ts.Expression | undefined): string | undefined {
  if (!node) return undefined;
  const inner = unwrap(node);
  if (!ts.isCallExpression(inner) || !ts.isIdentifier(inner.expression) || inner.expression.text !== 'require') return undefined;
  const [argument] = inner.arguments;
  return argument && ts.isStringLiteral(argument) ? argument.text : undefined;
}

/** The value of property `name` of an object literal (last one wins, as in JavaScript); computed keys through `computed`. */
export function property(
  node: ts.ObjectLiteralExpression,
  name: string,
  computed?: (e: ts.Expression) => string | undefined,
): ts.Expression | undefined {
  let found: ts.Expression | undefined;
  for (const element of node.properties) {
    if (ts.isPropertyAssignment(element)) {
      const key = element.name;
      if (
        (ts.isIdentifier(key) || ts.isStringLiteral(key) || ts.isNoSubstitutionTemplateLiteral(key) || ts.isNumericLiteral(key)) &&
        key.text === name
      )
        found = element.initializer;
      else if (computed && ts.isComputedPropertyName(key) && computed(key.expression) === name) found = element.initializer;
    } else if (ts.isShorthandPropertyAssignment(element) && element.name.text === name) found = element.name;
  }
  return found;
}

/** A static property (or static getter returning an expression) of a class. */
export function staticMember(node: ts.ClassLikeDeclaration, name: string): { name: ts.Node; value: ts.Expression | undefined } | undefined {
  for (const member of node.members) {
    if (!member.name || !hasModifier(member, ts.SyntaxKind.StaticKeyword)) continue;
    const key = member.name;
    if (!((ts.isIdentifier(key) || ts.isStringLiteral(key)) && key.text === name)) continue;
    if (ts.isPropertyDeclaration(member)) {
      if (!member.initializer) return undefined; // `static handlerName: string;` declares, does not set
      return { name: key, value: member.initializer };
    }
    if (ts.isGetAccessorDeclaration(member) && member.body) {
      const returned = member.body.statements.find(ts.isReturnStatement);
      return { name: key, value: returned?.expression };
    }
  }
  return undefined;
}

/** The variable, property or class a call or class expression is bound to. */
export function boundName(node: ts.Node): string | undefined {
  let current: ts.Node = node;
  while (
    current.parent &&
    (ts.isParenthesizedExpression(current.parent) || ts.isAsExpression(current.parent) || ts.isSatisfiesExpression(current.parent))
  )
    current = current.parent;
  const parent = current.parent;
  if (!parent) return undefined;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isPropertyAssignment(parent) && (ts.isIdentifier(parent.name) || ts.isStringLiteral(parent.name))) return parent.name.text;
  if (ts.isExportAssignment(parent)) return 'default';
  // module.exports.X = …, exports.X = …, handlers.X = …
  if (
    ts.isBinaryExpression(parent) &&
    parent.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    parent.right === current &&
    ts.isPropertyAccessExpression(parent.left)
  )
    return parent.left.name.text;
  return undefined;
}

/** `registry.register`, `this.handlerRegistry.register`, `new HandlerRegistry().register`, a chained `.register(…).register`. */
export function looksLikeRegistry(callee: ts.Expression, sf: ts.SourceFile): boolean {
  if (!ts.isPropertyAccessExpression(callee) && !ts.isElementAccessExpression(callee)) return false;
  const receiver = unwrap(callee.expression);
  if (ts.isCallExpression(receiver)) {
    const inner = unwrap(receiver.expression);
    if ((ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner)) && memberName(inner) === 'register') return true;
  }
  const text = ts.isNewExpression(receiver) ? receiver.expression.getText(sf) : receiver.getText(sf);
  const last = text.split('.').pop() ?? text;
  return /regist|handler/i.test(last);
}

export function resolveRelative(base: string): string | undefined {
  const extension = path.extname(base).toLowerCase();
  const candidates: string[] = [];
  const mapped = RESOLVE_EXTENSIONS[extension];
  if (mapped) candidates.push(...mapped.map((ext) => base.slice(0, -extension.length) + ext));
  if (BARE_EXTENSIONS.includes(extension)) candidates.push(base);
  else {
    candidates.push(...BARE_EXTENSIONS.map((ext) => base + ext));
    candidates.push(...BARE_EXTENSIONS.map((ext) => path.join(base, `index${ext}`)));
  }
  return candidates.find(isFileSync);
}

export function isFileSync(file: string): boolean {
  try {
    return ts.sys.fileExists(file);
  } catch {
    return false;
  }
}

export const SCRIPT_KINDS: Record<string, ts.ScriptKind> = {
  '.ts': ts.ScriptKind.TS,
  '.mts': ts.ScriptKind.TS,
  '.cts': ts.ScriptKind.TS,
  '.tsx': ts.ScriptKind.TSX,
  '.js': ts.ScriptKind.JS,
  '.mjs': ts.ScriptKind.JS,
  '.cjs': ts.ScriptKind.JS,
  '.jsx': ts.ScriptKind.JSX,
};

/** Parse only: parent pointers set (for names of bound handlers), JSDoc skipped. */
export function parseSource(file: string, text: string): ts.SourceFile {
  const kind = SCRIPT_KINDS[path.extname(file).toLowerCase()] ?? ts.ScriptKind.TS;
  return ts.createSourceFile(
    file,
    text,
    { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
    true,
    kind,
  );
}

export function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 57)}…` : flat;
}

/** Scans handler paths (folders, files, tsconfig.json). */
