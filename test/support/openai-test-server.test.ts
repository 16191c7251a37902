import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenAITestServer, startOpenAITestServer } from './openai-test-server.js';
import { validateAgainstOpenApi } from './openapi-validator.js';

const key = 'sk-test-server-key-0123456789';

describe('OpenAI test server', () => {
  let server: OpenAITestServer;

  beforeAll(async () => {
    server = await startOpenAITestServer({
      apiKey: key,
      models: ['test-model', 'other-model'],
      double: {
        rules: [{ match: 'capital of france', output: 'Paris' }],
        default: 'I do not know',
      },
    });
  });
  afterAll(async () => {
    await server.close();
  });

  async function post(path: string, body: unknown, auth = key): Promise<Response> {
    return fetch(`${server.baseURL}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${auth}` },
      body: JSON.stringify(body),
    });
  }

  it('answers chat completions by rule, in the official response shape', async () => {
    const response = await post('/chat/completions', {
      model: 'test-model',
      messages: [
        { role: 'system', content: 'Answer briefly.' },
        { role: 'user', content: 'What is the capital of France?' },
      ],
      temperature: 0.3,
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      object: 'chat.completion',
      model: 'test-model',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Paris' },
          finish_reason: 'stop',
          logprobs: null,
        },
      ],
      // "Answer briefly." (2) + "What is the capital of France?" (6) words; "Paris" is 1.
      usage: { prompt_tokens: 8, completion_tokens: 1, total_tokens: 9 },
    });
    expect(validateAgainstOpenApi('CreateChatCompletionResponse', body)).toEqual([]);
    expect(server.lastRequest?.body?.temperature).toBe(0.3);
  });

  it('answers legacy completions with the prompt verbatim and validates', async () => {
    const response = await post('/completions', {
      model: 'test-model',
      prompt: 'Say hi',
      max_tokens: 5,
    });
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      object: 'text_completion',
      choices: [{ text: 'I do not know', index: 0, finish_reason: 'stop', logprobs: null }],
      usage: { prompt_tokens: 2, completion_tokens: 4, total_tokens: 6 },
    });
    expect(validateAgainstOpenApi('CreateCompletionResponse', body)).toEqual([]);
  });

  it('truncates at max_tokens and reports finish_reason length', async () => {
    const response = await post('/completions', {
      model: 'test-model',
      prompt: 'x',
      max_tokens: 2,
    });
    const body = (await response.json()) as { choices: { text: string; finish_reason: string }[] };
    expect(body.choices[0]).toMatchObject({ text: 'I do', finish_reason: 'length' });
  });

  it('lists models', async () => {
    const response = await fetch(`${server.baseURL}/models`, {
      headers: { authorization: `Bearer ${key}` },
    });
    const body = (await response.json()) as { data: { id: string }[] };
    expect(body.data.map((model) => model.id)).toEqual(['test-model', 'other-model']);
    expect(validateAgainstOpenApi('ListModelsResponse', body)).toEqual([]);
  });

  it('rejects a wrong key with an OpenAI error body that does not echo it', async () => {
    const response = await post(
      '/chat/completions',
      { model: 'm', messages: [] },
      'sk-wrong-key-999999',
    );
    expect(response.status).toBe(401);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      error: {
        message: 'Incorrect API key provided.',
        type: 'invalid_request_error',
        param: null,
        code: 'invalid_api_key',
      },
    });
    expect(text).not.toContain('sk-wrong-key');
  });

  it('plays scripted faults in order, then answers again', async () => {
    server.failNext({ status: 429, retryAfterSeconds: 1 });
    server.failNext({ status: 500 });
    const first = await post('/chat/completions', {
      model: 'test-model',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('1');
    expect(((await first.json()) as { error: { code: string } }).error.code).toBe(
      'rate_limit_exceeded',
    );
    const second = await post('/chat/completions', {
      model: 'test-model',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(second.status).toBe(500);
    expect(((await second.json()) as { error: { type: string } }).error.type).toBe('server_error');
    const third = await post('/chat/completions', {
      model: 'test-model',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(third.status).toBe(200);
  });

  it('rejects a request without messages with a 400 naming the parameter', async () => {
    const response = await post('/chat/completions', { model: 'test-model' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { param: string } }).error.param).toBe('messages');
  });
});

describe('validateAgainstOpenApi', () => {
  it('reports a broken chat completion body', () => {
    const broken = {
      id: 'chatcmpl-1',
      object: 'chat.completion',
      created: 'yesterday',
      model: 'm',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'hi', refusal: null },
          finish_reason: 'done',
        },
      ],
    };
    const problems = validateAgainstOpenApi('CreateChatCompletionResponse', broken);
    expect(problems.some((line) => line.startsWith('/created'))).toBe(true);
    expect(problems.some((line) => line.startsWith('/choices/0/finish_reason'))).toBe(true);
    expect(problems.some((line) => line.includes('logprobs'))).toBe(true);
  });

  it('reports a models list whose entries lack required fields', () => {
    const problems = validateAgainstOpenApi('ListModelsResponse', {
      object: 'list',
      data: [{ id: 'x' }],
    });
    expect(problems.length).toBeGreaterThan(0);
  });

  it('throws for a schema name the spec does not have', () => {
    expect(() => validateAgainstOpenApi('NoSuchSchema', {})).toThrow(/NoSuchSchema/);
  });
});
