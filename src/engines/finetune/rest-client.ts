import { isRetryableStatus } from '../../providers/is-retryable-status.js';
import { parseRetryAfter } from '../../providers/parse-retry-after.js';
import { createRedactor } from '../../providers/redact-secrets.js';
import { ProviderCallError, TunegateError } from '../../spec/tunegate-error.js';

export type FetchFunction = typeof fetch;

export interface RestClientOptions {
  /** Used in error messages, e.g. `together`. */
  engine: string;
  baseURL: string;
  apiKey: string;
  fetch?: FetchFunction | undefined;
}

export interface RestRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** Appended to the base URL; starts with `/`. */
  path: string;
  json?: unknown;
  form?: FormData;
  signal?: AbortSignal | undefined;
  /** Statuses answered with `undefined` instead of an error (e.g. 404 for an optional endpoint). */
  allow?: readonly number[];
}

const snippetLength = 300;

/**
 * A small JSON-over-HTTP client for engines without an SDK (Together, Fireworks): bearer
 * auth, the engine's own error message surfaced (with the key and anything key-shaped
 * redacted), and typed, retry-aware errors.
 */
export class RestClient {
  readonly #options: RestClientOptions;
  readonly #fetch: FetchFunction;
  readonly #redact: (text: string) => string;

  constructor(options: RestClientOptions) {
    this.#options = { ...options, baseURL: options.baseURL.replace(/\/+$/, '') };
    this.#fetch = options.fetch ?? fetch;
    this.#redact = createRedactor([options.apiKey]);
  }

  async request<T>(request: RestRequest): Promise<T | undefined> {
    const { engine, baseURL, apiKey } = this.#options;
    const headers: Record<string, string> = {
      authorization: `Bearer ${apiKey}`,
      accept: 'application/json',
    };
    let body: string | FormData | undefined;
    if (request.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.json);
    } else if (request.form !== undefined) body = request.form;
    let response: Response;
    try {
      response = await this.#fetch(`${baseURL}${request.path}`, {
        method: request.method,
        headers,
        ...(body === undefined ? {} : { body }),
        ...(request.signal ? { signal: request.signal } : {}),
      });
    } catch (error) {
      if (request.signal?.aborted) {
        throw new TunegateError('ABORTED', `${engine}: the call was aborted`);
      }
      const why = error instanceof Error ? (error.cause ?? error).toString() : String(error);
      throw new ProviderCallError(
        `${engine}: could not reach ${new URL(baseURL).origin}: ${this.#redact(why)}`,
        { isRetryable: true },
      );
    }
    const text = await response.text();
    if (request.allow?.includes(response.status)) return undefined;
    if (!response.ok) {
      const retryAfterMs = parseRetryAfter(Object.fromEntries(response.headers));
      const detail = errorMessageOf(text);
      throw new ProviderCallError(
        `${engine}: ${request.method} ${request.path}: HTTP ${response.status}${detail ? `: ${this.#redact(detail)}` : ''}`,
        {
          status: response.status,
          isRetryable: isRetryableStatus(response.status),
          ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
        },
      );
    }
    if (text.trim() === '') return {} as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ProviderCallError(
        `${engine}: ${request.method} ${request.path}: the reply is not JSON: ${this.#redact(text.slice(0, snippetLength))}`,
        { status: response.status, isRetryable: false },
      );
    }
  }

  /** Like `request`, for endpoints that always answer with a body. */
  async send<T>(request: Omit<RestRequest, 'allow'>): Promise<T> {
    return (await this.request<T>(request)) as T;
  }
}

/** The message of the common error shapes: `{error: {message}}`, `{error: "…"}`, `{message}`. */
export function errorMessageOf(text: string): string {
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    const error = parsed.error;
    if (typeof error === 'object' && error !== null && 'message' in error) {
      return String((error as { message: unknown }).message).slice(0, snippetLength);
    }
    if (typeof error === 'string') return error.slice(0, snippetLength);
    if (typeof parsed.message === 'string') return parsed.message.slice(0, snippetLength);
  } catch {
    // not JSON: fall through to the raw text
  }
  return text.trim().slice(0, snippetLength);
}
