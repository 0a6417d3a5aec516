/**
 * The bare `validate`: templates, then the registry check when handler paths
 * are given, then the freshness of generated files (generate in check mode)
 * when an output folder is given. One load serves every check.
 */
import path from 'node:path';
import type { Diagnostic, SeverityPolicy } from '../diagnostics/diagnostic.js';
import { compareDiagnostics } from '../diagnostics/diagnostic.js';
import { fileDiagnostic } from '../diagnostics/located.js';
import type { SourceFile } from '../load/index.js';
import { PROJECT_CODES } from '../write/codes.js';
import type { FileChange } from '../write/types.js';
import { validateTemplates } from './validate.js';

export interface ProjectCheckRequest {
  templates: readonly string[];
  /** Handler sources; the registry check runs when there are some. */
  handlers: readonly string[];
  /** The generated-output folder; its freshness is checked when given. */
  out?: string;
  runtime?: string;
  severity?: SeverityPolicy;
  cwd: string;
}

export interface ProjectCheckResult {
  diagnostics: Diagnostic[];
  /** Every file read (templates and handler sources). */
  files: string[];
  sources: ReadonlyMap<string, Pick<SourceFile, 'text'>>;
}

export async function checkProject(request: ProjectCheckRequest): Promise<ProjectCheckResult> {
  const { cwd } = request;
  const validation = validateTemplates([...request.templates], { cwd, ...(request.severity ? { severity: request.severity } : {}) });
  const diagnostics: Diagnostic[] = [...validation.diagnostics];
  const files = [...validation.files];
  const sources = new Map<string, { text: string }>(validation.sources);

  if (request.handlers.length > 0) {
    // One load serves both checks: the registry compares the templates validated above.
    const { checkRegistry } = await import('./registry.js');
    const registry = await checkRegistry({
      templates: validation,
      handlers: [...request.handlers],
      cwd,
      severity: request.severity,
      ...(request.runtime ? { runtimeModules: [request.runtime] } : {}),
    });
    diagnostics.push(...registry.diagnostics);
    files.push(...registry.scan.files);
    for (const [file, source] of registry.sources) if (!sources.has(file)) sources.set(file, source);
  }

  if (request.out !== undefined) {
    const { generateValidated } = await import('./generate.js');
    const generated = await generateValidated(validation, {
      cwd,
      outDir: request.out,
      mode: 'check',
      ...(request.runtime ? { runtimeModule: request.runtime } : {}),
      severity: request.severity,
    });
    // The generation hands the validation's diagnostics on as they are: only its own findings (plan) and the file report are new.
    const validated = new Set(validation.diagnostics);
    diagnostics.push(...generated.diagnostics.filter((d) => !validated.has(d)));
    for (const change of generated.report?.changes ?? []) {
      const stale = staleDiagnostic(change, request.out, cwd);
      if (stale) diagnostics.push(stale);
    }
  }

  return { diagnostics: diagnostics.sort(compareDiagnostics), files, sources };
}

const STALE_MESSAGES: Partial<Record<FileChange['action'], string>> = {
  create: 'is missing: `tasker-ctl generate` would create it',
  update: 'is out of date: `tasker-ctl generate` would rewrite it',
  remove: 'is stale: no template generates it any more, `tasker-ctl generate` would remove it',
  'refuse-not-generated': 'is in the way: it was not written by tasker-ctl, so `tasker-ctl generate` refuses to replace it',
};

function staleDiagnostic(change: FileChange, outDir: string, cwd: string): Diagnostic | undefined {
  const message = STALE_MESSAGES[change.action];
  if (!message) return undefined;
  const file = path
    .relative(cwd, path.resolve(cwd, outDir, change.path))
    .split(path.sep)
    .join('/');
  return fileDiagnostic(file, PROJECT_CODES['stale-generated-file'], {
    message: `${file} ${message}${change.reason ? ` (${change.reason})` : ''}`,
    hint:
      change.action === 'refuse-not-generated'
        ? 'Move the file away, or choose another output folder.'
        : `Run \`tasker-ctl generate\` (or \`tasker-ctl generate --check\` for the diff) and commit the result.`,
  });
}
