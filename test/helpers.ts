/** Shared test helpers: temporary folders and running the built CLI. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CORPUS_DIR = path.resolve(REPO_ROOT, '../shared/corpus');
/** The SDK's declarations (../shared/reference), linked as `@tasker-systems/tasker` in consumer projects. */
export const SDK_REFERENCE_DIR = path.resolve(REPO_ROOT, '../shared/reference/tasker-ts-0.1.10');

/** Whether the shared corpus and the SDK reference sit beside this clone (CI has them; a plain clone does not). */
export const HAS_CORPUS = existsSync(CORPUS_DIR);
export const HAS_SDK_REFERENCE = existsSync(SDK_REFERENCE_DIR);

/** The corpus as a template path, when it is there: for tests that also run on the project's own fixtures. */
export const CORPUS_PATHS: string[] = HAS_CORPUS ? [CORPUS_DIR] : [];

/**
 * `describe` for tests that need something in ../shared. Without it (a plain
 * clone) the suite is skipped, and its name says what was skipped and why.
 */
export function describeWithShared(need: 'corpus' | 'sdk', name: string, fn: () => void): void {
  const present = need === 'corpus' ? HAS_CORPUS : HAS_SDK_REFERENCE;
  const missing = need === 'corpus' ? '../shared/corpus' : '../shared/reference/tasker-ts-0.1.10';
  describe.skipIf(!present)(present ? name : `${name} [skipped: ${missing} is not beside this clone]`, fn);
}
/**
 * A runnable build of the real SDK (its `index.js`), from
 * `scripts/build-sdk-impl.sh <tasker-core>`: the SDK is not on the registry,
 * and ../shared holds only its declarations. Tests that run handlers on it
 * skip, saying so, without it.
 */
export const SDK_IMPL = process.env.TASKER_SDK_IMPL ? path.resolve(process.env.TASKER_SDK_IMPL) : undefined;
export const HAS_SDK_IMPL = SDK_IMPL !== undefined && existsSync(SDK_IMPL);

/** `describe` for tests that run on the real SDK's implementation (see SDK_IMPL). */
export function describeWithSdkImpl(name: string, fn: () => void): void {
  describe.skipIf(!HAS_SDK_IMPL)(
    HAS_SDK_IMPL ? name : `${name} [skipped: set TASKER_SDK_IMPL to a build of the SDK (scripts/build-sdk-impl.sh)]`,
    fn,
  );
}

export const BIN = path.join(REPO_ROOT, 'bin/tasker-ctl.js');

/** Creates a temporary folder holding `files` (path → content); removed by the returned cleanup. */
export function tempProject(files: Record<string, string | Uint8Array> = {}): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'tasker-ctl-test-'));
  for (const [name, content] of Object.entries(files)) {
    const target = path.join(dir, name);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (`dist/`, built by `npm test` before vitest) in `cwd`. */
export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): CliRun {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...options.env },
    input: options.input,
    encoding: 'utf8',
    timeout: 60_000,
    // The JSON report of a large project passes the default 1 MB.
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
