import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { emptyJobSource, type JobSource } from '../../core/jobs/job-source.js';
import { findPackageRoot } from '../../core/task/find-package-root.js';
import type { SqliteEvalStore } from '../../store/sqlite-eval-store.js';
import { matchRoute, streamed } from './api-route.js';
import { apiRoutes } from './api-routes.js';
import { sendJson } from './http-response.js';
import { guardRequest, tokenCookieName } from './request-guard.js';
import { newSessionToken } from './session-token.js';
import { serveStaticFile } from './static-files.js';
import { toErrorResponse } from './to-error-response.js';
import { WebAppContext } from './web-app-context.js';
import { notFound, WebHttpError } from './web-http-error.js';

export interface WebServerOptions {
  store: SqliteEvalStore;
  /** Shown to the user; the store is already open. */
  storeFile: string;
  /** Absolute path of the task's tunegate.yaml. */
  taskFile: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  env?: Record<string, string | undefined>;
  jobs?: JobSource;
  /** The built app; default: dist/web/app of the tunegate package. */
  staticDirectory?: string;
  /** Default: a fresh random token. */
  token?: string;
  version?: string;
  reviewer?: string;
  pollIntervalMs?: number;
  /** Unexpected errors, with their stack. */
  log?: (line: string) => void;
}

export interface WebServer {
  /** The address to open, token included: `http://127.0.0.1:PORT/?token=…`. */
  readonly url: string;
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  /** Stops playground runs, ends event streams and closes the server (not the store). */
  close(): Promise<void>;
}

/** The web app and its JSON API on 127.0.0.1, guarded by a session token. */
export async function createWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? newSessionToken();
  const staticDirectory =
    options.staticDirectory ?? join(await findPackageRoot(), 'dist', 'web', 'app');
  const app = new WebAppContext({
    store: options.store,
    storeFile: options.storeFile,
    taskFile: options.taskFile,
    env: options.env ?? process.env,
    jobs: options.jobs ?? emptyJobSource,
    version: options.version ?? '0.0.0',
    reviewer: options.reviewer ?? 'tunegate ui',
    pollIntervalMs: options.pollIntervalMs ?? 500,
  });
  let port = 0;

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const controller = new AbortController();
    response.once('close', () => controller.abort());
    try {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      guardRequest(request, url, { port, token });
      if (url.pathname.startsWith('/api/')) {
        const found = matchRoute(apiRoutes, request.method ?? 'GET', url.pathname);
        if ('methods' in found) {
          if (found.methods.length === 0) throw notFound(`endpoint ${url.pathname}`);
          throw new WebHttpError(405, 'method_not_allowed', `use ${found.methods.join(' or ')}`, {
            headers: { allow: found.methods.join(', ') },
          });
        }
        const result = await found.route.handle({
          request,
          response,
          url,
          params: found.params,
          app,
          signal: controller.signal,
        });
        if (result !== streamed) sendJson(response, 200, result);
        return;
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        throw new WebHttpError(405, 'method_not_allowed', 'use GET', { headers: { allow: 'GET' } });
      }
      // The page is opened once with ?token=; the cookie lets it load its scripts and reload.
      const cookie = url.searchParams.has('token')
        ? { 'set-cookie': `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/` }
        : {};
      await serveStaticFile(response, staticDirectory, url.pathname, cookie);
    } catch (error) {
      const answer = toErrorResponse(error);
      if (answer.internal) {
        const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
        options.log?.(`tunegate ui: ${request.method} ${request.url?.split('?')[0]}: ${detail}`);
      }
      sendJson(response, answer.status, answer.body, answer.headers);
    }
  };

  const server: Server = createServer((request, response) => {
    void handle(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    close: async () => {
      app.playground.cancelAll();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
