/**
 * When a contracts file can be kept as it is: it carries the hash of every
 * input it was made from (the template, where it came from, the tool version),
 * so an unchanged template is neither recompiled nor rewritten.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TemplatePlan } from '../plan/index.js';
import type { PreparedSchema } from '../plan/schema-types.js';
import { isGenerated, verifyChecksum } from '../write/banner.js';

export const INPUTS_LINE = '// @inputs sha256:';

/** Everything a contracts file depends on: the template, where it came from, and the tool version. */
export function inputsHash(template: TemplatePlan, toolVersion: string): string {
  const known = hashes.get(template);
  if (known?.toolVersion === toolVersion) return known.hash;
  const hash = createHash('sha256')
    .update(JSON.stringify([toolVersion, template.contractsPath, template.template.source.file, template.template.raw]))
    .digest('hex');
  hashes.set(template, { toolVersion, hash });
  return hash;
}

/** Hashing a template means serializing it; the contracts pool and the emitter both ask. */
const hashes = new WeakMap<TemplatePlan, { toolVersion: string; hash: string }>();

/** The existing contracts file under `outAbs` when it is unmodified and made from these very inputs. */
export function reusableContracts(template: TemplatePlan, inputs: string, outAbs: string): string | undefined {
  const existing = readIfExists(path.join(outAbs, template.contractsPath));
  const reusable = existing !== undefined && isGenerated(existing) && verifyChecksum(existing) === 'ok' && existing.includes(`\n${INPUTS_LINE}${inputs}\n`);
  return reusable ? existing : undefined;
}

/** The prepared schemas of a template plan: its task input and step results. */
export function planSchemas(plan: TemplatePlan): PreparedSchema[] {
  return [...(plan.input ? [plan.input] : []), ...plan.steps.flatMap((s) => (s.result ? [s.result] : []))];
}

export function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
