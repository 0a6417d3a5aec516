/**
 * The registry check's parts: the static scan of handler sources (scan.ts,
 * ts-morph, loaded lazily by its caller) and the comparison with templates
 * (compare.ts, pure). app/registry.ts sequences them. See docs/registry.md.
 */
export { compareRegistry, templateLabel } from './compare.js';

export type { InputKeys } from './input-keys.js';
export { inputKeys } from './input-keys.js';
export type * from './types.js';
export { DSL_FUNCTIONS, DSL_MODULES } from './types.js';
