/**
 * `tasker-ctl/runtime`: a light runtime with the API and the behaviour of the
 * real SDK (`@tasker-systems/tasker`), plus a registry that checks handlers
 * against the templates, run-time schema validation, and test helpers.
 *
 * It imports nothing from the toolchain (check, plan, emit, cli, ts-morph,
 * json-schema-to-typescript, commander); ajv loads only when a registry
 * validates, and the template loader only when templates are loaded.
 * See docs/runtime.md.
 */
export { StepHandler } from './handler.js';
export type { HandlerArgs, HandlerFn, HandlerKind, HandlerOptions, StepHandlerClass } from './handler.js';
export {
  Decision,
  defineHandler,
  defineApiHandler,
  defineDecisionHandler,
  defineBatchAnalyzer,
  defineBatchWorker,
  batchCursorConfigs,
  createBatchWorkerContext,
  getBatchContext,
} from './dsl.js';
export type { ApiHandlerArgs, ApiHandlerOptions, BatchAnalyzerClass, BatchAnalyzerOptions, BatchConfig, BatchCursorConfig, BatchWorkerContext, CursorConfig } from './dsl.js';
export { ApiClient, ApiResponse } from './api.js';
export type { ApiClientOptions, FetchResponse, RequestOptions } from './api.js';

export { ErrorType, PermanentError, RetryableError, StepHandlerResult, wrapError, wrapResult } from './result.js';
export type { StepHandlerResultParams } from './result.js';

export { StepContext, createStepContext, DEFAULT_STEP_UUID, DEFAULT_TASK_UUID } from './context.js';
export type { BatchCursorInit, CreateStepContextOptions, StepContextParams, WorkerStepEvent } from './context.js';

export { HandlerRegistry, RegistryMismatchError } from './registry.js';
export type { DuplicateRegistration, HandlerRegistryOptions, HandlerResolver, InvalidDepends, RegistrableHandler, RegistryMismatch, RegistryReport } from './registry.js';

export { CallableMismatchError, assertCallables, templateLabel, verifyCallables } from './verify.js';
export type { CallableRegistry, CallableReport, MissingHandler, StepLocation, TemplateSource, UnusedHandler } from './verify.js';

export { describeViolation } from './validation.js';
export type { RuntimeLogger, SchemaViolation, ValidationMode } from './validation.js';

export { closestNames } from '../model/suggest.js';

export { loadTemplates, loadTemplateText } from './templates.js';
export type { LoadOptions, LoadResult } from '../load/index.js';
export type { StepDefinition, TaskTemplate } from '../model/template.js';
