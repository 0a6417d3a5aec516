/**
 * What the generated files depend on besides the templates: every folder of
 * code between a template's bytes and a file's bytes (reading, planning,
 * emitting, composing and writing) and the version of the library that
 * compiles schemas.
 * Hashing the code itself (not a version number) means an edited emitter,
 * a linked checkout or a pre-release never reuses output made by another.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const GENERATOR_FOLDERS = ['model', 'load', 'plan', 'emit', 'write', 'app'];
const keys = new Map<string, string>();

/** @param root the folder holding the generator's code (default: this package's, built or source) */
export function generatorKey(root = path.dirname(path.dirname(fileURLToPath(import.meta.url)))): string {
  const known = keys.get(root);
  if (known !== undefined) return known;
  const hash = createHash('sha256');
  for (const folder of GENERATOR_FOLDERS) {
    const dir = path.join(root, folder);
    for (const name of readdirSync(dir).sort()) {
      if (!/\.(js|ts)$/.test(name) || name.endsWith('.d.ts')) continue;
      hash
        .update(`${folder}/${name}\0`)
        .update(readFileSync(path.join(dir, name)))
        .update('\0');
    }
  }
  const jstt = createRequire(import.meta.url)('json-schema-to-typescript/package.json') as { version: string };
  hash.update(`json-schema-to-typescript@${jstt.version}`);
  const key = hash.digest('hex');
  keys.set(root, key);
  return key;
}
