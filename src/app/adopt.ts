/**
 * `adopt` as an API: move the handler files' imports of the DSL to the typed
 * layer. Plans the new text of every file (ts-morph), then writes each changed
 * file atomically, or (dry run) writes nothing and returns the diffs.
 */
import { type AdoptOptions, type AdoptPlan, planAdoption } from '../adopt/index.js';
import { atomicWriteFileSync } from '../write/atomic.js';
import { unifiedDiff } from '../write/write.js';

export interface AdoptResult extends AdoptPlan {
  /** Dry run: the unified diff of every file that would change, in order. */
  diffs: string[];
}

export function adoptHandlers(options: AdoptOptions & { dryRun?: boolean }): AdoptResult {
  const plan = planAdoption(options);
  if (options.dryRun) return { ...plan, diffs: plan.changed.map((file) => unifiedDiff(file.file, file.before, file.after)) };
  for (const file of plan.changed) atomicWriteFileSync(file.absolutePath, file.after);
  return { ...plan, diffs: [] };
}
