/** Helpers for the write-stage tests. */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach } from 'vitest';
import { bannerFor, type OutputFile, withChecksum } from '../../src/write/index.js';
import { tempProject } from '../helpers.js';

/** Returns a function that makes a temporary folder (with `files`), each removed after its test. */
export function tempProjects(): (files?: Record<string, string>) => string {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    while (cleanups.length) cleanups.pop()?.();
  });
  return (files = {}) => {
    const { dir, cleanup } = tempProject(files);
    cleanups.push(cleanup);
    return dir;
  };
}

/** Generated content as the emitter produces it: banner, checksum, body. */
export function generatedContent(body: string, template = 'templates/order.yaml'): string {
  return withChecksum(`${bannerFor(template)}\n${body}`);
}

export function gen(filePath: string, body: string, template = 'templates/order.yaml'): OutputFile {
  return { path: filePath, content: generatedContent(body, template), ownership: 'generated', source: template };
}

export function stub(filePath: string, content: string): OutputFile {
  return { path: filePath, content, ownership: 'user', source: 'templates/order.yaml' };
}

export interface Entry {
  kind: 'file' | 'dir' | 'symlink';
  mtimeMs: number;
  content?: string;
}

/** Every entry below `dir` (dot files and temp files included), with mtimes and file contents. */
export function snapshot(dir: string): Record<string, Entry> {
  const result: Record<string, Entry> = {};
  const walk = (current: string, rel: string): void => {
    for (const name of readdirSync(current).sort()) {
      const abs = path.join(current, name);
      const childRel = rel ? `${rel}/${name}` : name;
      const stats = lstatSync(abs);
      if (stats.isSymbolicLink()) result[childRel] = { kind: 'symlink', mtimeMs: stats.mtimeMs };
      else if (stats.isDirectory()) {
        result[childRel] = { kind: 'dir', mtimeMs: stats.mtimeMs };
        walk(abs, childRel);
      } else result[childRel] = { kind: 'file', mtimeMs: stats.mtimeMs, content: readFileSync(abs, 'utf8') };
    }
  };
  walk(dir, '');
  return result;
}

/** Names of every entry below `dir`, recursively, sorted. */
export function listAll(dir: string): string[] {
  return Object.keys(snapshot(dir)).sort();
}

export function read(dir: string, rel: string): string {
  return readFileSync(path.join(dir, rel), 'utf8');
}
