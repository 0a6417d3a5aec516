/**
 * What `generate` decides from the project it writes into: which runtime the
 * generated code targets, and whether its files are `.ts` or `.mts`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { findConfigFile } from '../config/index.js';
import { SDK_RUNTIME, TASKER_CTL_RUNTIME } from '../emit/targets.js';
import type { SourceExtension } from '../plan/index.js';

/** A choice and why it was made, for the one line `generate` prints about it. */
export interface Choice<T> {
  value: T;
  reason: string;
}

interface PackageJson {
  file: string;
  type?: unknown;
  dependencies?: Record<string, unknown>;
  devDependencies?: Record<string, unknown>;
  peerDependencies?: Record<string, unknown>;
}

/** The nearest package.json at or above `from`, when there is one. */
export function nearestPackageJson(from: string): PackageJson | undefined {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      try {
        return { file, ...(JSON.parse(readFileSync(file, 'utf8')) as object) };
      } catch {
        return { file };
      }
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * The folder that paths inside generated files are relative to, so that they
 * are the same from any working directory: the project whose
 * `.config/tasker.toml` is at or above the output folder, else the output
 * folder's package (its package.json). Output outside any project has nothing
 * else to anchor to, and names templates from the working directory.
 */
export function projectRoot(outAbs: string, cwd: string): string {
  const config = findConfigFile(outAbs);
  if (config) return path.dirname(path.dirname(config));
  const pkg = nearestPackageJson(outAbs);
  return pkg ? path.dirname(pkg.file) : path.resolve(cwd);
}

/**
 * The runtime module: `--runtime`, else `[codegen] runtime`, else the real
 * SDK when the project's package.json depends on it, else tasker-ctl/runtime.
 */
export function chooseRuntime(given: { module?: string; from: 'flags' | 'config' | 'none' }, outAbs: string, cwd: string): Choice<string> {
  if (given.module)
    return { value: given.module, reason: given.from === 'config' ? 'set by `runtime` in .config/tasker.toml' : 'set by --runtime' };
  const pkg = nearestPackageJson(outAbs);
  const shown = pkg && (path.relative(cwd, pkg.file) || 'package.json');
  const declares =
    pkg &&
    [pkg.dependencies, pkg.devDependencies, pkg.peerDependencies].some(
      (deps) => typeof deps === 'object' && deps !== null && Object.hasOwn(deps, SDK_RUNTIME),
    );
  if (declares) return { value: SDK_RUNTIME, reason: `${shown} depends on ${SDK_RUNTIME}` };
  return {
    value: TASKER_CTL_RUNTIME,
    reason: pkg ? `${shown} does not depend on ${SDK_RUNTIME}` : `no package.json above ${path.relative(cwd, outAbs) || '.'}`,
  };
}

/**
 * `.ts` in an ES module package (or outside any package); `.mts` in a
 * CommonJS one (`npm init` makes those, where ES module syntax in a `.ts` file
 * fails under `verbatimModuleSyntax`, and both runtimes are ES modules). An
 * output folder that already holds a generated `tasker.ts` or `tasker.mts`
 * keeps its kind.
 */
export function chooseExtension(given: SourceExtension | undefined, outAbs: string, cwd: string): Choice<SourceExtension> {
  if (given) return { value: given, reason: 'set by --extension' };
  if (existsSync(path.join(outAbs, 'tasker.ts'))) return { value: '.ts', reason: 'the output folder holds tasker.ts' };
  if (existsSync(path.join(outAbs, 'tasker.mts'))) return { value: '.mts', reason: 'the output folder holds tasker.mts' };
  const pkg = nearestPackageJson(outAbs);
  const shown = pkg && (path.relative(cwd, pkg.file) || 'package.json');
  if (!pkg) return { value: '.ts', reason: 'no package.json above the output folder' };
  if (pkg.type === 'module') return { value: '.ts', reason: `${shown} is an ES module package` };
  return { value: '.mts', reason: `${shown} has no "type": "module", so files are ES modules by their extension` };
}
