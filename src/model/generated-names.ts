/**
 * The names the generated files declare themselves. Names derived from
 * templates (types, import aliases) are chosen to differ from them; a test
 * holds these lists equal to what the emitters declare.
 */

/** Top-level names of the typed layer (tasker.ts), imported or declared. */
export const TYPED_LAYER_NAMES = [
  'runtimeDecision',
  'PermanentError',
  'RetryableError',
  'StepHandlerResult',
  'runtimeDefineApiHandler',
  'runtimeDefineBatchAnalyzer',
  'runtimeDefineBatchWorker',
  'runtimeDefineDecisionHandler',
  'runtimeDefineHandler',
  'ApiHandlerArgs',
  'BatchConfig',
  'BatchWorkerContext',
  'StepContext',
  'RuntimeStepContext',
  'FfiStepEvent',
  'JsonValue',
  'JsonObject',
  'Handlers',
  'Callable',
  'CallableOf',
  'Ancestors',
  'Input',
  'Config',
  'Batches',
  'ResultOf',
  'HandlerResult',
  'RouteOf',
  'RoutedDecision',
  'DecisionOf',
  'DecisionResult',
  'BatchResult',
  'Decision',
  'ContextOf',
  'Checked',
  'Options',
  'HandlerArgs',
  'Returns',
  'Typed',
  'defineHandler',
  'defineApiHandler',
  'defineDecisionHandler',
  'defineBatchAnalyzer',
  'defineBatchWorker',
  'TestContextOptions',
  'createStepContext',
] as const;

/** Top-level names of the registration index (index.ts). */
export const INDEX_NAMES = ['Callable', 'handlers', 'Handled', 'Misnamed', 'everyCallableHasAHandler', 'registerAll'] as const;

/** Names every contracts file declares besides its schema types. */
export const CONTRACTS_NAMES = ['JsonValue', 'JsonObject', 'TaskInput', 'Steps', 'Results'] as const;
