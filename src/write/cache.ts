/**
 * The reuse cache of generated files: which inputs each file was made from,
 * and the hash of the bytes written. A file whose inputs and bytes are both
 * unchanged is not made again. The cache lives outside the output (in
 * `node_modules/.cache/tasker-ctl/`, git-ignored by every project), so
 * committed files carry no hash of their inputs and change only when their
 * content does. Its `generator` key covers the code that makes the files:
 * a different generator starts from an empty cache.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { atomicWriteFileSync } from './atomic.js';

interface CacheFile {
  version: 1;
  generator: string;
  files: Record<string, { inputs: string; sha256: string }>;
}

export class OutputCache {
  private readonly files = new Map<string, { inputs: string; sha256: string }>();
  private changed = false;

  private constructor(
    /** Where the cache is kept between runs; undefined: in memory only (for this process, e.g. a watch session). */
    private readonly file: string | undefined,
    readonly outAbs: string,
    private readonly generator: string,
    private readonly enabled = true,
  ) {}

  /**
   * The cache of one output folder, for one generator. Without a project
   * (no `package.json` above the folder) there is nowhere to keep it: it then
   * lives as long as this object (a watch session keeps it across cycles).
   */
  static open(outAbs: string, generator: string): OutputCache {
    const project = projectRoot(outAbs);
    const file = project && path.join(project, 'node_modules', '.cache', 'tasker-ctl', `${sha256(outAbs).slice(0, 16)}.json`);
    const cache = new OutputCache(file, outAbs, generator);
    const stored = file ? readJson(file) : undefined;
    if (stored?.version === 1 && stored.generator === generator) {
      for (const [rel, entry] of Object.entries(stored.files)) cache.files.set(rel, entry);
    }
    return cache;
  }

  /** A cache that keeps nothing (`--no-cache`). */
  static disabled(outAbs: string): OutputCache {
    return new OutputCache(undefined, outAbs, '', false);
  }

  /** The text of the file at `rel` when it was made from `inputs` and is unchanged since; else undefined. */
  reusable(rel: string, inputs: string): string | undefined {
    const entry = this.files.get(rel);
    if (entry?.inputs !== inputs) return undefined;
    let bytes: Buffer;
    try {
      bytes = readFileSync(path.join(this.outAbs, ...rel.split('/')));
    } catch {
      return undefined;
    }
    return sha256(bytes) === entry.sha256 ? bytes.toString('utf8') : undefined;
  }

  /** Remembers that the file at `rel`, made from `inputs`, now holds `content`. */
  record(rel: string, inputs: string, content: string): void {
    if (!this.enabled) return;
    const entry = { inputs, sha256: sha256(Buffer.from(content, 'utf8')) };
    const known = this.files.get(rel);
    if (known?.inputs === entry.inputs && known.sha256 === entry.sha256) return;
    this.files.set(rel, entry);
    this.changed = true;
  }

  /** Forgets every file not in `keep` (removed outputs), then writes the cache if anything changed. */
  save(keep: ReadonlySet<string>): void {
    for (const rel of this.files.keys()) {
      if (!keep.has(rel)) {
        this.files.delete(rel);
        this.changed = true;
      }
    }
    if (this.file === undefined || !this.changed) return;
    const data: CacheFile = {
      version: 1,
      generator: this.generator,
      files: Object.fromEntries([...this.files].sort(([a], [b]) => (a < b ? -1 : 1))),
    };
    try {
      atomicWriteFileSync(this.file, `${JSON.stringify(data)}\n`);
    } catch {
      // A cache that cannot be written only makes the next run slower.
    }
  }
}

/** The nearest folder at or above `from` that holds a package.json. */
function projectRoot(from: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function readJson(file: string): CacheFile | undefined {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
    return typeof data === 'object' && data !== null && typeof data.files === 'object' ? data : undefined;
  } catch {
    return undefined;
  }
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
