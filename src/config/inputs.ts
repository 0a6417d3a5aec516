/**
 * What a command works on: flags first, then the configuration. Commands call
 * `resolveCommandInputs(flags, loadProjectConfig(cwd), cwd)`.
 */
import path from 'node:path';
import type { SeverityPolicy } from '../diagnostics/diagnostic.js';
import { severityPolicy } from './severities.js';
import type { ProjectConfig } from './types.js';

/** Values given on the command line (undefined or empty = not given). */
export interface CliInputs {
  templates?: readonly string[];
  handlers?: readonly string[];
  out?: string;
  runtime?: string;
}

export type InputSource = 'flags' | 'config' | 'none';

export interface CommandInputs {
  /** Template paths, as given on the command line or relative to cwd when from the configuration. */
  templates: string[];
  /** Handler paths (folders, files or a tsconfig.json), likewise. */
  handlers: string[];
  out?: string;
  runtime?: string;
  from: { templates: InputSource; handlers: InputSource; out: InputSource; runtime: InputSource };
  /** Every configured severity (global and per path): pass it to the API, which applies it once. */
  severity: SeverityPolicy;
  config: ProjectConfig;
}

export function resolveCommandInputs(cli: CliInputs, config: ProjectConfig, cwd: string = process.cwd()): CommandInputs {
  const shown = (absolute: string): string => path.relative(cwd, absolute).split(path.sep).join('/') || '.';
  const pick = (given: readonly string[] | undefined, configured: string[] | undefined): [string[], InputSource] => {
    if (given && given.length > 0) return [[...given], 'flags'];
    if (configured) return [configured.map(shown), 'config'];
    return [[], 'none'];
  };
  const [templates, templatesFrom] = pick(cli.templates, config.templates?.value);
  const [handlers, handlersFrom] = pick(cli.handlers, config.handlers?.value);
  const out = cli.out ?? (config.out ? shown(config.out.value) : undefined);
  const runtime = cli.runtime ?? config.runtime?.value;
  const inputs: CommandInputs = {
    templates,
    handlers,
    from: {
      templates: templatesFrom,
      handlers: handlersFrom,
      out: cli.out ? 'flags' : config.out ? 'config' : 'none',
      runtime: cli.runtime ? 'flags' : config.runtime ? 'config' : 'none',
    },
    severity: severityPolicy(config, cwd),
    config,
  };
  if (out !== undefined) inputs.out = out;
  if (runtime !== undefined) inputs.runtime = runtime;
  return inputs;
}
