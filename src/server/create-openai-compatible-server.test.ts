import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { validateAgainstOpenApi } from '../../test/support/openapi-validator.js';
import { ScriptedDouble } from '../providers/scripted-double.js';
import type { GenerateResult, LanguageModel } from '../spec/language-model.js';
import {
  createOpenAICompatibleServer,
  type OpenAICompatibleServer,
} from './create-openai-compatible-server.js';
import { createLanguageModelHost, type HostedLanguageModel } from './language-model-host.js';
import type { StreamingGenerateRequest } from './model-host.js';

/** Answers with fixed words, streamed one by one, after an optional delay. */
class WordStreamer implements LanguageModel {
  readonly reference = 'double:words';
  readonly provider = 'double';
  readonly modelId = 'words';
  readonly supportsCompletionMode = true;
  readonly requests: StreamingGenerateRequest[] = [];
  constructor(
    readonly words: string[],
    readonly delayMs = 0,
  ) {}
  async generate(request: StreamingGenerateRequest): Promise<GenerateResult> {
    this.requests.push(request);
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const limit = request.sampling.maxTokens ?? this.words.length;
    const words = this.words.slice(0, limit);
    for (const word of words) request.onTextDelta?.(word);
    return {
      text: words.join(''),
      usage: { inputTokens: 3, outputTokens: words.length, estimated: false },
      finishReason: limit < this.words.length ? 'length' : 'stop',
    };
  }
}

let server: OpenAICompatibleServer | undefined;

afterEach(async () => {
  await server?.close({ graceMs: 1000 });
  server = undefined;
});

async function start(
  models: HostedLanguageModel[],
  apiKey?: string,
): Promise<OpenAICompatibleServer> {
  server = await createOpenAICompatibleServer({
    models: createLanguageModelHost(models, { created: 1_700_000_000 }),
    apiKey,
    bodyLimitBytes: 4096,
  });
  return server;
}

const words = ['Once', ' upon', ' a', ' time'];

/** What the tests read from response bodies (the validator checks the full shapes). */
interface ResponseBody {
  id: string;
  choices: {
    index: number;
    text?: string;
    message?: { content: string | null };
    finish_reason: string | null;
  }[];
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
  error: { message: string; type: string; param: string | null; code: string | null };
}

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${server?.baseURL}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as ResponseBody,
  };
}

async function events(path: string, body: unknown): Promise<unknown[]> {
  const response = await fetch(`${server?.baseURL}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const text = await response.text();
  const lines = text.split('\n\n').filter((line) => line !== '');
  expect(lines.at(-1)).toBe('data: [DONE]');
  return lines.slice(0, -1).map((line) => JSON.parse(line.replace(/^data: /, '')));
}

describe('the OpenAI-compatible server', () => {
  it('lists its models in the official shape', async () => {
    await start([{ id: 'story', model: new WordStreamer(words) }]);
    const response = await fetch(`${server?.baseURL}/models`);
    const body = await response.json();
    expect(validateAgainstOpenApi('ListModelsResponse', body)).toEqual([]);
    expect(body).toEqual({
      object: 'list',
      data: [{ id: 'story', object: 'model', created: 1_700_000_000, owned_by: 'double' }],
    });
    const one = (await (await fetch(`${server?.baseURL}/models/story`)).json()) as ResponseBody;
    expect(one.id).toBe('story');
    const missing = await fetch(`${server?.baseURL}/models/nope`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as ResponseBody).error.code).toBe('model_not_found');
    expect((await fetch(`${server?.baseURL}/models/%E0%A4%A`)).status).toBe(400);
  });

  it('answers chat and completion requests in the official shapes', async () => {
    const streamer = new WordStreamer(words);
    await start([{ id: 'story', model: streamer }]);
    const chat = await post('/chat/completions', {
      model: 'story',
      messages: [
        { role: 'developer', content: 'be brief' },
        { role: 'user', content: [{ type: 'text', text: 'hi' }] },
      ],
      temperature: 0,
      max_tokens: 3,
      seed: 5,
      stop: 'x',
    });
    expect(chat.status).toBe(200);
    expect(validateAgainstOpenApi('CreateChatCompletionResponse', chat.body)).toEqual([]);
    expect(chat.body.choices[0]).toMatchObject({
      message: { content: 'Once upon a' },
      finish_reason: 'length',
    });
    expect(chat.body.usage).toEqual({ prompt_tokens: 3, completion_tokens: 3, total_tokens: 6 });
    expect(streamer.requests[0]).toMatchObject({
      prompt: {
        mode: 'chat',
        messages: [
          { role: 'system', content: 'be brief' },
          { role: 'user', content: 'hi' },
        ],
      },
      sampling: { temperature: 0, maxTokens: 3, seed: 5, stop: ['x'] },
      repeat: 0,
    });
    const completion = await post('/completions', {
      model: 'story',
      prompt: 'Once',
      top_k: 4,
      repeat_penalty: 1.1,
    });
    expect(validateAgainstOpenApi('CreateCompletionResponse', completion.body)).toEqual([]);
    expect(completion.body.choices).toEqual([
      { text: 'Once upon a time', index: 0, logprobs: null, finish_reason: 'stop' },
    ]);
    expect(streamer.requests[1]?.sampling).toEqual({ topK: 4, repeatPenalty: 1.1 });
  });

  it('streams chat chunks whose deltas join to the full text, then usage and [DONE]', async () => {
    await start([{ id: 'story', model: new WordStreamer(words) }]);
    const chunks = (await events('/chat/completions', {
      model: 'story',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    })) as {
      choices: { delta: { content?: string; role?: string }; finish_reason: string | null }[];
      usage: unknown;
    }[];
    for (const chunk of chunks) {
      expect(validateAgainstOpenApi('CreateChatCompletionStreamResponse', chunk)).toEqual([]);
    }
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: '' });
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    expect(text).toBe('Once upon a time');
    expect(chunks.at(-2)?.choices[0]).toMatchObject({ delta: {}, finish_reason: 'stop' });
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
    });
  });

  it("streams completions and sends a non-streaming model's text as one piece", async () => {
    const echo = new ScriptedDouble({ modelId: 'echo', rules: [], default: 'echo: {{input}}' });
    await start([{ id: 'echo', model: echo }]);
    const chunks = (await events('/completions', {
      model: 'echo',
      prompt: 'abc',
      stream: true,
    })) as {
      choices: { text: string; finish_reason: string | null }[];
    }[];
    expect(chunks.map((chunk) => chunk.choices[0]?.text)).toEqual(['echo: abc', '']);
    expect(chunks.map((chunk) => chunk.choices[0]?.finish_reason)).toEqual([null, 'stop']);
    expect(validateAgainstOpenApi('CreateCompletionResponse', chunks.at(-1))).toEqual([]);
  });

  it('answers n choices as repeats 0..n-1', async () => {
    const streamer = new WordStreamer(words);
    await start([{ id: 'story', model: streamer }]);
    const chat = await post('/chat/completions', {
      model: 'story',
      messages: [{ role: 'user', content: 'hi' }],
      n: 2,
    });
    expect(chat.body.choices.map((choice) => choice.index)).toEqual([0, 1]);
    expect(streamer.requests.map((request) => request.repeat)).toEqual([0, 1]);
    expect(chat.body.usage).toEqual({ prompt_tokens: 3, completion_tokens: 8, total_tokens: 11 });
  });

  it('works with the official openai client', async () => {
    await start([{ id: 'story', model: new WordStreamer(words) }]);
    const client = new OpenAI({ baseURL: server?.baseURL, apiKey: 'unused' });
    const chat = await client.chat.completions.create({
      model: 'story',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(chat.choices[0]?.message.content).toBe('Once upon a time');
    const stream = await client.completions.create({ model: 'story', prompt: 'x', stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.text ?? '';
    expect(text).toBe('Once upon a time');
    const models = await client.models.list();
    expect(models.data.map((model) => model.id)).toEqual(['story']);
  });
});

describe("the server refuses bad requests in OpenAI's error shape", () => {
  const chat = { model: 'story', messages: [{ role: 'user', content: 'hi' }] };

  it.each([
    ['bad JSON', '{"model":', 400, null, 'invalid_json'],
    ['a body that is not an object', '[1]', 400, null, 'invalid_json'],
    ['no model', { messages: chat.messages }, 400, 'model', null],
    ['no messages', { model: 'story' }, 400, 'messages', null],
    ['empty messages', { model: 'story', messages: [] }, 400, 'messages', null],
    [
      'a bad role',
      { model: 'story', messages: [{ role: 'robot', content: 'x' }] },
      400,
      'messages.0.role',
      null,
    ],
    ['temperature above 2', { ...chat, temperature: 3 }, 400, 'temperature', null],
    ['top_p above 1', { ...chat, top_p: 1.5 }, 400, 'top_p', null],
    ['max_tokens of 0', { ...chat, max_tokens: 0 }, 400, 'max_tokens', null],
    ['five stop sequences', { ...chat, stop: ['a', 'b', 'c', 'd', 'e'] }, 400, 'stop', null],
    [
      'tools',
      { ...chat, tools: [{ type: 'function', function: { name: 'f' } }] },
      400,
      'tools',
      null,
    ],
    ['logprobs', { ...chat, logprobs: true }, 400, 'logprobs', null],
    ['an unknown model', { ...chat, model: 'nope' }, 404, 'model', 'model_not_found'],
  ])('%s', async (_name, body, status, param, code) => {
    await start([{ id: 'story', model: new WordStreamer(words) }]);
    const response = await post('/chat/completions', body);
    expect(response.status).toBe(status);
    expect(response.body).toEqual({
      error: { message: expect.any(String), type: 'invalid_request_error', param, code },
    });
    expect(validateAgainstOpenApi('ErrorResponse', response.body)).toEqual([]);
  });

  it('answers 405 with Allow for a wrong method and 404 for an unknown path', async () => {
    await start([{ id: 'story', model: new WordStreamer(words) }]);
    const wrongMethod = await fetch(`${server?.baseURL}/chat/completions`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    const unknown = await fetch(`${server?.baseURL}/embeddings`, { method: 'POST', body: '{}' });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as ResponseBody).error.code).toBe('unknown_url');
  });

  it('answers 413 for a body over the limit', async () => {
    await start([{ id: 'story', model: new WordStreamer(words) }]);
    const response = await post('/completions', { model: 'story', prompt: 'x'.repeat(5000) });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('request_too_large');
  });

  it('needs the bearer token when one is set, and never echoes a presented key', async () => {
    await start([{ id: 'story', model: new WordStreamer(words) }], 'sk-local-secret');
    const missing = await post('/chat/completions', chat);
    expect(missing.status).toBe(401);
    expect(missing.body.error.code).toBe('invalid_api_key');
    const wrong = await post('/chat/completions', chat, { authorization: 'Bearer sk-guess-1234' });
    expect(wrong.status).toBe(401);
    expect(JSON.stringify(wrong.body)).not.toContain('sk-guess');
    const models = await fetch(`${server?.baseURL}/models`);
    expect(models.status).toBe(401);
    const right = await post('/chat/completions', chat, {
      authorization: 'Bearer sk-local-secret',
    });
    expect(right.status).toBe(200);
  });
});

describe('queueing and shutdown', () => {
  it('queues concurrent requests first come, first served, and reports the depth', async () => {
    const slow = new WordStreamer(words, 60);
    await start([{ id: 'story', model: slow, parallelism: 1 }]);
    const started = performance.now();
    const responses = await Promise.all(
      [0, 1, 2].map(() => post('/completions', { model: 'story', prompt: 'x' })),
    );
    const elapsed = performance.now() - started;
    expect(responses.every((response) => response.status === 200)).toBe(true);
    const depths = responses.map((response) =>
      Number(response.headers.get('x-tunegate-queue-depth')),
    );
    expect(depths.sort()).toEqual([0, 1, 2]);
    // One at a time: three 60 ms generations cannot finish in much under 180 ms.
    expect(elapsed).toBeGreaterThanOrEqual(170);
    const health = await (await fetch(`${server?.url}/health`)).json();
    expect(health).toEqual({ status: 'ok', models: [{ id: 'story', active: 0, queued: 0 }] });
  });

  it('drops a queued request whose client went away before it reached the model', async () => {
    const slow = new WordStreamer(words, 200);
    await start([{ id: 'story', model: slow, parallelism: 1 }]);
    const first = post('/completions', { model: 'story', prompt: 'x' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const controller = new AbortController();
    const second = fetch(`${server?.baseURL}/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'story', prompt: 'y' }),
      signal: controller.signal,
    });
    await new Promise((resolve) => setTimeout(resolve, 40));
    const queued = (await (await fetch(`${server?.url}/health`)).json()) as {
      models: { queued: number }[];
    };
    expect(queued.models[0]?.queued).toBe(1);
    controller.abort();
    await expect(second).rejects.toThrow();
    expect((await first).status).toBe(200);
    expect(slow.requests).toHaveLength(1);
  });

  it('finishes requests in flight on close, then refuses connections', async () => {
    const slow = new WordStreamer(words, 150);
    await start([{ id: 'story', model: slow }]);
    const running = server;
    const pending = post('/completions', { model: 'story', prompt: 'x' });
    await new Promise((resolve) => setTimeout(resolve, 30));
    await running?.close();
    const finished = await pending;
    expect(finished.status).toBe(200);
    expect(finished.body.choices[0]?.text).toBe('Once upon a time');
    await expect(fetch(`${running?.baseURL}/models`)).rejects.toThrow();
    server = undefined;
  });
});
