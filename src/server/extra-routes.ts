import type { IncomingMessage, ServerResponse } from 'node:http';

/** One request as the server hands it to extra routes, after authentication. */
export interface RouteRequest {
  request: IncomingMessage;
  response: ServerResponse;
  method: string;
  /** The URL path without a trailing slash, e.g. `/v1/files/file-abc`. */
  path: string;
  query: URLSearchParams;
  /** Aborts when the client goes away or the server is forced down. */
  signal: AbortSignal;
  sendJson: (status: number, body: unknown, headers?: Record<string, string>) => void;
}

/**
 * Routes beyond the built-in OpenAI endpoints (the fine-tuning API). `handle` resolves true
 * when it answered the request, false to let the server go on; errors it throws are answered
 * in OpenAI's error shape.
 */
export interface ExtraRoutes {
  handle(route: RouteRequest): Promise<boolean>;
  /** Called once the server has finished its in-flight requests, before the models close. */
  close(): Promise<void>;
}
