/** The shapes of the project configuration (kept apart so that its readers and index.ts do not import each other). */
import type { Severity } from '../diagnostics/diagnostic.js';

export type SeverityOrOff = Severity | 'off';

/** A value read from the file, with where it was written. */
export interface Located<T> {
  value: T;
  line: number;
  column: number;
}

export interface SeverityOverride {
  /** Globs relative to the project root (`**`, `*`, `?`, `{a,b}`); a plain path also matches what is below it. */
  paths: string[];
  severities: Record<string, SeverityOrOff>;
  line: number;
  column: number;
}

export interface ProjectConfig {
  /** Absolute path of the file read; undefined when no configuration was found. */
  file?: string;
  /** The folder relative paths in the configuration are resolved against (the parent of `.config`). */
  root: string;
  /** Whether the file has a `[codegen]` table (a Tasker config without one gives the defaults). */
  hasCodegenTable: boolean;
  /** Absolute paths. */
  templates?: Located<string[]>;
  /** Absolute paths (folders, files, or a tsconfig.json). */
  handlers?: Located<string[]>;
  /** Absolute path of the generate output folder. */
  out?: Located<string>;
  /** Absolute plugin folders for `template` commands (searched after `--plugin-path`). */
  pluginPaths?: Located<string[]>;
  runtime?: Located<string>;
  /** Rule code → severity, for every file. */
  severities: Record<string, SeverityOrOff>;
  /** Per-path severities, in file order (later blocks win). */
  overrides: SeverityOverride[];
  /** The `[cli]` table the Rust tasker-ctl reads too (plugin paths, template defaults, remotes). */
  cli?: CliSettings;
}

/** A git repository of plugins, as `[[cli.remotes]]` declares it. */
export interface RemoteConfig {
  name: string;
  url: string;
  /** Branch or tag to clone (default `main`). */
  gitRef: string;
  /** Where the plugins are inside the repository (default: discovered from its root). */
  pluginPath?: string;
}

export interface CliSettings {
  /** Absolute plugin folders (`plugin-paths`). */
  pluginPaths: string[];
  defaultLanguage?: string;
  /** Absolute (`default-output-dir`, relative to the project root). */
  defaultOutputDir?: string;
  remotes: RemoteConfig[];
  /** How old a cached clone may get before it is refreshed (`cache-max-age-hours`, default 24). */
  cacheMaxAgeHours: number;
}
