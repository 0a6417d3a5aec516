/**
 * Remote plugin repositories, as the Rust tasker-ctl keeps them: a shallow git
 * clone per remote in `$XDG_CACHE_HOME/tasker-ctl/remotes/<name>` (else
 * `~/.cache/…`), with a `.tasker-last-fetch` stamp. A clone older than the
 * configured age (or any, with `--refresh`) is fetched again; when that fails
 * (offline), the cached copy is used and the caller is told so.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { q, ScaffoldError } from './errors.js';

export interface RemoteSource {
  name: string;
  url: string;
  gitRef: string;
  /** Where the plugins are inside the repository (default: discovered from its root). */
  pluginPath?: string;
}

export interface ResolvedRemote {
  source: RemoteSource;
  /** The folder plugins are discovered in. */
  dir: string;
  status: 'cloned' | 'cached' | 'refreshed' | 'offline';
  /** Said to the user when the cache is used because a refresh failed. */
  note?: string;
}

export interface RemoteOptions {
  /** Refresh a clone older than this (0: always). */
  maxAgeHours: number;
  /** Fetch even when the clone is fresh. */
  refresh?: boolean;
  /** Cache folder (default: $XDG_CACHE_HOME/tasker-ctl/remotes, else ~/.cache/tasker-ctl/remotes). */
  cacheDir?: string;
}

const STAMP = '.tasker-last-fetch';

export function remoteCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'tasker-ctl', 'remotes');
}

/** An ad-hoc `--url` remote: cached under a name derived from the URL. */
export function urlRemote(url: string, gitRef = 'main'): RemoteSource {
  return { name: `_url_${createHash('sha256').update(url).digest('hex').slice(0, 16)}`, url, gitRef };
}

/** The local copy of `source`: cloned when missing, refreshed when stale or asked to, the cache when offline. */
export function resolveRemote(source: RemoteSource, options: RemoteOptions): ResolvedRemote {
  const base = options.cacheDir ?? remoteCacheDir();
  const clone = path.join(base, source.name);
  const pluginsIn = (status: ResolvedRemote['status'], note?: string): ResolvedRemote => ({
    source,
    dir: source.pluginPath ? path.join(clone, source.pluginPath) : clone,
    status,
    ...(note ? { note } : {}),
  });
  const label = `remote ${q(source.name.startsWith('_url_') ? source.url : source.name)}`;

  if (!existsSync(clone)) {
    mkdirSync(base, { recursive: true });
    const temp = `${clone}.partial-${process.pid}`;
    rmSync(temp, { recursive: true, force: true });
    const cloned = git(['clone', '--quiet', '--depth', '1', '--branch', source.gitRef, '--', source.url, temp], base);
    if (!cloned.ok) {
      rmSync(temp, { recursive: true, force: true });
      throw new ScaffoldError(`cannot fetch ${label} from ${source.url} (${cloned.error}); there is no cached copy to use offline`);
    }
    renameSync(temp, clone);
    stamp(clone);
    return pluginsIn('cloned');
  }

  const fetchedAt = lastFetch(clone);
  const stale = Date.now() - fetchedAt > options.maxAgeHours * 3_600_000;
  if (!stale && !options.refresh) return pluginsIn('cached');
  // From the configured URL, not the clone's origin: the configuration may have moved the remote.
  const fetched = git(['fetch', '--quiet', '--depth', '1', '--', source.url, source.gitRef], clone);
  const reset = fetched.ok ? git(['reset', '--quiet', '--hard', 'FETCH_HEAD'], clone) : fetched;
  if (!reset.ok) {
    const when = fetchedAt > 0 ? new Date(fetchedAt).toISOString().replace('T', ' ').slice(0, 16) : 'an unknown time';
    return pluginsIn('offline', `${label}: could not refresh from ${source.url} (${reset.error}); using the copy cached at ${when} UTC`);
  }
  stamp(clone);
  return pluginsIn('refreshed');
}

function git(args: string[], cwd: string): { ok: true } | { ok: false; error: string } {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });
  if (result.error)
    return { ok: false, error: (result.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'git is not installed' : result.error.message };
  if (result.status !== 0) {
    const message =
      result.stderr
        .split('\n')
        .map((l) => l.trim())
        .find((l) => /^(fatal|error):/.test(l)) ??
      result.stderr.trim().split('\n')[0] ??
      `git exited ${result.status}`;
    return { ok: false, error: message.replace(/^(fatal|error):\s*/, '') };
  }
  return { ok: true };
}

function stamp(clone: string): void {
  writeFileSync(path.join(clone, STAMP), `${Date.now()}\n`);
}

function lastFetch(clone: string): number {
  try {
    return Number(readFileSync(path.join(clone, STAMP), 'utf8').trim()) || 0;
  } catch {
    return 0;
  }
}
