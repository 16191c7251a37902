import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProviderCallError } from '../spec/tunegate-error.js';
import { createLanguageModel } from './create-language-model.js';

interface Recorded {
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A loopback server that records requests and answers from a queue, else from `fallback`. */
async function startLoopbackServer(fallback: (request: Recorded) => Reply) {
  const requests: Recorded[] = [];
  const queue: Reply[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const recorded = {
        path: request.url ?? '/',
        headers: request.headers,
        body: text ? JSON.parse(text) : {},
      };
      requests.push(recorded);
      const reply = queue.shift() ?? fallback(recorded);
      response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      response.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    queue,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

type LoopbackServer = Awaited<ReturnType<typeof startLoopbackServer>>;

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('anthropic through the Messages API', () => {
  const key = 'sk-ant-secret-0123456789abcdef';
  let server: LoopbackServer;
  beforeAll(async () => {
    server = await startLoopbackServer((request) => ({
      status: 200,
      body: {
        id: 'msg_test_1',
        type: 'message',
        role: 'assistant',
        content: [{ type: 'text', text: 'Bonjour' }],
        model: request.body.model,
        stop_reason: 'max_tokens',
        stop_sequence: null,
        usage: { input_tokens: 12, output_tokens: 3 },
      },
    }));
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.requests.length = 0;
  });

  // A model the SDK knows to accept sampling parameters (newer Claude models reject them).
  const settings = () => ({ ref: 'anthropic:claude-haiku-4-5', baseURL: `${server.url}/v1` });

  it('maps messages, sampling, usage and finish reason', async () => {
    const model = createLanguageModel(settings(), { env: { ANTHROPIC_API_KEY: key } });
    const result = await model.generate({
      prompt: {
        mode: 'chat',
        messages: [
          { role: 'system', content: 'Translate to French.' },
          { role: 'user', content: 'Hello' },
        ],
      },
      sampling: { temperature: 0.2, topK: 40, maxTokens: 50, stop: ['###'] },
    });
    expect(result).toMatchObject({
      text: 'Bonjour',
      usage: { inputTokens: 12, outputTokens: 3 },
      finishReason: 'length',
      rawFinishReason: 'max_tokens',
    });
    expect(result.usage.estimated).toBeUndefined();
    const request = server.requests[0];
    expect(request?.path).toBe('/v1/messages');
    expect(request?.headers['x-api-key']).toBe(key);
    expect(request?.body).toMatchObject({
      model: 'claude-haiku-4-5',
      max_tokens: 50,
      temperature: 0.2,
      top_k: 40,
      stop_sequences: ['###'],
      system: [{ type: 'text', text: 'Translate to French.' }],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }],
    });
  });

  it('passes on the SDK warning when a model rejects sampling parameters', async () => {
    const model = createLanguageModel(
      { ref: 'anthropic:claude-opus-4-7', baseURL: `${server.url}/v1` },
      { env: { ANTHROPIC_API_KEY: key } },
    );
    const result = await model.generate({
      prompt: { mode: 'chat', messages: [{ role: 'user', content: 'Hello' }] },
      sampling: { temperature: 0.2, maxTokens: 10 },
    });
    expect(result.warnings?.some((warning) => warning.startsWith('unsupported: temperature'))).toBe(
      true,
    );
    expect(server.requests[0]?.body).not.toHaveProperty('temperature');
  });

  it('maps 429 with retry-after and keeps the key out of errors and the model', async () => {
    const model = createLanguageModel(settings(), { env: { ANTHROPIC_API_KEY: key } });
    server.queue.push({
      status: 429,
      headers: { 'retry-after': '3' },
      body: {
        type: 'error',
        error: {
          type: 'rate_limit_error',
          message: 'Number of requests has exceeded your rate limit',
        },
      },
    });
    const error = (await caught(
      model.generate({
        prompt: { mode: 'chat', messages: [{ role: 'user', content: 'x' }] },
        sampling: {},
      }),
    )) as ProviderCallError;
    expect(error).toBeInstanceOf(ProviderCallError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 3000, isRetryable: true });
    expect(error.message).toContain('exceeded your rate limit');
    for (const value of [model, error]) {
      expect(JSON.stringify(value)).not.toContain(key);
      expect(inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true })).not.toContain(
        key,
      );
    }
  });

  it('treats 529 overloaded as retryable', async () => {
    const model = createLanguageModel(settings(), { env: { ANTHROPIC_API_KEY: key } });
    server.queue.push({
      status: 529,
      body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
    });
    const error = await caught(
      model.generate({
        prompt: { mode: 'chat', messages: [{ role: 'user', content: 'x' }] },
        sampling: {},
      }),
    );
    expect(error).toMatchObject({ status: 529, isRetryable: true });
  });

  it('needs ANTHROPIC_API_KEY and refuses completion mode', () => {
    expect(() => createLanguageModel(settings(), { env: {} })).toThrow(/ANTHROPIC_API_KEY/);
    expect(() =>
      createLanguageModel(
        { ...settings(), mode: 'completion' },
        { env: { ANTHROPIC_API_KEY: key } },
      ),
    ).toThrow(/no completion endpoint/);
    expect(
      createLanguageModel(settings(), { env: { ANTHROPIC_API_KEY: key } }).supportsCompletionMode,
    ).toBe(false);
  });
});

describe('ollama through /api/chat', () => {
  let server: LoopbackServer;
  beforeAll(async () => {
    server = await startLoopbackServer((request) => ({
      status: 200,
      body: {
        model: request.body.model,
        created_at: '2025-01-01T00:00:00Z',
        message: { role: 'assistant', content: 'positive' },
        done: true,
        done_reason: 'stop',
        prompt_eval_count: 21,
        eval_count: 2,
        total_duration: 1000,
      },
    }));
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.requests.length = 0;
  });

  it('sends sampling in Ollama options and maps the reply', async () => {
    const model = createLanguageModel(
      { ref: 'ollama:llama3.2:1b', baseURL: `${server.url}/api` },
      { env: {} },
    );
    expect(model.modelId).toBe('llama3.2:1b');
    const result = await model.generate({
      prompt: { mode: 'chat', messages: [{ role: 'user', content: 'Sentiment of: great!' }] },
      sampling: {
        temperature: 0,
        topP: 0.5,
        topK: 10,
        maxTokens: 8,
        seed: 7,
        stop: ['\n'],
        repeatPenalty: 1.2,
        presencePenalty: 0.1,
      },
    });
    expect(result).toMatchObject({
      text: 'positive',
      usage: { inputTokens: 21, outputTokens: 2 },
      finishReason: 'stop',
    });
    expect(result.warnings).toEqual(['presencePenalty is not supported by ollama; ignored']);
    const request = server.requests[0];
    expect(request?.path).toBe('/api/chat');
    expect(request?.body).toMatchObject({
      model: 'llama3.2:1b',
      stream: false,
      messages: [{ role: 'user', content: 'Sentiment of: great!' }],
      options: {
        temperature: 0,
        top_p: 0.5,
        top_k: 10,
        num_predict: 8,
        seed: 7,
        stop: ['\n'],
        repeat_penalty: 1.2,
      },
    });
  });

  it('estimates usage when the server reports none', async () => {
    server.queue.push({
      status: 200,
      body: {
        model: 'm',
        created_at: '2025-01-01T00:00:00Z',
        message: { role: 'assistant', content: 'abcdefgh' },
        done: true,
      },
    });
    const model = createLanguageModel(
      { ref: 'ollama:m', baseURL: `${server.url}/api` },
      { env: {} },
    );
    const result = await model.generate({
      prompt: { mode: 'chat', messages: [{ role: 'user', content: 'abcd' }] },
      sampling: {},
    });
    // chars / 4, rounded up: "abcd" is 1, "abcdefgh" is 2.
    expect(result.usage).toEqual({ inputTokens: 1, outputTokens: 2, estimated: true });
  });

  it('maps a 500 from Ollama to a retryable error', async () => {
    server.queue.push({ status: 500, body: { error: 'model runner crashed' } });
    const model = createLanguageModel(
      { ref: 'ollama:m', baseURL: `${server.url}/api` },
      { env: {} },
    );
    const error = await caught(
      model.generate({
        prompt: { mode: 'chat', messages: [{ role: 'user', content: 'x' }] },
        sampling: {},
      }),
    );
    expect(error).toMatchObject({ status: 500, isRetryable: true });
    expect((error as Error).message).toContain('model runner crashed');
  });

  it('points completion mode at openai-compatible', () => {
    expect(() => createLanguageModel({ ref: 'ollama:m', mode: 'completion' }, { env: {} })).toThrow(
      /openai-compatible:m/,
    );
  });
});
