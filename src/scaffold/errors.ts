/**
 * Scaffolding errors. Every problem with a manifest, a parameter, a template or
 * an output path is a `ScaffoldError`: a usage error (exit 2) printed as one line.
 */
import { UsageError } from '../model/errors.js';

export class ScaffoldError extends UsageError {
  override name = 'ScaffoldError';
}

/** First line of an error message, trimmed (ejs and smol-toml add code frames below it). */
export function firstLine(message: string): string {
  return (message.split('\n').find((line) => line.trim() !== '') ?? message).trim();
}

/** A value quoted for messages. */
export const q = (value: string): string => JSON.stringify(value);
