/**
 * Rule severities from the configuration: `[codegen.severities]` for every
 * file, then each `[[codegen.overrides]]` block whose `paths` match the file
 * (later blocks win). `off` drops the diagnostic.
 */
import path from 'node:path';
import type { SeverityPolicy } from '../diagnostics/diagnostic.js';
import { matchesAny } from '../shared/glob.js';
import type { ProjectConfig, SeverityOrOff } from './types.js';

/** The severity the configuration gives a diagnostic, or undefined to keep its own. */
export function severityPolicy(config: ProjectConfig, cwd: string = process.cwd()): SeverityPolicy {
  const relative = new Map<string, string>();
  const rootRelative = (file: string): string => {
    let out = relative.get(file);
    if (out === undefined) {
      out = path.relative(config.root, path.resolve(cwd, file)).split(path.sep).join('/');
      relative.set(file, out);
    }
    return out;
  };
  return (diagnostic) => {
    let severity: SeverityOrOff | undefined = config.severities[diagnostic.code];
    for (const override of config.overrides) {
      const value = override.severities[diagnostic.code];
      if (value !== undefined && matchesAny(rootRelative(diagnostic.file), override.paths)) severity = value;
    }
    return severity;
  };
}
