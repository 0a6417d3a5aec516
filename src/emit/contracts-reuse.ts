/**
 * When a generated file can be kept as it is: it carries the hash of every
 * input it was made from (`// @inputs sha256:…`), so an unchanged template is
 * neither recompiled nor re-emitted. Contracts files hash their template;
 * `tasker.ts` and `index.ts` hash every template's hash and the options.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TemplatePlan } from '../plan/index.js';
import type { PreparedSchema } from '../plan/schema-types.js';
import { isGenerated, verifyChecksum } from '../write/banner.js';

export const INPUTS_LINE = '// @inputs sha256:';

/** Hashing a template means serializing it; the contracts pool and the emitter both ask. */
const hashes = new WeakMap<TemplatePlan, { toolVersion: string; hash: string }>();

/** Everything a contracts file depends on: the template, where it came from, and the tool version. */
export function inputsHash(template: TemplatePlan, toolVersion: string): string {
  const known = hashes.get(template);
  if (known?.toolVersion === toolVersion) return known.hash;
  const hash = sha256(JSON.stringify([toolVersion, template.contractsPath, template.template.source.file, template.template.raw]));
  hashes.set(template, { toolVersion, hash });
  return hash;
}

/** Everything a project-wide file depends on: every template's inputs (in plan order) and the options that shape it. */
export function projectInputsHash(templates: readonly TemplatePlan[], toolVersion: string, options: readonly unknown[]): string {
  return sha256(JSON.stringify([toolVersion, options, templates.map((t) => inputsHash(t, toolVersion))]));
}

/**
 * Which generated files under one output folder are up to date, asked once per
 * file for one run (the contracts pool asks while loading, the emitter later).
 * A file is judged on its bytes: a thousand contracts files are hashed without
 * being decoded.
 */
export class ReusableOutputs {
  private readonly known = new Map<string, Buffer | undefined>();

  constructor(
    readonly outAbs: string,
    readonly toolVersion: string,
  ) {}

  /** The bytes of the existing contracts file of `template` when it is unmodified and made from the same inputs. */
  contracts(template: TemplatePlan): Buffer | undefined {
    return this.file(template.contractsPath, inputsHash(template, this.toolVersion));
  }

  /** The bytes of the existing file at `relPath` when it is unmodified and carries `inputs`. */
  file(relPath: string, inputs: string): Buffer | undefined {
    const key = `${relPath}\n${inputs}`;
    if (this.known.has(key)) return this.known.get(key);
    const existing = readIfExists(path.join(this.outAbs, relPath));
    const reusable = existing !== undefined && isGenerated(existing) && verifyChecksum(existing) === 'ok' && existing.includes(`\n${INPUTS_LINE}${inputs}\n`);
    this.known.set(key, reusable ? existing : undefined);
    return reusable ? existing : undefined;
  }
}

/** The prepared schemas of a template plan: its task input and step results. */
export function planSchemas(plan: TemplatePlan): PreparedSchema[] {
  return [...(plan.input ? [plan.input] : []), ...plan.steps.flatMap((s) => (s.result ? [s.result] : []))];
}

/** A file's bytes, or undefined when it cannot be read. */
export function readIfExists(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
