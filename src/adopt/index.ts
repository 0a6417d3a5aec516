/**
 * `adopt`: moves the imports of existing handler files from the runtime
 * module (`@tasker-systems/tasker`, or whatever the generated layer wraps) to
 * the generated typed layer, so that `tsc` checks the handlers against the
 * templates. Only import declarations change; every other byte of a file is
 * left as it was. ts-morph loads with this module (the `adopt` command only).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type ImportDeclaration, Project, QuoteKind, type SourceFile, ts } from 'ts-morph';
import { UsageError } from '../model/errors.js';
import { findHandlerSources } from '../registry/files.js';
import { displayPath } from '../shared/display-path.js';
import { isGenerated } from '../write/banner.js';

export interface AdoptOptions {
  /** Handler source folders, files or a tsconfig.json. */
  handlers: readonly string[];
  /** The folder `generate` wrote the typed layer to. */
  outDir: string;
  cwd?: string;
}

export interface AdoptedFile {
  /** As shown to the user (relative to cwd). */
  file: string;
  absolutePath: string;
  before: string;
  after: string;
  /** The names whose import moved to the typed layer. */
  moved: string[];
  /** The import specifier of the typed layer, from this file. */
  specifier: string;
}

export interface AdoptPlan {
  /** The typed layer (`<out>/tasker.ts`), as shown. */
  layer: string;
  /** The module the typed layer wraps, whose imports move. */
  runtimeModule: string;
  /** Files whose imports change. */
  changed: AdoptedFile[];
  /** TypeScript handler files looked at (changed or not). */
  scanned: number;
  /** Imports left alone, each with why (a namespace import, say). */
  notes: Array<{ file: string; line: number; message: string }>;
}

const TYPESCRIPT = /\.(tsx?|mts|cts)$/;

/** Works out the new text of every handler file; writes nothing. */
export function planAdoption(options: AdoptOptions): AdoptPlan {
  const cwd = options.cwd ?? process.cwd();
  const outAbs = path.resolve(cwd, options.outDir);
  const layerPath = ['tasker.ts', 'tasker.mts'].map((name) => path.join(outAbs, name)).find((file) => existsSync(file));
  if (!layerPath) {
    throw new UsageError(
      `no typed layer in ${displayPath(outAbs, cwd)} (tasker.ts): run \`tasker-ctl generate <templates> --out ${displayPath(outAbs, cwd)}\` first`,
    );
  }
  const project = new Project({ useInMemoryFileSystem: false, skipAddingFilesFromTsConfig: true, compilerOptions: { allowJs: false } });
  const layer = project.addSourceFileAtPath(layerPath);
  const runtimeModule = wrappedModule(layer);
  if (runtimeModule === undefined)
    throw new UsageError(`${displayPath(layerPath, cwd)} does not import defineHandler from a runtime: is it a file tasker-ctl generated?`);
  const exported = layerExports(layer);

  const plan: AdoptPlan = { layer: displayPath(layerPath, cwd), runtimeModule, changed: [], scanned: 0, notes: [] };
  const inside = (file: string) => !path.relative(outAbs, file).startsWith('..') && !path.isAbsolute(path.relative(outAbs, file));
  for (const absolutePath of findHandlerSources(options.handlers, cwd).files) {
    // The generated folder is tasker-ctl's (its stubs already import the layer); JavaScript gains nothing from types.
    if (!TYPESCRIPT.test(absolutePath) || /\.d\.[cm]?ts$/.test(absolutePath) || inside(absolutePath)) continue;
    const before = readFileSync(absolutePath, 'utf8');
    if (isGenerated(before)) continue;
    plan.scanned++;
    const source = project.createSourceFile(absolutePath, before, { overwrite: true });
    // Imports are written in the file's own quotes.
    const firstImport = source.getImportDeclarations()[0]?.getModuleSpecifier().getText();
    project.manipulationSettings.set({ quoteKind: firstImport?.startsWith('"') ? QuoteKind.Double : QuoteKind.Single });
    const file = displayPath(absolutePath, cwd);
    const specifier = layerSpecifier(source, absolutePath, layerPath);
    const moved = moveImports(source, runtimeModule, specifier, exported, (line, message) => plan.notes.push({ file, line, message }));
    if (moved.length > 0) plan.changed.push({ file, absolutePath, before, after: source.getFullText(), moved, specifier });
  }
  return plan;
}

interface LayerExport {
  /** Exported as a type only (`export type`, an interface, a type alias). */
  typeOnly: boolean;
}

/** The names the typed layer exports, read from its syntax (its imports need not resolve). */
function layerExports(layer: SourceFile): Map<string, LayerExport> {
  const names = new Map<string, LayerExport>();
  for (const statement of layer.getStatements()) {
    if (ts.isExportDeclaration(statement.compilerNode)) {
      const node = statement.compilerNode;
      if (node.moduleSpecifier || !node.exportClause || !ts.isNamedExports(node.exportClause)) continue;
      for (const element of node.exportClause.elements) names.set(element.name.text, { typeOnly: node.isTypeOnly || element.isTypeOnly });
      continue;
    }
    const node = statement.compilerNode;
    const modifiers = ts.canHaveModifiers(node) ? ts.getModifiers(node) : undefined;
    if (!modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    if (ts.isVariableStatement(node)) {
      for (const declaration of node.declarationList.declarations)
        if (ts.isIdentifier(declaration.name)) names.set(declaration.name.text, { typeOnly: false });
    } else if ((ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node) || ts.isEnumDeclaration(node)) && node.name) {
      names.set(node.name.text, { typeOnly: false });
    } else if ((ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) && node.name) {
      names.set(node.name.text, { typeOnly: true });
    }
  }
  return names;
}

/** The module the layer takes `defineHandler` from. */
function wrappedModule(layer: SourceFile): string | undefined {
  for (const declaration of layer.getImportDeclarations()) {
    if (declaration.getNamedImports().some((specifier) => specifier.getName() === 'defineHandler'))
      return declaration.getModuleSpecifierValue();
  }
  return undefined;
}

/** The layer as this file would import it: `.js` (`.mjs`) unless the file's relative imports go without extensions (Bundler resolution). */
function layerSpecifier(source: SourceFile, file: string, layerPath: string): string {
  const relativeImports = source
    .getImportDeclarations()
    .map((d) => d.getModuleSpecifierValue())
    .filter((s) => s.startsWith('.'));
  const extensionless = relativeImports.length > 0 && relativeImports.every((s) => !/\.[cm]?[jt]sx?$/.test(s));
  let relative = path.relative(path.dirname(file), layerPath).split(path.sep).join('/');
  relative = extensionless ? relative.replace(/\.m?ts$/, '') : relative.replace(/\.(m?)ts$/, '.$1js');
  return relative.startsWith('.') ? relative : `./${relative}`;
}

/**
 * Moves the named imports from `runtimeModule` that the layer also exports to
 * an import of the layer (merged into one that exists). A type the layer
 * exports as a type only moves only when it is imported as a type. Returns
 * the names moved.
 */
function moveImports(
  source: SourceFile,
  runtimeModule: string,
  specifier: string,
  exported: ReadonlyMap<string, LayerExport>,
  note: (line: number, message: string) => void,
): string[] {
  const moved: string[] = [];
  for (const declaration of source.getImportDeclarations()) {
    if (declaration.getModuleSpecifierValue() !== runtimeModule) continue;
    const line = declaration.getStartLineNumber();
    if (declaration.getNamespaceImport()) {
      note(
        line,
        `\`import * as ${declaration.getNamespaceImport()!.getText()}\` from ${runtimeModule} left alone: import the define functions by name to type them`,
      );
      continue;
    }
    if (declaration.getDefaultImport()) note(line, `the default import from ${runtimeModule} is left alone`);
    const declarationTypeOnly = declaration.isTypeOnly();
    const moving = declaration.getNamedImports().filter((named) => {
      const layerExport = exported.get(named.getName());
      return layerExport !== undefined && (!layerExport.typeOnly || declarationTypeOnly || named.isTypeOnly());
    });
    if (moving.length === 0) continue;
    const structures = moving.map((named) => {
      const alias = named.getAliasNode()?.getText();
      return { name: named.getName(), ...(alias ? { alias } : {}), isTypeOnly: !declarationTypeOnly && named.isTypeOnly() };
    });
    moved.push(...structures.map((s) => s.name));
    const target = existingLayerImport(source, specifier, declarationTypeOnly);
    const all = moving.length === declaration.getNamedImports().length && !declaration.getDefaultImport();
    if (target) {
      target.addNamedImports(structures);
      if (all) declaration.remove();
      else for (const named of moving) named.remove();
    } else if (all) {
      // Only the module changes: the line keeps its layout and quotes.
      declaration.setModuleSpecifier(specifier);
    } else {
      for (const named of moving) named.remove();
      const quote = declaration.getModuleSpecifier().getText().charAt(0);
      const names = structures.map((s) => `${s.isTypeOnly ? 'type ' : ''}${s.name}${s.alias ? ` as ${s.alias}` : ''}`).join(', ');
      declaration.replaceWithText(
        `${declaration.getText()}\nimport ${declarationTypeOnly ? 'type ' : ''}{ ${names} } from ${quote}${specifier}${quote};`,
      );
    }
  }
  return moved.sort();
}

function existingLayerImport(source: SourceFile, specifier: string, typeOnly: boolean): ImportDeclaration | undefined {
  return source
    .getImportDeclarations()
    .find(
      (d) => d.getModuleSpecifierValue() === specifier && d.isTypeOnly() === typeOnly && !d.getNamespaceImport() && !d.getDefaultImport(),
    );
}
