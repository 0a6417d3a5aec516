/**
 * A throw-away consumer project for scaffolded code: package.json (ESM), strict
 * NodeNext tsconfigs, `node_modules/tasker-ctl` → this repository (so
 * `tasker-ctl/runtime` resolves to dist/runtime) and vitest from this repository.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, SDK_REFERENCE_DIR, tempProject } from '../helpers.js';

export const TSC = path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
export const VITEST = path.join(REPO_ROOT, 'node_modules/vitest/vitest.mjs');

const STRICT = {
  target: 'ES2022',
  module: 'NodeNext',
  moduleResolution: 'NodeNext',
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noImplicitOverride: true,
  noEmit: true,
  skipLibCheck: true,
};

export interface ScaffoldConsumer {
  dir: string;
  cleanup: () => void;
}

/**
 * Two tsconfigs: `tsconfig.json` (default libs, which include the DOM's fetch and
 * URL types) and `tsconfig.node.json` (ES2022 only, plus @types/node), the two
 * common set-ups of a Node worker project.
 */
export function createScaffoldConsumer(options: { sdk?: boolean; resolution?: 'NodeNext' | 'Bundler' } = {}): ScaffoldConsumer {
  const resolution = options.resolution === 'Bundler' ? { module: 'ESNext', moduleResolution: 'Bundler' } : {};
  const { dir, cleanup } = tempProject({
    'package.json': `${JSON.stringify({ name: 'scaffold-consumer', private: true, type: 'module' }, null, 2)}\n`,
    'tsconfig.json': `${JSON.stringify({ compilerOptions: { ...STRICT, ...resolution, types: [] }, include: ['src'] }, null, 2)}\n`,
    'tsconfig.node.json': `${JSON.stringify({ compilerOptions: { ...STRICT, ...resolution, lib: ['ES2022'], types: ['node'] }, include: ['src'] }, null, 2)}\n`,
  });
  const nodeModules = path.join(dir, 'node_modules');
  mkdirSync(path.join(nodeModules, '@types'), { recursive: true });
  symlinkSync(REPO_ROOT, path.join(nodeModules, 'tasker-ctl'), 'dir');
  symlinkSync(path.join(REPO_ROOT, 'node_modules/vitest'), path.join(nodeModules, 'vitest'), 'dir');
  symlinkSync(path.join(REPO_ROOT, 'node_modules/@types/node'), path.join(nodeModules, '@types/node'), 'dir');
  if (options.sdk) {
    mkdirSync(path.join(nodeModules, '@tasker-systems'), { recursive: true });
    symlinkSync(SDK_REFERENCE_DIR, path.join(nodeModules, '@tasker-systems', 'tasker'), 'dir');
  }
  return { dir, cleanup };
}

export interface Run {
  status: number | null;
  output: string;
}

export function runTsc(dir: string, project = 'tsconfig.json'): Run {
  const result = spawnSync(process.execPath, [TSC, '-p', path.join(dir, project), '--pretty', 'false'], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

export function runVitest(dir: string): Run {
  const result = spawnSync(process.execPath, [VITEST, 'run', '--root', dir], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 300_000,
    env: { ...process.env, NO_COLOR: '1', CI: '1' },
  });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}
