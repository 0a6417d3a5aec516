/**
 * Rule severities from the configuration: `[codegen.severities]` for every
 * file, then each `[[codegen.overrides]]` block whose `paths` match the file
 * (later blocks win). `off` drops the diagnostic.
 */
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { matchesAny } from './glob.js';
import type { ProjectConfig, SeverityOrOff } from './index.js';

/** The severity the configuration gives a diagnostic, or undefined to keep its own. */
export function severityPolicy(config: ProjectConfig, cwd: string = process.cwd()): (diagnostic: Diagnostic) => SeverityOrOff | undefined {
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

/** Applies the configuration's severities (global and per path) to diagnostics. */
export function applyConfigSeverities(diagnostics: readonly Diagnostic[], config: ProjectConfig, cwd: string = process.cwd()): Diagnostic[] {
  if (Object.keys(config.severities).length === 0 && config.overrides.length === 0) return [...diagnostics];
  const policy = severityPolicy(config, cwd);
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const severity = policy(d);
    if (severity === undefined || severity === d.severity) out.push(d);
    else if (severity !== 'off') out.push({ ...d, severity });
  }
  return out;
}
