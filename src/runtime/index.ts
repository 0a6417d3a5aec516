/**
 * `tasker-ctl/runtime`: the library generated and hand-written handlers run on.
 *
 * Light by design: it imports nothing from the toolchain (check, plan, emit,
 * cli, ts-morph, json-schema-to-typescript, commander). Its only runtime
 * dependencies are yaml (through the template loader) and ajv + ajv-formats,
 * which are imported lazily, only when a registry validates schemas.
 * See docs/runtime.md.
 */
export {
  StepHandler,
  Decision,
  defineHandler,
  defineApiHandler,
  defineDecisionHandler,
  defineBatchAnalyzer,
  defineBatchWorker,
  batchCursorConfigs,
  getBatchContext,
} from './dsl.js';
export type {
  ApiHandlerClass,
  ApiHandlerOptions,
  BatchAnalysis,
  BatchAnalyzerClass,
  BatchAnalyzerOptions,
  BatchContext,
  BatchCursorConfig,
  ContextBound,
  DecisionOutcome,
  HandlerArgs,
  HandlerKind,
  HandlerOptions,
  HandlerReturn,
  StepHandlerClass,
} from './dsl.js';

export { ErrorType, PermanentError, RetryableError, StepHandlerResult, wrapError, wrapResult } from './result.js';
export type { StepHandlerResultParams } from './result.js';

export { RuntimeStepContext, createStepContext, DEFAULT_STEP_UUID, DEFAULT_TASK_UUID } from './context.js';
export type { AnyStepContext, BatchCursorInit, CreateStepContextOptions, StepContext, StepContextInit } from './context.js';

export { HandlerRegistry, RegistryMismatchError, templateLabel } from './registry.js';
export type {
  DuplicateRegistration,
  HandlerRegistryOptions,
  HandlerResolver,
  InvalidDepends,
  MissingHandler,
  RegistrableHandler,
  RegistryMismatch,
  RegistryReport,
  StepLocation,
  TemplateSource,
  UnusedHandler,
} from './registry.js';

export { describeViolation } from './validation.js';
export type { RuntimeLogger, SchemaViolation, ValidationMode } from './validation.js';

export { closestNames } from '../shared/suggest.js';

export { loadTemplates, loadTemplateText } from './templates.js';
export type { LoadOptions, LoadResult } from '../load/index.js';
export type { StepDefinition, TaskTemplate } from '../load/model.js';
