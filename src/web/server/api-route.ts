import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebAppContext } from './web-app-context.js';

/** What a handler gets: the parsed URL, path parameters and the shared app state. */
export interface ApiRequest {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  params: Record<string, string>;
  app: WebAppContext;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
}

/** Returned by a handler that wrote the response itself (an event stream). */
export const streamed: unique symbol = Symbol('streamed');

export type ApiHandler = (request: ApiRequest) => Promise<unknown>;

export interface ApiRoute {
  method: 'GET' | 'POST';
  pattern: RegExp;
  names: string[];
  handle: ApiHandler;
}

/** `route('GET', '/api/runs/:id/cells', handler)`: `:name` matches one path segment. */
export function route(method: ApiRoute['method'], path: string, handle: ApiHandler): ApiRoute {
  const names: string[] = [];
  const source = path
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(segment.slice(1));
      return '([^/]+)';
    })
    .join('/');
  return { method, pattern: new RegExp(`^${source}$`), names, handle };
}

/** The route for a method and path, with its decoded parameters; `methods` lists the others. */
export function matchRoute(
  routes: readonly ApiRoute[],
  method: string,
  pathname: string,
): { route: ApiRoute; params: Record<string, string> } | { methods: string[] } {
  const methods: string[] = [];
  for (const candidate of routes) {
    const match = candidate.pattern.exec(pathname);
    if (!match) continue;
    if (candidate.method !== method && !(method === 'HEAD' && candidate.method === 'GET')) {
      methods.push(candidate.method);
      continue;
    }
    const params: Record<string, string> = {};
    candidate.names.forEach((name, index) => {
      params[name] = safeDecode(match[index + 1] ?? '');
    });
    return { route: candidate, params };
  }
  return { methods };
}

/** A malformed escape is left as it is: it then names nothing and ends as a 404. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
