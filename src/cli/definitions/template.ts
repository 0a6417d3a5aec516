/** `template …` commands (scaffolding with ejs). */
import type { Command } from 'commander';

export function defineTemplateCommands(_program: Command): void {
  // Filled by the scaffolding work (issue 6).
}
