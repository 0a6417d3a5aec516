/** The commented starter configuration `tasker-ctl init` writes. */

/** First line of the section init writes (also when appending to Tasker's own file). */
export const CODEGEN_SECTION_MARKER = '# tasker-ctl: typed code generation, template validation and registry checks.';

export interface StarterValues {
  /** A value is written as an active setting when given, as a commented example otherwise. */
  templates?: string[];
  handlers?: string[];
  out?: string;
  runtime?: string;
}

const EXAMPLES = { templates: ['config/tasks'], handlers: ['src/handlers'], out: 'src/tasker', runtime: 'tasker-ctl/runtime' };

/** The `[codegen]` section, commented; values not given become commented examples. */
export function starterConfig(values: StarterValues = {}): string {
  const setting = (key: keyof typeof EXAMPLES, value: string | string[] | undefined): string => {
    const shown = value ?? EXAMPLES[key];
    const toml = Array.isArray(shown) ? `[${shown.map(quote).join(', ')}]` : quote(shown);
    return `${value === undefined ? '# ' : ''}${key} = ${toml}`;
  };
  return `${CODEGEN_SECTION_MARKER}
# Every tasker-ctl command reads this table; command-line flags override it.
# Relative paths are relative to the folder that holds .config/. See docs/config.md.
[codegen]
# Task template YAML: files or folders (searched recursively for .yaml/.yml).
${setting('templates', values.templates)}

# Handler sources for \`tasker-ctl validate registry\`: folders, files or a tsconfig.json.
${setting('handlers', values.handlers)}

# Where \`tasker-ctl generate\` writes contracts, the typed layer and handler stubs.
# When set, a bare \`tasker-ctl validate\` also checks that the generated files are up to date.
${setting('out', values.out)}

# The module generated code imports the handler DSL from.
${setting('runtime', values.runtime)}

# Rule severities for every file: "error", "warning", "info" or "off".
# Rule codes are listed in docs/diagnostics.md.
[codegen.severities]
# "missing-result-schema" = "off"
# "unused-handler" = "error"

# Per-path severities: globs relative to the project root (**, *, ?, {a,b});
# later blocks win over earlier ones and over [codegen.severities].
# [[codegen.overrides]]
# paths = ["config/tasks/legacy/**"]
# severities = { "unknown-key" = "off", "orphan-step" = "off" }
`;
}

function quote(value: string): string {
  return JSON.stringify(value);
}
