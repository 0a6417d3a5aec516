/**
 * The catalogue of every code the tool can emit, gathered from the modules
 * that report them (each declares its codes' metadata beside its code). SARIF
 * rule entries, the config check of severity overrides and the tables of
 * docs/diagnostics.md come from here; a code is never renamed once released.
 */
import { BREAKING_CODES } from '../breaking/codes.js';
import { TEMPLATE_RULES } from '../check/rules/index.js';
import { LOAD_CODES } from '../load/codes.js';
import type { CodeMeta } from '../model/codes.js';
import { GENERATION_CODES } from '../plan/codes.js';
import { REGISTRY_CODES } from '../registry/codes.js';
import { PLUGIN_CODES } from '../scaffold/codes.js';
import { PROJECT_CODES } from '../write/codes.js';

type RuleCode = (typeof TEMPLATE_RULES)[number]['code'];

/** Every diagnostic code. */
export type Code =
  | keyof typeof LOAD_CODES
  | RuleCode
  | keyof typeof GENERATION_CODES
  | keyof typeof REGISTRY_CODES
  | keyof typeof BREAKING_CODES
  | keyof typeof PLUGIN_CODES
  | keyof typeof PROJECT_CODES;

/** Every code's metadata, in the order of docs/diagnostics.md. */
export const CODE_LIST: readonly CodeMeta<Code>[] = [
  ...Object.values(LOAD_CODES),
  ...TEMPLATE_RULES.map(({ code, severity, category, summary }) => ({ code, severity, category, summary })),
  ...Object.values(GENERATION_CODES),
  ...Object.values(REGISTRY_CODES),
  ...Object.values(BREAKING_CODES),
  ...Object.values(PLUGIN_CODES),
  ...Object.values(PROJECT_CODES),
];

/** Every code's metadata by code. */
export const CODES: Readonly<Record<Code, CodeMeta<Code>>> = Object.fromEntries(CODE_LIST.map((meta) => [meta.code, meta])) as Record<
  Code,
  CodeMeta<Code>
>;

export function isCode(name: string): name is Code {
  return Object.hasOwn(CODES, name);
}
