/**
 * What the handler scan knows of a module from its top-level statements
 * alone: imports (ES, `import =`, `require`), local bindings and exports.
 */
import { ts } from 'ts-morph';
import { hasModifier, moduleExportName, requireSpecifier } from './syntax.js';

export interface ImportBinding {
  specifier: string;
  /** The exported name, `*` for a namespace, `default`. */
  imported: string;
}

export type LocalBinding =
  | { kind: 'variable'; constant: boolean; init: ts.Expression | undefined }
  | { kind: 'class'; node: ts.ClassLikeDeclaration }
  | { kind: 'enum'; node: ts.EnumDeclaration }
  | { kind: 'other' };

export type ExportBinding =
  | { kind: 'local'; name: string }
  | { kind: 'reexport'; specifier: string; imported: string }
  | { kind: 'expression'; expression: ts.Expression };

export interface ModuleInfo {
  absolutePath: string;
  file: string;
  sf: ts.SourceFile;
  scanned: boolean;
  generated: boolean;
  imports: Map<string, ImportBinding>;
  locals: Map<string, LocalBinding>;
  exports: Map<string, ExportBinding>;
  starExports: string[];
}

/** Records the imports, locals and exports of `module`'s top-level statements. */
export function collectTopLevel(module: ModuleInfo): void {
  for (const statement of module.sf.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (!clause || clause.isTypeOnly || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
      const specifier = statement.moduleSpecifier.text;
      if (clause.name) module.imports.set(clause.name.text, { specifier, imported: 'default' });
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) module.imports.set(bindings.name.text, { specifier, imported: '*' });
      else if (bindings) {
        for (const element of bindings.elements) {
          if (element.isTypeOnly) continue;
          module.imports.set(element.name.text, { specifier, imported: moduleExportName(element.propertyName ?? element.name) });
        }
      }
    } else if (ts.isImportEqualsDeclaration(statement)) {
      const reference = statement.moduleReference;
      if (!statement.isTypeOnly && ts.isExternalModuleReference(reference) && ts.isStringLiteral(reference.expression)) {
        module.imports.set(statement.name.text, { specifier: reference.expression.text, imported: '*' });
      }
    } else if (ts.isVariableStatement(statement)) {
      const constant = (statement.declarationList.flags & ts.NodeFlags.Const) !== 0;
      const exported = hasModifier(statement, ts.SyntaxKind.ExportKeyword);
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name)) {
          const name = declaration.name.text;
          const required = requireSpecifier(declaration.initializer);
          if (required !== undefined) module.imports.set(name, { specifier: required, imported: '*' });
          else module.locals.set(name, { kind: 'variable', constant, init: declaration.initializer });
          if (exported) module.exports.set(name, { kind: 'local', name });
        } else if (ts.isObjectBindingPattern(declaration.name)) {
          // const { defineHandler, StepHandler: Base } = require('…')
          const required = requireSpecifier(declaration.initializer);
          if (required === undefined) continue;
          for (const element of declaration.name.elements) {
            if (!ts.isIdentifier(element.name) || element.dotDotDotToken) continue;
            const imported =
              element.propertyName && (ts.isIdentifier(element.propertyName) || ts.isStringLiteral(element.propertyName))
                ? element.propertyName.text
                : element.name.text;
            module.imports.set(element.name.text, { specifier: required, imported });
          }
        }
      }
    } else if (ts.isClassDeclaration(statement)) {
      const exported = hasModifier(statement, ts.SyntaxKind.ExportKeyword);
      const isDefault = hasModifier(statement, ts.SyntaxKind.DefaultKeyword);
      if (statement.name) module.locals.set(statement.name.text, { kind: 'class', node: statement });
      if (exported && isDefault) {
        if (statement.name) module.exports.set('default', { kind: 'local', name: statement.name.text });
        else anonymousDefaultClass(module, statement);
      } else if (exported && statement.name) module.exports.set(statement.name.text, { kind: 'local', name: statement.name.text });
    } else if (ts.isEnumDeclaration(statement)) {
      module.locals.set(statement.name.text, { kind: 'enum', node: statement });
      if (hasModifier(statement, ts.SyntaxKind.ExportKeyword))
        module.exports.set(statement.name.text, { kind: 'local', name: statement.name.text });
    } else if (ts.isFunctionDeclaration(statement)) {
      if (statement.name) module.locals.set(statement.name.text, { kind: 'other' });
      if (hasModifier(statement, ts.SyntaxKind.ExportKeyword) && statement.name) {
        module.exports.set(hasModifier(statement, ts.SyntaxKind.DefaultKeyword) ? 'default' : statement.name.text, {
          kind: 'local',
          name: statement.name.text,
        });
      }
    } else if (ts.isExportDeclaration(statement)) {
      if (statement.isTypeOnly) continue;
      const specifier =
        statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : undefined;
      const clause = statement.exportClause;
      if (!clause) {
        if (specifier !== undefined) module.starExports.push(specifier);
      } else if (ts.isNamespaceExport(clause)) {
        if (specifier !== undefined) module.exports.set(moduleExportName(clause.name), { kind: 'reexport', specifier, imported: '*' });
      } else {
        for (const element of clause.elements) {
          if (element.isTypeOnly) continue;
          const exported = moduleExportName(element.name);
          const local = moduleExportName(element.propertyName ?? element.name);
          module.exports.set(
            exported,
            specifier !== undefined ? { kind: 'reexport', specifier, imported: local } : { kind: 'local', name: local },
          );
        }
      }
    } else if (ts.isExportAssignment(statement) && !statement.isExportEquals) {
      module.exports.set('default', { kind: 'expression', expression: statement.expression });
    }
  }
}

function anonymousDefaultClass(module: ModuleInfo, node: ts.ClassDeclaration): void {
  // `export default class extends StepHandler { … }`: reachable as the default export.
  const name = '\0default-class';
  module.locals.set(name, { kind: 'class', node });
  module.exports.set('default', { kind: 'local', name });
}

/** The name `module` exports its local `local` under (itself first), if it exports it. */
export function exportedAs(module: ModuleInfo, local: string | undefined): string | undefined {
  if (local === undefined) return undefined;
  const same = module.exports.get(local);
  if (same?.kind === 'local' && same.name === local) return local;
  for (const [exported, binding] of module.exports) if (binding.kind === 'local' && binding.name === local) return exported;
  return undefined;
}
