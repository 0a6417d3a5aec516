/**
 * lstat without throwing for a path that is not there. Its own module: a
 * declaration that names fs.Stats would make the package's public types need
 * @types/node.
 */
import { lstatSync, type Stats } from 'node:fs';

export function lstatOrUndefined(target: string): Stats | undefined {
  try {
    return lstatSync(target);
  } catch (error) {
    if (isErrno(error, 'ENOENT') || isErrno(error, 'ENOTDIR')) return undefined;
    throw error;
  }
}

export function isErrno(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as NodeJS.ErrnoException).code === code;
}
