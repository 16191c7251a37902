import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { ScriptedDouble, type ScriptedDoubleOptions } from '../../src/providers/scripted-double.js';
import type { ChatMessage } from '../../src/spec/chat-message.js';
import type { GenerateResult } from '../../src/spec/language-model.js';
import type { Prompt } from '../../src/spec/prompt.js';
import type { SamplingOptions } from '../../src/spec/sampling-options.js';
import { ProviderCallError } from '../../src/spec/tunegate-error.js';

export interface OpenAITestServerOptions {
  /** How the server answers: the scripted double's rules (default: echo the last user message). */
  double?: Omit<ScriptedDoubleOptions, 'modelId'>;
  /** When set, every request must carry `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** Ids listed by `GET /v1/models`. */
  models?: string[];
}

/** A scripted fault answered instead of the next request. */
export interface ScriptedFault {
  status: number;
  retryAfterSeconds?: number;
  retryAfterMs?: number;
  message?: string;
  /** Replaces the OpenAI-shaped error body with this raw text. */
  rawBody?: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body, or undefined for GET and unparseable bodies. */
  body: Record<string, unknown> | undefined;
}

interface OpenAIError {
  status: number;
  message: string;
  type: string;
  param?: string | null;
  code?: string | null;
  headers?: Record<string, string>;
}

const createdAt = 1_700_000_000;

/**
 * A real HTTP server on loopback speaking OpenAI's chat, legacy completion and models
 * endpoints (non-streaming), answering by scripted-double rules. Tests assert on `requests`
 * and script faults with `failNext`.
 */
export class OpenAITestServer {
  readonly requests: RecordedRequest[] = [];
  readonly #server: Server;
  readonly #double: ScriptedDouble;
  readonly #options: OpenAITestServerOptions;
  readonly #faults: ScriptedFault[] = [];
  #port = 0;
  #nextId = 1;

  private constructor(options: OpenAITestServerOptions) {
    this.#options = options;
    this.#double = new ScriptedDouble({
      modelId: 'openai-test-server',
      ...(options.double ?? { rules: [], default: '{{input}}' }),
    });
    this.#server = createServer((request, response) => {
      this.#handle(request, response).catch((error: unknown) => {
        sendError(response, { status: 500, message: String(error), type: 'server_error' });
      });
    });
  }

  static async start(options: OpenAITestServerOptions = {}): Promise<OpenAITestServer> {
    const server = new OpenAITestServer(options);
    await new Promise<void>((resolve) => server.#server.listen(0, '127.0.0.1', resolve));
    server.#port = (server.#server.address() as AddressInfo).port;
    return server;
  }

  /** `http://127.0.0.1:PORT` */
  get url(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  /** `http://127.0.0.1:PORT/v1`, what SDKs take as base URL. */
  get baseURL(): string {
    return `${this.url}/v1`;
  }

  get lastRequest(): RecordedRequest | undefined {
    return this.requests.at(-1);
  }

  /** Answer the next request (of any kind) with this fault; faults queue in order. */
  failNext(fault: ScriptedFault): void {
    this.#faults.push(fault);
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? 'GET';
    const path = new URL(request.url ?? '/', this.url).pathname;
    const raw = await readBody(request);
    let body: Record<string, unknown> | undefined;
    let bodyIsValid = true;
    if (raw !== '') {
      try {
        const parsed: unknown = JSON.parse(raw);
        if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
          body = parsed as Record<string, unknown>;
        } else bodyIsValid = false;
      } catch {
        bodyIsValid = false;
      }
    }
    this.requests.push({ method, path, headers: request.headers, body });

    const apiKey = this.#options.apiKey;
    if (apiKey !== undefined && request.headers.authorization !== `Bearer ${apiKey}`) {
      // Never echo the presented key back, not even masked.
      return sendError(response, {
        status: 401,
        message: 'Incorrect API key provided.',
        type: 'invalid_request_error',
        code: 'invalid_api_key',
      });
    }
    const fault = this.#faults.shift();
    if (fault !== undefined) return sendFault(response, fault);
    if (!bodyIsValid) {
      return sendError(response, {
        status: 400,
        message: 'We could not parse the JSON body of your request.',
        type: 'invalid_request_error',
      });
    }

    if (method === 'GET' && path === '/v1/models') {
      const ids = this.#options.models ?? ['test-model'];
      return sendJson(response, 200, { object: 'list', data: ids.map(modelObject) });
    }
    const isChat = path === '/v1/chat/completions';
    if (method === 'POST' && (isChat || path === '/v1/completions')) {
      return this.#generate(response, body ?? {}, isChat);
    }
    return sendError(response, {
      status: 404,
      message: `Unknown request URL: ${method} ${path}.`,
      type: 'invalid_request_error',
      code: 'unknown_url',
    });
  }

  /** One double call per requested choice (`n`); a scripted double failure becomes an HTTP error. */
  async #generate(response: ServerResponse, body: Record<string, unknown>, isChat: boolean) {
    const prompt = promptOf(body, isChat);
    if ('status' in prompt) return sendError(response, prompt);
    const sampling = samplingOf(body);
    const count = typeof body.n === 'number' && body.n > 1 ? body.n : 1;
    const results: GenerateResult[] = [];
    try {
      for (let index = 0; index < count; index++) {
        results.push(await this.#double.generate({ prompt, sampling }));
      }
    } catch (error) {
      const status = error instanceof ProviderCallError ? (error.status ?? 500) : 500;
      const retryAfterMs = error instanceof ProviderCallError ? error.retryAfterMs : undefined;
      return sendError(response, {
        ...faultKind(status),
        status,
        message: error instanceof Error ? error.message : String(error),
        ...(retryAfterMs === undefined
          ? {}
          : { headers: { 'retry-after-ms': String(retryAfterMs) } }),
      });
    }
    const finishReason = (result: GenerateResult) =>
      result.finishReason === 'length' ? 'length' : 'stop';
    const common = {
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      usage: usageOf(results),
    };
    if (isChat) {
      return sendJson(response, 200, {
        id: `chatcmpl-test${this.#nextId++}`,
        object: 'chat.completion',
        ...common,
        choices: results.map((result, index) => ({
          index,
          message: { role: 'assistant', content: result.text, refusal: null, annotations: [] },
          logprobs: null,
          finish_reason: finishReason(result),
        })),
        service_tier: 'default',
        system_fingerprint: 'fp_tunegate_test',
      });
    }
    sendJson(response, 200, {
      id: `cmpl-test${this.#nextId++}`,
      object: 'text_completion',
      ...common,
      choices: results.map((result, index) => ({
        text: result.text,
        index,
        logprobs: null,
        finish_reason: finishReason(result),
      })),
      system_fingerprint: 'fp_tunegate_test',
    });
  }
}

export function startOpenAITestServer(
  options?: OpenAITestServerOptions,
): Promise<OpenAITestServer> {
  return OpenAITestServer.start(options);
}

/** The request's prompt, or the 400 OpenAI answers for a malformed request. */
function promptOf(body: Record<string, unknown>, isChat: boolean): Prompt | OpenAIError {
  if (typeof body.model !== 'string' || body.model === '') {
    return badRequest('you must provide a model parameter', 'model');
  }
  if (body.stream === true) {
    return badRequest('streaming is not supported by the test server', 'stream');
  }
  if (isChat) {
    if (!Array.isArray(body.messages) || body.messages.length === 0) {
      return badRequest("'messages' must be a non-empty array", 'messages');
    }
    return { mode: 'chat', messages: body.messages.map(toChatMessage) };
  }
  const text = Array.isArray(body.prompt) ? body.prompt[0] : body.prompt;
  if (typeof text !== 'string') return badRequest("'prompt' must be a string", 'prompt');
  return { mode: 'completion', text };
}

function samplingOf(body: Record<string, unknown>): SamplingOptions {
  const sampling: SamplingOptions = {};
  if (typeof body.seed === 'number') sampling.seed = body.seed;
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  if (typeof maxTokens === 'number') sampling.maxTokens = maxTokens;
  if (typeof body.stop === 'string') sampling.stop = [body.stop];
  else if (Array.isArray(body.stop))
    sampling.stop = body.stop.filter((stop) => typeof stop === 'string');
  return sampling;
}

function toChatMessage(message: unknown): ChatMessage {
  const record = (typeof message === 'object' && message !== null ? message : {}) as Record<
    string,
    unknown
  >;
  const role =
    record.role === 'assistant' ? 'assistant' : record.role === 'user' ? 'user' : 'system';
  const content = record.content;
  if (typeof content === 'string') return { role, content };
  if (Array.isArray(content)) {
    const text = content
      .map((part) =>
        typeof part === 'object' && part !== null && 'text' in part ? String(part.text) : '',
      )
      .join('');
    return { role, content: text };
  }
  return { role, content: '' };
}

function usageOf(results: GenerateResult[]): Record<string, unknown> {
  const promptTokens = results[0]?.usage.inputTokens ?? 0;
  const completionTokens = results.reduce((sum, result) => sum + result.usage.outputTokens, 0);
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

function modelObject(id: string): Record<string, unknown> {
  return { id, object: 'model', created: createdAt, owned_by: 'tunegate-test' };
}

function badRequest(message: string, param: string): OpenAIError {
  return { status: 400, message, type: 'invalid_request_error', param };
}

function sendFault(response: ServerResponse, fault: ScriptedFault): void {
  const headers: Record<string, string> = {};
  if (fault.retryAfterSeconds !== undefined)
    headers['retry-after'] = String(fault.retryAfterSeconds);
  if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs);
  if (fault.rawBody !== undefined) {
    response.writeHead(fault.status, { 'content-type': 'text/plain', ...headers });
    response.end(fault.rawBody);
    return;
  }
  const kind = faultKind(fault.status);
  sendError(response, {
    ...kind,
    status: fault.status,
    message: fault.message ?? kind.message,
    headers,
  });
}

function faultKind(status: number): { type: string; code: string | null; message: string } {
  if (status === 429) {
    return {
      type: 'requests',
      code: 'rate_limit_exceeded',
      message: 'Rate limit reached for requests.',
    };
  }
  if (status >= 500) {
    return {
      type: 'server_error',
      code: null,
      message: 'The server had an error while processing your request.',
    };
  }
  return { type: 'invalid_request_error', code: null, message: 'Invalid request.' };
}

function sendError(response: ServerResponse, error: OpenAIError): void {
  const body = {
    error: {
      message: error.message,
      type: error.type,
      param: error.param ?? null,
      code: error.code ?? null,
    },
  };
  sendJson(response, error.status, body, error.headers);
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
