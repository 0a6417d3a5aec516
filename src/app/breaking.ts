/**
 * `breaking` as an API: load the templates under `paths` and the same
 * templates in a folder or at a git revision, then compare them.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { compareTemplateSets } from '../breaking/index.js';
import {
  applySeverityPolicy,
  compareDiagnostics,
  type Diagnostic,
  type DiagnosticSummary,
  type SeverityOverrides,
  type SeverityPolicy,
  severityPolicyOf,
  summarize,
} from '../diagnostics/diagnostic.js';
import { type LoadResult, loadTemplates, loadTemplateText } from '../load/index.js';
import { UsageError } from '../model/errors.js';
import type { SourceFile } from '../model/source.js';

export interface BreakingCheckOptions {
  /** A folder, or a git revision (`HEAD`, `origin/main`, a commit). */
  against: string;
  cwd?: string;
  severity?: SeverityPolicy;
  severities?: SeverityOverrides;
}

export interface BreakingCheckResult {
  diagnostics: Diagnostic[];
  summary: DiagnosticSummary;
  /** How the old side was read. */
  against: { kind: 'folder' | 'git'; label: string; files: number };
  /** Source text of both sides, by the file name diagnostics use. */
  sources: Map<string, SourceFile>;
}

export function checkBreaking(paths: readonly string[], options: BreakingCheckOptions): BreakingCheckResult {
  const cwd = options.cwd ?? process.cwd();
  const after = loadTemplates(paths, { cwd });
  const folder = isFolder(path.resolve(cwd, options.against));
  const before = folder ? loadTemplates([options.against], { cwd }) : loadAtRevision(paths, options.against, cwd);
  const findings = compareTemplateSets(before.templates, after.templates, { againstLabel: options.against });
  // Problems of the new files are reported (they could not be compared); the old side is history.
  const loadErrors = after.diagnostics.filter((d) => d.severity === 'error');
  const diagnostics = applySeverityPolicy([...loadErrors, ...findings], severityPolicyOf(options)).sort(compareDiagnostics);
  return {
    diagnostics,
    summary: summarize(diagnostics, after.files.length),
    against: { kind: folder ? 'folder' : 'git', label: options.against, files: before.files.length },
    sources: new Map([...before.sources, ...after.sources]),
  };
}

function isFolder(absolute: string): boolean {
  try {
    return statSync(absolute).isDirectory();
  } catch {
    return false;
  }
}

/** The YAML files under `paths` as they are at `revision`, read with git (nothing is checked out). */
function loadAtRevision(paths: readonly string[], revision: string, cwd: string): LoadResult {
  const git = (args: string[], input?: string) => spawnSync('git', args, { cwd, input, maxBuffer: 1024 * 1024 * 1024 });
  const commit = git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`]);
  if (commit.error || commit.status !== 0) {
    throw new UsageError(`--against ${revision}: neither a folder nor a git revision${commit.error ? ' (git is not available)' : ''}`);
  }
  const root = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd, encoding: 'utf8' }).trim();
  const pathspecs = paths.map((p) => path.relative(root, path.resolve(cwd, p)).split(path.sep).join('/') || '.');
  const listed = git(['-C', root, 'ls-tree', '-r', '-z', '--name-only', revision, '--', ...pathspecs]);
  if (listed.status !== 0) throw new UsageError(`--against ${revision}: git ls-tree failed: ${listed.stderr.toString('utf8').trim()}`);
  const files = listed.stdout
    .toString('utf8')
    .split('\0')
    .filter((f) => /\.ya?ml$/i.test(f))
    .sort();
  const result: LoadResult = { templates: [], diagnostics: [], files: [], sources: new Map() };
  if (files.length === 0) return result;
  // One git process for every blob: `<sha> blob <size>\n<content>\n` each.
  const blobs = git(['-C', root, 'cat-file', '--batch'], files.map((f) => `${revision}:${f}\n`).join(''));
  let offset = 0;
  for (const file of files) {
    const headerEnd = blobs.stdout.indexOf(10, offset);
    const header = blobs.stdout.subarray(offset, headerEnd).toString('utf8');
    const size = Number(header.split(' ')[2]);
    const text = blobs.stdout.subarray(headerEnd + 1, headerEnd + 1 + size).toString('utf8');
    offset = headerEnd + 1 + size + 1;
    const shown = `${revision}:${path.relative(cwd, path.join(root, file)).split(path.sep).join('/')}`;
    const loaded = loadTemplateText(text, shown);
    result.templates.push(...loaded.templates);
    result.files.push(shown);
    for (const [name, source] of loaded.sources) result.sources.set(name, source);
  }
  return result;
}
