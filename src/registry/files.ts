/**
 * Finds handler sources: files as given, folders walked for TypeScript and
 * JavaScript, or the files a tsconfig.json includes. Loaded only by the
 * registry check (it imports ts-morph's TypeScript for tsconfig files).
 */
import { type Stats, statSync } from 'node:fs';
import path from 'node:path';
import { ts } from 'ts-morph';
import { compareStrings } from '../diagnostics/diagnostic.js';
import { UsageError } from '../model/errors.js';
import { displayPath } from '../shared/display-path.js';
import { walkFiles } from '../shared/walk.js';

export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;

/** Folders never walked: dependencies, build output, dot-folders. */
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'build', 'coverage']);

export interface HandlerSources {
  /** Absolute paths, sorted by their display path. */
  files: string[];
  /** Compiler options of a tsconfig.json (given, or found in cwd), for `paths` / `baseUrl` imports. */
  compilerOptions?: ts.CompilerOptions;
}

export function isSourceFile(file: string): boolean {
  const lower = file.toLowerCase();
  if (/\.d\.[cm]?ts$/.test(lower)) return false;
  return SOURCE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** Test files are skipped when walking folders (they often define throw-away handlers); name them explicitly to scan them. */
function isTestFile(name: string): boolean {
  return /\.(test|spec)\.[cm]?[jt]sx?$/i.test(name);
}

export function findHandlerSources(paths: readonly string[], cwd: string): HandlerSources {
  const found = new Set<string>();
  let compilerOptions: ts.CompilerOptions | undefined;
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    let stats: Stats;
    try {
      stats = statSync(absolute);
    } catch {
      throw new UsageError(`handler path does not exist: ${given}`);
    }
    if (stats.isDirectory()) {
      const files = walkFiles(absolute, {
        acceptFile: (name) => isSourceFile(name) && !isTestFile(name),
        skipFolder: (name) => SKIPPED_FOLDERS.has(name) || name === '__tests__',
      });
      for (const rel of files) found.add(path.join(absolute, rel));
    } else if (absolute.toLowerCase().endsWith('.json')) {
      const project = readTsconfig(absolute, cwd);
      compilerOptions ??= project.options;
      for (const file of project.fileNames) if (isSourceFile(file)) found.add(path.resolve(file));
    } else found.add(absolute);
  }
  if (!compilerOptions) {
    const candidate = path.join(cwd, 'tsconfig.json');
    try {
      if (statSync(candidate).isFile()) compilerOptions = readTsconfig(candidate, cwd).options;
    } catch {
      // no tsconfig.json in cwd: relative imports only
    }
  }
  const files = [...found]
    .map((file) => ({ file, shown: displayPath(file, cwd) }))
    .sort((a, b) => compareStrings(a.shown, b.shown))
    .map((entry) => entry.file);
  return compilerOptions ? { files, compilerOptions } : { files };
}

function readTsconfig(file: string, cwd: string): ts.ParsedCommandLine {
  const read = ts.readConfigFile(file, ts.sys.readFile);
  if (read.error)
    throw new UsageError(`cannot read ${displayPath(file, cwd)}: ${ts.flattenDiagnosticMessageText(read.error.messageText, ' ')}`);
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(file), undefined, file);
  // "No inputs were found" and similar are not fatal here: the project simply has no handler files.
  const fatal = parsed.errors.filter((e) => e.code !== 18003);
  if (fatal[0])
    throw new UsageError(`cannot read ${displayPath(file, cwd)}: ${ts.flattenDiagnosticMessageText(fatal[0].messageText, ' ')}`);
  return parsed;
}
