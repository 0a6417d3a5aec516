/** `validate registry` as an API: handlers in code against callables in templates. ts-morph loads on the first call only. */
import type { RegistryCheckOptions, RegistryCheckResult } from '../registry/index.js';

export type { RegistryCheckOptions, RegistryCheckResult };

export async function checkRegistry(options: RegistryCheckOptions): Promise<RegistryCheckResult> {
  const registry = await import('../registry/index.js');
  return registry.checkRegistry(options);
}
