/**
 * The runtimes generated code can target, as data. Both known runtimes share
 * the SDK's API (`tasker-ctl/runtime` follows `@tasker-systems/tasker`), so
 * what differs is only where the code imports from and how a generated test
 * builds a StepContext.
 */
import { stringLiteral } from '../plan/naming.js';

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

/**
 * Code that gives a module `createStepContext(options)` for unit tests: the
 * runtime's own helper, or a function that builds the runtime's StepContext
 * with Tasker's defaults (the SDK has no helper). `exported`: the typed layer
 * offers it to the generated tests; a scaffolded test keeps it to itself.
 */
export function testContextCode(target: RuntimeTarget, exported: boolean): string {
  const module = stringLiteral(target.module);
  if (target.testContext === 'runtime-export') {
    return exported
      ? `/** A StepContext for unit tests (the runtime's own helper). */\nexport { createStepContext } from ${module};\n`
      : `import { createStepContext } from ${module};\n`;
  }
  return `import { StepContext as RuntimeStepContext } from ${module};
import type { FfiStepEvent } from ${module};

/** What \`createStepContext\` builds a test context from (every field optional). */
${exported ? 'export ' : ''}interface TestContextOptions {
  stepName?: string;
  handlerName?: string;
  input?: Record<string, unknown>;
  /** Each ancestor's result as its handler returned it (stored in Tasker's \`{ result }\` envelope). */
  dependencyResults?: Record<string, unknown>;
  config?: Record<string, unknown>;
  stepInputs?: Record<string, unknown>;
  retryCount?: number;
  maxRetries?: number;
}

/** A real StepContext of the runtime for unit tests, with Tasker's defaults (the runtime has no helper of its own). */
${exported ? 'export ' : ''}function createStepContext(options: TestContextOptions = {}): RuntimeStepContext {
  const dependencyResults: Record<string, unknown> = {};
  for (const [step, result] of Object.entries(options.dependencyResults ?? {})) dependencyResults[step] = { result };
  return new RuntimeStepContext({
    event: {} as FfiStepEvent,
    taskUuid: '00000000-0000-4000-8000-000000000001',
    stepUuid: '00000000-0000-4000-8000-000000000002',
    correlationId: '00000000-0000-4000-8000-000000000003',
    handlerName: options.handlerName ?? options.stepName ?? 'test_step',
    inputData: { ...options.input },
    dependencyResults,
    stepConfig: { ...options.config },
    stepInputs: { ...options.stepInputs },
    retryCount: options.retryCount ?? 0,
    maxRetries: options.maxRetries ?? 3,
  });
}
`;
}
