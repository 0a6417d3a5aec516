/**
 * The runtimes generated code can target, as data. Both known runtimes share
 * the SDK's API (`tasker-ctl/runtime` follows `@tasker-systems/tasker`), so
 * what differs is only where the code imports from and how a generated test
 * builds a StepContext.
 */

export interface RuntimeTarget {
  /** A runtime tasker-ctl knows, or `custom` (any module that keeps the contract in docs/runtime.md). */
  id: 'tasker-ctl' | 'sdk' | 'custom';
  /** The module generated code imports the DSL from. */
  module: string;
  /**
   * How `createStepContext` (for generated tests) is had: re-exported from the
   * runtime, or made in the typed layer from the runtime's StepContext class
   * (the SDK has no test helper; its StepContext takes the worker's fields).
   */
  testContext: 'runtime-export' | 'step-context-class';
}

export const TASKER_CTL_RUNTIME = 'tasker-ctl/runtime';
export const SDK_RUNTIME = '@tasker-systems/tasker';

const KNOWN: Record<string, RuntimeTarget> = {
  [TASKER_CTL_RUNTIME]: { id: 'tasker-ctl', module: TASKER_CTL_RUNTIME, testContext: 'runtime-export' },
  [SDK_RUNTIME]: { id: 'sdk', module: SDK_RUNTIME, testContext: 'step-context-class' },
};

/** The target for a module specifier; an unknown module is `custom` and must export `createStepContext`. */
export function runtimeTarget(module: string): RuntimeTarget {
  return KNOWN[module] ?? { id: 'custom', module, testContext: 'runtime-export' };
}
