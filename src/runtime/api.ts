/**
 * The `api` argument of `defineApiHandler`: an HTTP client on `fetch` with a
 * base URL, a timeout and default headers, and helpers that turn responses
 * into results, with the SDK's classification (408, 429 and 5xx gateway
 * errors are retryable; other 4xx are not).
 */
import { ErrorType, StepHandlerResult } from './result.js';

const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);
const STATUS_TEXT: Record<number, [errorType: string, text: string]> = {
  400: ['bad_request', 'Bad Request'],
  401: ['unauthorized', 'Unauthorized'],
  403: ['forbidden', 'Forbidden'],
  404: ['not_found', 'Not Found'],
  405: ['method_not_allowed', 'Method Not Allowed'],
  408: ['request_timeout', 'Request Timeout'],
  409: ['conflict', 'Conflict'],
  410: ['gone', 'Gone'],
  422: ['unprocessable_entity', 'Unprocessable Entity'],
  429: ['rate_limited', 'Too Many Requests'],
  500: ['internal_server_error', 'Internal Server Error'],
  502: ['bad_gateway', 'Bad Gateway'],
  503: ['service_unavailable', 'Service Unavailable'],
  504: ['gateway_timeout', 'Gateway Timeout'],
};

/**
 * What ApiResponse reads of a fetch `Response` (which fits it). Structural, so
 * that the runtime's declarations need neither the DOM library nor @types/node.
 */
export interface FetchResponse {
  readonly status: number;
  readonly headers: { forEach(callback: (value: string, name: string) => void): void };
}

/** Options `request` passes on to fetch (a `RequestInit` fits): headers as fetch takes them, and a body. */
export interface RequestOptions {
  headers?: object;
  body?: unknown;
}

/** Headers as a plain record; built with fromEntries, so a header named `__proto__` stays a header. */
function headerRecord(headers: FetchResponse['headers']): Record<string, string> {
  const entries: Array<[string, string]> = [];
  headers.forEach((value, name) => {
    entries.push([name, value]);
  });
  return Object.fromEntries(entries);
}

export class ApiResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: unknown;
  /** The fetch `Response`. */
  readonly rawResponse: FetchResponse;

  constructor(response: FetchResponse, body?: unknown) {
    this.statusCode = response.status;
    this.headers = headerRecord(response.headers);
    this.rawResponse = response;
    this.body = body;
  }

  get ok(): boolean {
    return this.statusCode >= 200 && this.statusCode < 300;
  }

  get isClientError(): boolean {
    return this.statusCode >= 400 && this.statusCode <= 499;
  }

  get isServerError(): boolean {
    return this.statusCode >= 500 && this.statusCode <= 599;
  }

  get isRetryable(): boolean {
    return RETRYABLE_STATUS.has(this.statusCode);
  }

  /** Seconds from a `Retry-After` header (60 when it is not a number); null without one. */
  get retryAfter(): number | null {
    const value = this.headers['retry-after'];
    if (!value) return null;
    const seconds = Number.parseInt(value, 10);
    return Number.isNaN(seconds) ? 60 : seconds;
  }

  toDict(): Record<string, unknown> {
    return { status_code: this.statusCode, headers: this.headers, body: this.body };
  }
}

interface BodyOptions {
  body?: unknown;
  json?: boolean;
  headers?: Record<string, string>;
}

export interface ApiClientOptions {
  baseUrl: string;
  /** Milliseconds. Default: 30000. */
  defaultTimeout?: number;
  defaultHeaders?: Record<string, string>;
}

/** The SDK's `APICapable`: what `api` offers a handler. */
export class ApiClient {
  readonly baseUrl: string;
  readonly timeout: number;
  readonly defaultHeaders: Record<string, string>;

  constructor(options: ApiClientOptions) {
    this.baseUrl = options.baseUrl;
    this.timeout = options.defaultTimeout ?? 30000;
    this.defaultHeaders = { ...options.defaultHeaders };
  }

  get(path: string, params?: Record<string, unknown>, headers?: Record<string, string>): Promise<ApiResponse> {
    return this.send(this.url(path, params), { method: 'GET', headers: this.headersWith(headers) });
  }

  post(path: string, options?: BodyOptions): Promise<ApiResponse> {
    return this.withBody('POST', path, options);
  }

  put(path: string, options?: BodyOptions): Promise<ApiResponse> {
    return this.withBody('PUT', path, options);
  }

  patch(path: string, options?: BodyOptions): Promise<ApiResponse> {
    return this.withBody('PATCH', path, options);
  }

  delete(path: string, headers?: Record<string, string>): Promise<ApiResponse> {
    return this.send(this.url(path), { method: 'DELETE', headers: this.headersWith(headers) });
  }

  request(method: string, path: string, options?: RequestOptions): Promise<ApiResponse> {
    const given = options?.headers ? headerRecord(new Headers(options.headers as ConstructorParameters<typeof Headers>[0])) : undefined;
    return this.send(this.url(path), { ...(options as RequestInit | undefined), method, headers: this.headersWith(given) });
  }

  /** A success whose result is `result`, else the response body (an object) or `{ data: body }`. */
  apiSuccess(response: ApiResponse, result?: Record<string, unknown>, includeResponse = true): StepHandlerResult {
    const data =
      result ??
      (typeof response.body === 'object' && response.body !== null ? (response.body as Record<string, unknown>) : { data: response.body });
    return StepHandlerResult.success(data, includeResponse ? { status_code: response.statusCode, headers: response.headers } : {});
  }

  /** A failure classified by status: retryable for 408, 429 and 5xx gateway errors. */
  apiFailure(response: ApiResponse, message?: string): StepHandlerResult {
    const known = STATUS_TEXT[response.statusCode];
    const errorType = known?.[0] ?? (response.isClientError ? 'client_error' : response.isServerError ? 'server_error' : 'http_error');
    const metadata: Record<string, unknown> = { status_code: response.statusCode, headers: response.headers };
    if (response.retryAfter !== null) metadata.retry_after_seconds = response.retryAfter;
    if (response.body) metadata.response_body = response.body;
    const text = message || `HTTP ${response.statusCode}: ${bodyMessage(response.body) ?? known?.[1] ?? 'HTTP Error'}`;
    return StepHandlerResult.failure(text, errorType, response.isRetryable, metadata);
  }

  connectionError(error: Error, context?: string): StepHandlerResult {
    return StepHandlerResult.failure(`Connection error${context ? ` while ${context}` : ''}: ${error.message}`, 'connection_error', true, {
      exception_type: error.constructor.name,
    });
  }

  timeoutError(error: Error, context?: string): StepHandlerResult {
    return StepHandlerResult.failure(`Request timeout${context ? ` while ${context}` : ''}: ${error.message}`, ErrorType.TIMEOUT, true, {
      exception_type: error.constructor.name,
    });
  }

  private withBody(method: string, path: string, options: BodyOptions | undefined): Promise<ApiResponse> {
    const json = options?.json !== false;
    const body = options?.body ? (json ? JSON.stringify(options.body) : String(options.body)) : undefined;
    return this.send(this.url(path), {
      method,
      headers: this.headersWith(options?.headers, json),
      ...(body !== undefined ? { body } : {}),
    });
  }

  private async send(url: string, init: RequestInit): Promise<ApiResponse> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeout);
    try {
      const response = await fetch(url, { ...init, signal: controller.signal });
      const text = await response.text();
      let body: unknown = text;
      if ((response.headers.get('content-type') ?? '').includes('application/json')) {
        try {
          body = JSON.parse(text) as unknown;
        } catch {
          body = text;
        }
      }
      return new ApiResponse(response, body);
    } finally {
      clearTimeout(timer);
    }
  }

  private url(path: string, params?: Record<string, unknown>): string {
    const url = this.baseUrl + path;
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params ?? {})) if (value !== null && value !== undefined) query.append(key, String(value));
    const text = query.toString();
    return text ? `${url}${url.includes('?') ? '&' : '?'}${text}` : url;
  }

  private headersWith(extra?: Record<string, string>, json = false): Record<string, string> {
    const headers: Record<string, string> = { ...this.defaultHeaders };
    if (json && !headers['Content-Type']) headers['Content-Type'] = 'application/json';
    return { ...headers, ...extra };
  }
}

/** The error message a JSON error body carries (`error`, `message`, `detail`, …). */
function bodyMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  for (const key of ['error', 'message', 'detail', 'error_message', 'msg']) {
    if (!Object.hasOwn(body, key)) continue;
    const detail = (body as Record<string, unknown>)[key];
    if (typeof detail === 'string') return detail;
    if (typeof detail === 'object' && detail !== null && 'message' in detail) return String((detail as { message: unknown }).message);
  }
  return undefined;
}
