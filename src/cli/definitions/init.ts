/** `init`: writes a starter project configuration. */
import type { Command } from 'commander';

export function defineInitCommand(_program: Command): void {
  // Filled by the configuration work (issue 5).
}
