/**
 * `generate --watch`: generate once, then regenerate on every change to a
 * template or to the configuration. A cycle reloads only the files that
 * changed (the others keep their parsed templates) and goes through the same
 * validate → plan → emit → write as a normal run, so unchanged contracts come
 * from the output cache and user-owned stubs are never touched. Errors are
 * reported and the watcher keeps running. File events come from chokidar.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compareDiagnostics } from '../diagnostics/diagnostic.js';
import { findTemplateFiles } from '../load/files.js';
import { type LoadResult, loadFiles } from '../load/index.js';
import { OutputCache } from '../write/cache.js';
import { type GenerateOptions, type GenerateResult, generateValidated } from './generate.js';
import { generatorKey } from './generator-key.js';
import { checkLoaded, type ValidationResult } from './validate.js';

/** What a cycle runs on: the CLI resolves it from flags and configuration, again after the configuration changes. */
export interface WatchInputs {
  paths: string[];
  options: GenerateOptions;
  /** The configuration file, watched too (undefined when there is none). */
  configFile?: string;
}

export type WatchCycle =
  | { kind: 'generated'; first: boolean; changed: string[]; result: GenerateResult; ms: number }
  /** After the first cycle, templates with errors leave the output as it was (the last good one): nothing flickers away while a file is half-edited. */
  | { kind: 'kept'; first: false; changed: string[]; validation: ValidationResult; ms: number }
  | { kind: 'failed'; first: boolean; changed: string[]; error: Error; ms: number };

export interface WatchSession {
  /** Resolves once the first cycle ran and the watcher is listening. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/** Changes arriving within this window make one cycle (an editor's save is often several events). */
const SETTLE_MS = 30;

export function watchGenerate(resolveInputs: () => WatchInputs, onCycle: (cycle: WatchCycle) => void): WatchSession {
  const loads = new LoadCache();
  let inputs = resolveInputs();
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let closed = false;
  // One output cache for the session: it outlives cycles even where there is no project to store it in.
  let outputCache: OutputCache | undefined;

  const cycle = async (first: boolean, changed: string[]): Promise<void> => {
    const started = performance.now();
    const cwd = inputs.options.cwd ?? process.cwd();
    try {
      if (inputs.configFile && changed.includes(displayOf(inputs.configFile, cwd))) {
        inputs = resolveInputs();
        loads.clear();
      }
      const validation = checkLoaded(loads.load(inputs.paths, cwd), inputs.options);
      if (!first && validation.summary.errors > 0) {
        onCycle({ kind: 'kept', first, changed, validation, ms: Math.round(performance.now() - started) });
        return;
      }
      const outAbs = path.resolve(cwd, inputs.options.outDir);
      if (outputCache?.outAbs !== outAbs) outputCache = OutputCache.open(outAbs, generatorKey());
      const result = await generateValidated(validation, { ...inputs.options, outputCache });
      onCycle({ kind: 'generated', first, changed, result, ms: Math.round(performance.now() - started) });
    } catch (error) {
      onCycle({ kind: 'failed', first, changed, error: error as Error, ms: Math.round(performance.now() - started) });
    }
  };

  const schedule = (file: string): void => {
    if (closed) return;
    pending.add(displayOf(file, inputs.options.cwd ?? process.cwd()));
    clearTimeout(timer);
    timer = setTimeout(() => {
      const changed = [...pending].sort();
      pending = new Set();
      running = running.then(() => cycle(false, changed));
    }, SETTLE_MS);
  };

  let close = async (): Promise<void> => {};
  const ready = (async () => {
    await cycle(true, []);
    const { watch } = await import('chokidar');
    const cwd = inputs.options.cwd ?? process.cwd();
    const outAbs = path.resolve(cwd, inputs.options.outDir);
    const targets = [...inputs.paths.map((p) => path.resolve(cwd, staticPrefix(p))), ...(inputs.configFile ? [inputs.configFile] : [])];
    const watcher = watch(targets, {
      ignoreInitial: true,
      // The output folder (it may sit inside a template folder); below a watched folder, what the loader skips too.
      ignored: (file: string) =>
        isInside(file, outAbs) || targets.some((target) => isInside(file, target) && skippedBelow(path.relative(target, file))),
    });
    watcher.on('all', (_event, file) => {
      if (/\.ya?ml$/i.test(file) || file === inputs.configFile) schedule(file);
    });
    await new Promise<void>((resolve, reject) => {
      watcher.once('ready', resolve);
      watcher.once('error', reject);
    });
    close = async () => {
      closed = true;
      clearTimeout(timer);
      await watcher.close();
      await running;
    };
  })();
  return {
    ready,
    close: () =>
      ready.then(
        () => close(),
        () => undefined,
      ),
  };
}

/**
 * Parsed files, reused while their bytes stay the same. A cycle re-lists the
 * template paths (files come and go) and parses only what changed.
 */
class LoadCache {
  private readonly byFile = new Map<string, { bytes: Buffer | undefined; loaded: LoadResult }>();

  clear(): void {
    this.byFile.clear();
  }

  load(paths: readonly string[], cwd: string): LoadResult {
    const merged: LoadResult = { templates: [], diagnostics: [], files: [], sources: new Map() };
    const seen = new Set<string>();
    for (const found of findTemplateFiles(paths, cwd)) {
      seen.add(found.absolutePath);
      const bytes = bytesOf(found.absolutePath);
      let entry = this.byFile.get(found.absolutePath);
      if (!entry || !bytes || !entry.bytes || !bytes.equals(entry.bytes)) {
        entry = { bytes, loaded: loadFiles([found], { cwd }) };
        this.byFile.set(found.absolutePath, entry);
      }
      merged.templates.push(...entry.loaded.templates);
      merged.diagnostics.push(...entry.loaded.diagnostics);
      merged.files.push(...entry.loaded.files);
      for (const [file, source] of entry.loaded.sources) merged.sources.set(file, source);
    }
    for (const file of this.byFile.keys()) if (!seen.has(file)) this.byFile.delete(file);
    merged.diagnostics.sort(compareDiagnostics);
    return merged;
  }
}

function bytesOf(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined; // the loader reports it
  }
}

/** The part of a path before its first glob character: the folder to watch for a pattern. */
function staticPrefix(given: string): string {
  const glob = given.search(/[*?{[]/);
  if (glob === -1) return given;
  const slash = given.lastIndexOf('/', glob);
  return slash === -1 ? '.' : given.slice(0, slash) || '/';
}

/** Dependencies and dot-folders (the loader does not walk them either). */
function skippedBelow(relative: string): boolean {
  return relative
    .split(path.sep)
    .some((segment) => segment === 'node_modules' || (segment.startsWith('.') && segment !== '.' && segment !== '..'));
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function displayOf(file: string, cwd: string): string {
  return path.relative(cwd, path.resolve(cwd, file)).split(path.sep).join('/');
}
