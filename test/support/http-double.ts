import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DoubleRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body, when the request sent JSON. */
  json: unknown;
  /** The parsed form, when the request sent multipart/form-data. */
  form: FormData | undefined;
}

export interface DoubleReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export type DoubleHandler = (request: DoubleRequest) => DoubleReply | Promise<DoubleReply>;

/**
 * The HTTP part of the engine TEST DOUBLES: a loopback server that records every request,
 * checks the bearer key, parses JSON and multipart bodies, and answers through a handler.
 * `failNext` queues raw replies (e.g. a 500) answered before the handler runs.
 */
export class HttpDouble {
  readonly requests: DoubleRequest[] = [];
  readonly #server: Server;
  readonly #faults: DoubleReply[] = [];
  #port = 0;

  private constructor(handler: DoubleHandler, apiKey: string | undefined) {
    this.#server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const raw = Buffer.concat(chunks);
        void this.#answer(
          request.method ?? 'GET',
          request.url ?? '/',
          request.headers,
          raw,
          handler,
          apiKey,
        )
          .catch(
            (error: unknown): DoubleReply => ({
              status: 500,
              body: { error: { message: String(error) } },
            }),
          )
          .then((reply) => {
            response.writeHead(reply.status, {
              'content-type': 'application/json',
              ...(reply.headers ?? {}),
            });
            response.end(JSON.stringify(reply.body));
          });
      });
    });
  }

  static async start(handler: DoubleHandler, apiKey?: string): Promise<HttpDouble> {
    const double = new HttpDouble(handler, apiKey);
    await new Promise<void>((resolve) => double.#server.listen(0, '127.0.0.1', resolve));
    double.#port = (double.#server.address() as AddressInfo).port;
    return double;
  }

  get url(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  failNext(reply: DoubleReply): void {
    this.#faults.push(reply);
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #answer(
    method: string,
    target: string,
    headers: IncomingHttpHeaders,
    raw: Buffer,
    handler: DoubleHandler,
    apiKey: string | undefined,
  ): Promise<DoubleReply> {
    const url = new URL(target, this.url);
    const type = headers['content-type'] ?? '';
    let json: unknown;
    let form: FormData | undefined;
    if (type.startsWith('application/json') && raw.length > 0) json = JSON.parse(raw.toString());
    if (type.startsWith('multipart/form-data')) {
      form = await new Response(raw, { headers: { 'content-type': type } }).formData();
    }
    const request: DoubleRequest = {
      method,
      path: decodeURIComponent(url.pathname),
      query: url.searchParams,
      headers,
      json,
      form,
    };
    this.requests.push(request);
    if (apiKey !== undefined && headers.authorization !== `Bearer ${apiKey}`) {
      return { status: 401, body: { error: { message: 'invalid api key' } } };
    }
    const fault = this.#faults.shift();
    if (fault) return fault;
    return handler(request);
  }
}

/** The text of an uploaded file field. */
export async function formFileText(form: FormData | undefined, field = 'file'): Promise<string> {
  const value = form?.get(field);
  if (value === null || value === undefined || typeof value === 'string') {
    throw new Error(`no file in form field "${field}"`);
  }
  return value.text();
}
