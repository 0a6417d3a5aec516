/**
 * The StepHandler base class and the machinery the DSL factories share:
 * argument injection and the class each factory returns, as in the SDK.
 */
import type { StepContext } from './context.js';
import { StepHandlerResult, wrapError } from './result.js';

/** Options shared by every factory (as the SDK's `HandlerOptions`). */
export interface HandlerOptions {
  /** Argument name → step name: the argument receives `context.getDependencyResult(step)` (null when absent). */
  depends?: Record<string, string>;
  /** Argument name → top-level task input key: the argument receives `context.getInput(key)` (undefined when absent). */
  inputs?: Record<string, string>;
  /** Default: "1.0.0". */
  version?: string;
}

/** The argument object a handler function receives: one entry per `depends` and `inputs` entry, and `context`. */
export type HandlerArgs = Record<string, unknown> & { context: StepContext };

/**
 * A handler function. As in the SDK it may return a plain object, `undefined`
 * or a StepHandlerResult; a promise of one, or another value (wrapped as
 * `{ result: value }`), works too.
 */
export type HandlerFn = (args: HandlerArgs) => unknown;

export type HandlerKind = 'handler' | 'api' | 'decision' | 'batch_analyzer' | 'batch_worker';

/**
 * Base class of every handler. Class-based handlers extend it, set
 * `static handlerName` to the callable and implement `call(context)`.
 */
export abstract class StepHandler {
  /** The callable this handler serves (must equal the YAML `handler.callable`). */
  static handlerName: string;
  static handlerVersion = '1.0.0';

  abstract call(context: StepContext): Promise<StepHandlerResult>;

  /** The static handlerName, or the class name when unset. */
  get name(): string {
    const ctor = this.constructor as typeof StepHandler;
    return ctor.handlerName || ctor.name;
  }

  get version(): string {
    return (this.constructor as typeof StepHandler).handlerVersion;
  }

  get capabilities(): string[] {
    return ['process'];
  }

  configSchema(): Record<string, unknown> | null {
    return null;
  }

  protected success(result: Record<string, unknown>, metadata?: Record<string, unknown>): StepHandlerResult {
    return StepHandlerResult.success(result, metadata);
  }

  protected failure(
    message: string,
    errorType?: string,
    retryable?: boolean,
    metadata?: Record<string, unknown>,
    errorCode?: string,
  ): StepHandlerResult {
    return StepHandlerResult.failure(message, errorType, retryable, metadata, errorCode);
  }

  toString(): string {
    return `${this.constructor.name}(name=${this.name}, version=${this.version})`;
  }
}

/**
 * What the factories return (the SDK's `StepHandlerClass`), with what the
 * factory was given kept on statics for the registry's start-up checks.
 */
export interface StepHandlerClass {
  new (): StepHandler;
  handlerName: string;
  handlerVersion?: string;
  readonly kind?: HandlerKind;
  readonly depends?: Readonly<Record<string, string>>;
  readonly inputs?: Readonly<Record<string, string>>;
}

/**
 * The class a factory returns: it injects the arguments, runs `invoke`, and
 * classifies anything thrown.
 */
export function buildClass(
  name: string,
  options: HandlerOptions,
  kind: HandlerKind,
  capabilities: readonly string[],
  statics: Record<string, unknown>,
  invoke: (context: StepContext, args: HandlerArgs) => Promise<StepHandlerResult>,
): StepHandlerClass {
  checkOptions(name, options);
  const depends = Object.freeze({ ...options.depends });
  const inputs = Object.freeze({ ...options.inputs });
  const caps = Object.freeze([...capabilities]);
  const Handler = class extends StepHandler {
    static override handlerName = name;
    static override handlerVersion = options.version ?? '1.0.0';
    static readonly kind: HandlerKind = kind;
    static readonly depends = depends;
    static readonly inputs = inputs;

    override get capabilities(): string[] {
      return [...caps];
    }

    async call(context: StepContext): Promise<StepHandlerResult> {
      try {
        return await invoke(context, injectArgs(context, depends, inputs));
      } catch (error) {
        return wrapError(error);
      }
    }
  };
  for (const [key, value] of Object.entries(statics)) Object.defineProperty(Handler, key, { value, enumerable: true });
  Object.defineProperty(Handler, 'name', { value: name });
  return Handler;
}

/** One argument per `depends` entry, one per `inputs` entry, and `context` (argument names are data: no prototype). */
function injectArgs(
  context: StepContext,
  depends: Readonly<Record<string, string>>,
  inputs: Readonly<Record<string, string>>,
): HandlerArgs {
  const args = Object.create(null) as HandlerArgs;
  args.context = context;
  for (const [param, step] of Object.entries(depends)) args[param] = context.getDependencyResult(step);
  for (const [param, key] of Object.entries(inputs)) args[param] = context.getInput(key);
  return args;
}

function checkOptions(name: string, options: HandlerOptions): void {
  if (typeof name !== 'string' || name === '') throw new TypeError('a handler name (the YAML handler.callable) must be a non-empty string');
  if (options === null || typeof options !== 'object') throw new TypeError(`handler "${name}": options must be an object`);
  for (const key of ['depends', 'inputs'] as const) {
    const map = options[key];
    if (map === undefined) continue;
    if (map === null || typeof map !== 'object' || Array.isArray(map))
      throw new TypeError(`handler "${name}": options.${key} must map argument names to strings`);
    for (const [param, value] of Object.entries(map)) {
      if (typeof value !== 'string')
        throw new TypeError(`handler "${name}": options.${key}.${param} must be a string, got ${describe(value)}`);
    }
  }
}

export function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
