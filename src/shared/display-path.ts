import path from 'node:path';

/** How messages and generated files name a path: relative to `cwd`, `/`-separated (the file's name when it is `cwd` itself). */
export function displayPath(absolutePath: string, cwd: string = process.cwd()): string {
  const relative = path.relative(cwd, absolutePath) || path.basename(absolutePath);
  return relative.split(path.sep).join('/');
}
