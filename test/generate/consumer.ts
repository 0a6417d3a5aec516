/**
 * A throw-away "consumer project" for generated code: a temp folder with
 * package.json, a strict NodeNext tsconfig and node_modules symlinks, so the
 * generated `tasker-ctl/runtime` imports resolve to this repository's dist/ and
 * generated tests can import vitest. Plus helpers to run tsc and vitest there.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type CliRun, REPO_ROOT, runCli, SDK_REFERENCE_DIR, tempProject } from '../helpers.js';

export const TSC = path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
export const VITEST = path.join(REPO_ROOT, 'node_modules/vitest/vitest.mjs');

export const CONSUMER_TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  },
  include: ['src'],
};

export interface Consumer {
  /** Project root (holds package.json, tsconfig.json, node_modules). */
  dir: string;
  /** `<dir>/src`: where code is generated (`--out`). */
  src: string;
  cleanup: () => void;
  /** Writes `content` to `<dir>/<relative>` (folders created). */
  write: (relative: string, content: string) => void;
  read: (relative: string) => string;
  /** Runs `tasker-ctl generate <paths> --out <dir>/src <extra>` from REPO_ROOT (paths relative to it). */
  generate: (paths: string[], extra?: string[]) => CliRun;
}

/** The strictest settings the generated code must compile under (on top of CONSUMER_TSCONFIG). */
export const STRICTEST_OPTIONS = {
  noUnusedLocals: true,
  noUnusedParameters: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
};

export type RuntimeName = 'tasker-ctl/runtime' | '@tasker-systems/tasker';

export interface ConsumerOptions {
  /** Folders tsc compiles (default `['src']`). */
  include?: string[];
  /**
   * The runtime the project depends on (default tasker-ctl/runtime): with the SDK,
   * package.json declares it and ../shared/reference/tasker-ts-0.1.10 is linked as it.
   */
  runtime?: RuntimeName;
  /** `module` (default) or `commonjs` (what `npm init -y` makes). */
  packageType?: 'module' | 'commonjs';
  /** `NodeNext` (default) or `Bundler` (Bun apps). */
  resolution?: 'NodeNext' | 'Bundler';
  /** Add STRICTEST_OPTIONS. */
  strictest?: boolean;
  /**
   * With the SDK: a runnable build of it (SDK_IMPL), so that generated code
   * also runs; `@tasker-systems/tasker` is then a package of its declarations
   * (../shared/reference) and that build.
   */
  sdkImpl?: string;
}

export function createConsumer(options: ConsumerOptions = {}): Consumer {
  const resolution = options.resolution ?? 'NodeNext';
  const compilerOptions = {
    ...CONSUMER_TSCONFIG.compilerOptions,
    module: resolution === 'Bundler' ? 'ESNext' : 'NodeNext',
    moduleResolution: resolution,
    ...(options.strictest ? STRICTEST_OPTIONS : {}),
  };
  const tsconfig = { compilerOptions, include: options.include ?? CONSUMER_TSCONFIG.include };
  const sdk = options.runtime === '@tasker-systems/tasker';
  const pkg = {
    name: 'consumer',
    private: true,
    type: options.packageType ?? 'module',
    ...(sdk ? { dependencies: { '@tasker-systems/tasker': '0.1.10' } } : {}),
  };
  const { dir, cleanup } = tempProject({
    'package.json': `${JSON.stringify(pkg, null, 2)}\n`,
    'tsconfig.json': `${JSON.stringify(tsconfig, null, 2)}\n`,
  });
  const nodeModules = path.join(dir, 'node_modules');
  mkdirSync(nodeModules, { recursive: true });
  // tasker-ctl itself: `tasker-ctl/runtime` → REPO_ROOT/dist/runtime (package.json exports).
  symlinkSync(REPO_ROOT, path.join(nodeModules, 'tasker-ctl'), 'dir');
  if (sdk) {
    mkdirSync(path.join(nodeModules, '@tasker-systems'), { recursive: true });
    const target = path.join(nodeModules, '@tasker-systems', 'tasker');
    if (options.sdkImpl) linkSdkPackage(target, options.sdkImpl);
    else symlinkSync(SDK_REFERENCE_DIR, target, 'dir');
  }
  // vitest (its own imports resolve from its real path, REPO_ROOT/node_modules).
  symlinkSync(path.join(REPO_ROOT, 'node_modules/vitest'), path.join(nodeModules, 'vitest'), 'dir');
  const src = path.join(dir, 'src');
  mkdirSync(src, { recursive: true });
  return {
    dir,
    src,
    cleanup,
    write: (relative, content) => {
      const target = path.join(dir, relative);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, content);
    },
    read: (relative) => readFileSync(path.join(dir, relative), 'utf8'),
    generate: (paths, extra = []) => runCli(['generate', ...paths, '--out', src, ...extra], { cwd: REPO_ROOT }),
  };
}

/** `@tasker-systems/tasker` as a package: the reference declarations for tsc, the build for Node. */
function linkSdkPackage(target: string, sdkImpl: string): void {
  mkdirSync(target, { recursive: true });
  symlinkSync(path.join(SDK_REFERENCE_DIR, 'dist'), path.join(target, 'types'), 'dir');
  symlinkSync(path.dirname(sdkImpl), path.join(target, 'impl'), 'dir');
  const pkg = {
    name: '@tasker-systems/tasker',
    version: '0.1.10',
    type: 'module',
    exports: { '.': { types: './types/index.d.ts', import: `./impl/${path.basename(sdkImpl)}` } },
  };
  writeFileSync(path.join(target, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
}

export interface TscDiagnostic {
  /** Path relative to the project, with forward slashes (e.g. `src/index.ts`). */
  file: string;
  line: number;
  column: number;
  /** e.g. `TS2322`. */
  code: string;
  /** First line and continuation lines of the message. */
  message: string;
}

export interface TscRun {
  status: number | null;
  diagnostics: TscDiagnostic[];
  /** Raw stdout + stderr. */
  output: string;
  /** Wall time in milliseconds. */
  ms: number;
}

const TSC_LINE = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/;

/** Parses `file(line,col): error TSxxxx: message` lines (indented continuation lines join the message). */
export function parseTscOutput(output: string): TscDiagnostic[] {
  const diagnostics: TscDiagnostic[] = [];
  for (const line of output.split(/\r?\n/)) {
    const match = TSC_LINE.exec(line);
    if (match) {
      diagnostics.push({
        file: match[1]!.split(path.sep).join('/'),
        line: Number(match[2]),
        column: Number(match[3]),
        code: match[4]!,
        message: match[5]!,
      });
    } else if (/^\s+\S/.test(line) && diagnostics.length > 0) {
      diagnostics[diagnostics.length - 1]!.message += `\n${line.trim()}`;
    }
  }
  return diagnostics;
}

/** Runs `tsc -p <dir>` (the consumer's tsconfig, noEmit) and parses its errors. */
export function runTsc(dir: string): TscRun {
  const started = performance.now();
  const result = spawnSync(process.execPath, [TSC, '-p', dir, '--pretty', 'false'], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 300_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Math.round(performance.now() - started);
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.error) throw new Error(`tsc failed to run: ${result.error.message}\n${output}`);
  return { status: result.status, diagnostics: parseTscOutput(output), output, ms };
}

/** One-line summary of diagnostics, for assertion messages. */
export function formatDiagnostics(diagnostics: readonly TscDiagnostic[]): string {
  return diagnostics.map((d) => `${d.file}(${d.line},${d.column}): ${d.code}: ${d.message}`).join('\n');
}

export interface VitestRun {
  status: number | null;
  output: string;
  ms: number;
}

/** Runs vitest in the consumer (its own root; a JSON report is written to `<dir>/vitest-report.json`). */
export function runVitest(dir: string): VitestRun {
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    [VITEST, 'run', '--root', dir, '--reporter=json', `--outputFile=${path.join(dir, 'vitest-report.json')}`, '--reporter=default'],
    { cwd: dir, encoding: 'utf8', timeout: 300_000, env: { ...process.env, NO_COLOR: '1', CI: '1' }, maxBuffer: 64 * 1024 * 1024 },
  );
  const ms = Math.round(performance.now() - started);
  if (result.error) throw new Error(`vitest failed to run: ${result.error.message}`);
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}`, ms };
}

/** Every file under `root`, as sorted posix paths relative to it. */
export function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(path.relative(root, full).split(path.sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}

/** Every file under `root` with its bytes (relative posix path → Buffer). */
export function snapshotTree(root: string): Map<string, Buffer> {
  const tree = new Map<string, Buffer>();
  for (const file of listFiles(root)) tree.set(file, readFileSync(path.join(root, file)));
  return tree;
}

export function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
