import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hasBearerToken } from './bearer-token.js';
import type { ExtraRoutes } from './extra-routes.js';
import { handleGeneration, toOpenAIHttpError } from './handle-generation.js';
import type { ModelHost } from './model-host.js';
import { OpenAIHttpError } from './openai-http-error.js';
import { modelList, modelObject } from './openai-response-bodies.js';
import { readJsonBody } from './read-json-body.js';

export interface OpenAICompatibleServerOptions {
  models: ModelHost;
  /** Address to bind; loopback unless the caller explicitly chooses another. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** When set, every request needs `Authorization: Bearer <apiKey>`. */
  apiKey?: string | undefined;
  /** Largest accepted request body (default 1 MiB). */
  bodyLimitBytes?: number;
  /** One line per finished request, e.g. for a `--verbose` log. */
  log?: (line: string) => void;
  /** More endpoints (the fine-tuning API), tried after authentication, before the built-in ones. */
  routes?: ExtraRoutes;
}

export interface OpenAICompatibleServer {
  /** `http://HOST:PORT` */
  readonly url: string;
  /** `http://HOST:PORT/v1`, what OpenAI clients take as base URL. */
  readonly baseURL: string;
  readonly port: number;
  /**
   * Stops accepting requests, lets the ones in flight finish (aborting them after `graceMs`,
   * default 30 s), then closes the model host.
   */
  close(options?: { graceMs?: number }): Promise<void>;
}

const routes: Record<string, string[]> = {
  '/v1/models': ['GET'],
  '/v1/chat/completions': ['POST'],
  '/v1/completions': ['POST'],
  '/health': ['GET'],
};

/** An OpenAI-compatible HTTP API over a `ModelHost`, on node:http. */
export async function createOpenAICompatibleServer(
  options: OpenAICompatibleServerOptions,
): Promise<OpenAICompatibleServer> {
  const host = options.host ?? '127.0.0.1';
  const limit = options.bodyLimitBytes ?? 1024 * 1024;
  const inFlight = new Set<{ controller: AbortController; done: Promise<void> }>();
  const idPrefix = randomBytes(6).toString('hex');
  let nextId = 1;
  let closing: Promise<void> | undefined;

  const server: Server = createServer((request, response) => {
    const controller = new AbortController();
    response.on('close', () => {
      if (!response.writableFinished) controller.abort(new Error('the client went away'));
    });
    const started = performance.now();
    const entry = {
      controller,
      done: route(request, response, controller.signal).finally(() => {
        inFlight.delete(entry);
        const milliseconds = Math.round(performance.now() - started);
        options.log?.(`${request.method} ${request.url} ${response.statusCode} ${milliseconds}ms`);
      }),
    };
    inFlight.add(entry);
  });

  async function route(request: IncomingMessage, response: ServerResponse, signal: AbortSignal) {
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) =>
      sendJson(response, status, body, headers);
    try {
      if (closing !== undefined) {
        throw new OpenAIHttpError(503, 'The server is shutting down.', {
          headers: { connection: 'close' },
        });
      }
      if (options.apiKey !== undefined && !hasBearerToken(request.headers, options.apiKey)) {
        // Never echo the presented key back, not even masked.
        throw new OpenAIHttpError(401, 'Incorrect API key provided.', {
          code: 'invalid_api_key',
          headers: { 'www-authenticate': 'Bearer' },
        });
      }
      const method = request.method ?? 'GET';
      const url = new URL(request.url ?? '/', 'http://localhost');
      const path = url.pathname.replace(/\/+$/, '');
      const extra = { request, response, method, path, query: url.searchParams, signal };
      if (options.routes && (await options.routes.handle({ ...extra, sendJson: send }))) return;
      if (path.startsWith('/v1/models/')) {
        if (method !== 'GET') throw notAllowed(method, path, ['GET']);
        const id = decodeModelId(path.slice('/v1/models/'.length));
        const model = options.models.getModel(id);
        if (model === undefined) {
          throw new OpenAIHttpError(
            404,
            `The model \`${id}\` does not exist or you do not have access to it.`,
            {
              param: 'model',
              code: 'model_not_found',
            },
          );
        }
        return send(200, modelObject(model));
      }
      const allowed = routes[path];
      if (allowed === undefined) {
        throw new OpenAIHttpError(404, `Unknown request URL: ${method} ${path}.`, {
          code: 'unknown_url',
        });
      }
      if (!allowed.includes(method)) throw notAllowed(method, path, allowed);
      if (path === '/v1/models') return send(200, modelList(options.models.listModels()));
      if (path === '/health') return send(200, health(options.models));
      const body = await readJsonBody(request, limit);
      const endpoint = path === '/v1/chat/completions' ? 'chat' : 'completion';
      await handleGeneration(endpoint, body, {
        host: options.models,
        response,
        signal,
        id: `${idPrefix}${(nextId++).toString(36)}`,
        sendJson: send,
      });
    } catch (error) {
      if (signal.aborted || response.headersSent) {
        if (!response.writableEnded) response.end();
        return;
      }
      const failure = toOpenAIHttpError(error);
      if (failure.status === 413) failure.headers.connection = 'close';
      send(failure.status, failure.body, failure.headers);
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  async function close(graceMs: number): Promise<void> {
    const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const pending = [...inFlight].map((entry) => entry.done);
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), graceMs);
    });
    if ((await Promise.race([Promise.allSettled(pending), grace])) === 'late') {
      for (const entry of inFlight)
        entry.controller.abort(new Error('the server is shutting down'));
      await Promise.allSettled([...inFlight].map((entry) => entry.done));
    }
    clearTimeout(timer);
    server.closeAllConnections();
    await stopped;
    await options.routes?.close();
    await options.models.close();
  }

  return {
    url,
    baseURL: `${url}/v1`,
    port,
    close: (closeOptions = {}) => {
      closing ??= close(closeOptions.graceMs ?? 30_000);
      return closing;
    },
  };
}

function decodeModelId(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    throw new OpenAIHttpError(400, 'The model id in the URL is not valid percent-encoding.', {
      param: 'model',
    });
  }
}

function health(models: ModelHost) {
  return {
    status: 'ok',
    models: models
      .listModels()
      .map((model) => ({ id: model.id, active: model.active, queued: model.queued })),
  };
}

function notAllowed(method: string, path: string, allowed: string[]): OpenAIHttpError {
  return new OpenAIHttpError(
    405,
    `Method ${method} is not allowed on ${path}; use ${allowed.join(', ')}.`,
    {
      code: 'method_not_allowed',
      headers: { allow: allowed.join(', ') },
    },
  );
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string>,
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  response.end(text);
}
