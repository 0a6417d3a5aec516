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

export type { LoadOptions, LoadResult } from '../load/index.js';
export { closestNames } from '../model/suggest.js';
export type { StepDefinition, TaskTemplate } from '../model/template.js';
export type { ApiClientOptions, FetchResponse, RequestOptions } from './api.js';
export { ApiClient, ApiResponse } from './api.js';
export type { BatchCursorInit, CreateStepContextOptions, StepContextParams, WorkerStepEvent } from './context.js';
export { createStepContext, DEFAULT_STEP_UUID, DEFAULT_TASK_UUID, StepContext } from './context.js';
export type {
  ApiHandlerArgs,
  ApiHandlerOptions,
  BatchAnalyzerClass,
  BatchAnalyzerOptions,
  BatchConfig,
  BatchCursorConfig,
  BatchWorkerContext,
  CursorConfig,
} from './dsl.js';
export {
  batchCursorConfigs,
  createBatchWorkerContext,
  Decision,
  defineApiHandler,
  defineBatchAnalyzer,
  defineBatchWorker,
  defineDecisionHandler,
  defineHandler,
  getBatchContext,
} from './dsl.js';
export type { HandlerArgs, HandlerFn, HandlerKind, HandlerOptions, StepHandlerClass } from './handler.js';
export { StepHandler } from './handler.js';
export type {
  DuplicateRegistration,
  HandlerRegistryOptions,
  HandlerResolver,
  InvalidDepends,
  RegistrableHandler,
  RegistryMismatch,
  RegistryReport,
} from './registry.js';
export { HandlerRegistry, RegistryMismatchError } from './registry.js';
export type { StepHandlerResultParams } from './result.js';
export { ErrorType, PermanentError, RetryableError, StepHandlerResult, wrapError, wrapResult } from './result.js';
export { loadTemplates, loadTemplateText } from './templates.js';
export type { RuntimeLogger, SchemaViolation, ValidationMode } from './validation.js';
export { describeViolation } from './validation.js';
export type { CallableRegistry, CallableReport, MissingHandler, StepLocation, TemplateSource, UnusedHandler } from './verify.js';
export { assertCallables, CallableMismatchError, templateLabel, verifyCallables } from './verify.js';
