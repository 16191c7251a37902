import type { ApiErrorBody } from '../../api-contract.js';

let sessionToken = '';

export function setApiToken(token: string): void {
  sessionToken = token;
}

/** An error answer of the API, with its code and problems. */
export class ApiError extends Error {
  readonly status: number;
  readonly body: ApiErrorBody | undefined;

  constructor(status: number, message: string, body?: ApiErrorBody) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

async function request<T>(path: string, init: RequestInit): Promise<T> {
  const response = await fetch(path, {
    ...init,
    headers: { ...(init.headers ?? {}), authorization: `Bearer ${sessionToken}` },
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    throw new ApiError(response.status, `the server answered ${response.status} without JSON`);
  }
  if (!response.ok) {
    const error = body as ApiErrorBody | undefined;
    throw new ApiError(response.status, error?.error?.message ?? `HTTP ${response.status}`, error);
  }
  return body as T;
}

export function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return request<T>(path, signal ? { signal } : {});
}

export function postJson<T>(path: string, body: unknown): Promise<T> {
  return request<T>(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/**
 * Subscribes to a server-sent event stream of JSON events (authenticated by the session
 * cookie the page was opened with); returns a function that closes it.
 */
export function openEvents<T>(
  path: string,
  onEvent: (event: T) => void,
  onClosed?: () => void,
): () => void {
  const source = new EventSource(path);
  source.onmessage = (message: MessageEvent<string>) => {
    onEvent(JSON.parse(message.data) as T);
  };
  // The server ends a stream when there is nothing more to say; do not let it reconnect.
  source.onerror = () => {
    source.close();
    onClosed?.();
  };
  return () => source.close();
}
