/** Exit codes shared by every command. */
export const ExitCode = {
  ok: 0,
  /** Findings at or above --fail-on, or stale generated files in --check. */
  findings: 1,
  usage: 2,
  internal: 3,
} as const;
