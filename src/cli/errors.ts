/** Exit codes shared by every command. */
export const ExitCode = {
  ok: 0,
  /** Findings at or above --fail-on, or stale generated files in --check. */
  findings: 1,
  usage: 2,
  internal: 3,
} as const;

/** A problem with how the tool was called: printed as one line, exit code 2. */
export class CliUsageError extends Error {
  override name = 'CliUsageError';
}
