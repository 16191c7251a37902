import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type OpenAITestServer,
  startOpenAITestServer,
} from '../../test/support/openai-test-server.js';
import type { LanguageModel } from '../spec/language-model.js';
import { ProviderCallError } from '../spec/tunegate-error.js';
import { createLanguageModel } from './create-language-model.js';
import type { ModelSettings } from './model-settings.js';

const key = 'sk-secret-tunegate-0123456789abcdef';

let server: OpenAITestServer;
beforeAll(async () => {
  server = await startOpenAITestServer({
    apiKey: key,
    double: {
      rules: [
        { match: 'capital of france', output: 'Paris' },
        { match: 'json please', output: 'not json at all' },
      ],
      default: 'one two three four five',
    },
  });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
});

/** Every OpenAI-speaking provider must pass the same contract against the same server. */
const cases: { name: string; settings: () => ModelSettings; env: Record<string, string> }[] = [
  {
    name: 'openai',
    settings: () => ({ ref: 'openai:gpt-test', baseURL: server.baseURL }),
    env: { OPENAI_API_KEY: key },
  },
  {
    name: 'openai-compatible',
    settings: () => ({
      ref: 'openai-compatible:local-model',
      baseURL: server.baseURL,
      apiKeyEnv: 'LOCAL_KEY',
    }),
    env: { LOCAL_KEY: key },
  },
  {
    name: 'together',
    settings: () => ({ ref: 'together:meta/llama', baseURL: server.baseURL }),
    env: { TOGETHER_API_KEY: key },
  },
];

const allSampling = {
  temperature: 0.7,
  topP: 0.9,
  maxTokens: 64,
  stop: ['END'],
  seed: 42,
  frequencyPenalty: 0.5,
  presencePenalty: -0.25,
};

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

function expectNoKey(value: unknown): void {
  const seen = [
    value instanceof Error ? value.message : '',
    JSON.stringify(value),
    inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
  ];
  for (const text of seen) expect(text).not.toContain(key);
}

describe.each(cases)('$name against the OpenAI test server', ({ settings, env }) => {
  let model: LanguageModel;
  beforeEach(() => {
    model = createLanguageModel(settings(), { env });
  });

  it('returns the text, maps usage and sends the key as a bearer token', async () => {
    const result = await model.generate({
      prompt: {
        mode: 'chat',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'The capital of France?' },
        ],
      },
      sampling: {},
    });
    expect(result.text).toBe('Paris');
    // "Be brief." is 2 words, "The capital of France?" 4: the server's whitespace tokenizer.
    expect(result.usage).toEqual({ inputTokens: 6, outputTokens: 1 });
    expect(result.finishReason).toBe('stop');
    expect(result.rawFinishReason).toBe('stop');
    expect(server.lastRequest?.path).toBe('/v1/chat/completions');
    expect(server.lastRequest?.headers.authorization).toBe(`Bearer ${key}`);
    expect(server.lastRequest?.body?.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'The capital of France?' },
    ]);
  });

  it('sends every sampling parameter under its OpenAI name', async () => {
    await model.generate({
      prompt: { mode: 'chat', messages: [{ role: 'user', content: 'hi' }] },
      sampling: allSampling,
    });
    expect(server.lastRequest?.body).toMatchObject({
      temperature: 0.7,
      top_p: 0.9,
      max_tokens: 64,
      stop: ['END'],
      seed: 42,
      frequency_penalty: 0.5,
      presence_penalty: -0.25,
    });
  });

  it('sends a completion prompt verbatim to /v1/completions', async () => {
    const result = await model.generate({
      prompt: { mode: 'completion', text: 'Q: 2+2?\nA:' },
      sampling: { ...allSampling, maxTokens: 3 },
    });
    expect(server.lastRequest?.path).toBe('/v1/completions');
    expect(server.lastRequest?.body).toMatchObject({
      prompt: 'Q: 2+2?\nA:',
      stop: ['END'],
      temperature: 0.7,
      top_p: 0.9,
      max_tokens: 3,
      seed: 42,
      frequency_penalty: 0.5,
      presence_penalty: -0.25,
    });
    expect(server.lastRequest?.headers['x-tunegate-raw-completion']).toBeUndefined();
    expect(result.text).toBe('one two three');
    expect(result.finishReason).toBe('length');
    expect(result.usage).toEqual({ inputTokens: 3, outputTokens: 3 });
    expect(result.warnings).toBeUndefined();
  });

  it('drops the SDK chat-style stop sequence when the caller gave none', async () => {
    await model.generate({ prompt: { mode: 'completion', text: 'plain' }, sampling: {} });
    expect(server.lastRequest?.body?.prompt).toBe('plain');
    expect(server.lastRequest?.body).not.toHaveProperty('stop');
  });

  it('turns 429 with Retry-After into a retryable ProviderCallError with retryAfterMs', async () => {
    server.failNext({ status: 429, retryAfterSeconds: 2 });
    const error = await caught(
      model.generate({
        prompt: { mode: 'chat', messages: [{ role: 'user', content: 'x' }] },
        sampling: {},
      }),
    );
    expect(error).toBeInstanceOf(ProviderCallError);
    const callError = error as ProviderCallError;
    expect(callError.status).toBe(429);
    expect(callError.code).toBe('RATE_LIMITED');
    expect(callError.retryAfterMs).toBe(2000);
    expect(callError.isRetryable).toBe(true);
    expect(callError.message).toContain('HTTP 429');
    expect(callError.message).toContain('Rate limit reached');
    expect(server.requests).toHaveLength(1);
    expectNoKey(error);
  });

  it('prefers retry-after-ms', async () => {
    server.failNext({ status: 429, retryAfterMs: 1500, retryAfterSeconds: 9 });
    const error = (await caught(
      model.generate({
        prompt: { mode: 'chat', messages: [{ role: 'user', content: 'x' }] },
        sampling: {},
      }),
    )) as ProviderCallError;
    expect(error.retryAfterMs).toBe(1500);
  });

  it('marks 500 retryable and 400 not, without retrying itself', async () => {
    server.failNext({ status: 500 });
    const serverError = (await caught(
      model.generate({
        prompt: { mode: 'chat', messages: [{ role: 'user', content: 'x' }] },
        sampling: {},
      }),
    )) as ProviderCallError;
    expect(serverError).toMatchObject({ status: 500, isRetryable: true, code: 'PROVIDER_ERROR' });
    expect(server.requests).toHaveLength(1);
    server.failNext({ status: 400, message: 'bad temperature' });
    const badRequest = (await caught(
      model.generate({
        prompt: { mode: 'chat', messages: [{ role: 'user', content: 'x' }] },
        sampling: {},
      }),
    )) as ProviderCallError;
    expect(badRequest).toMatchObject({ status: 400, isRetryable: false });
    expect(badRequest.message).toContain('bad temperature');
  });

  it('redacts the key when a server echoes it in an error body', async () => {
    server.failNext({ status: 401, rawBody: `invalid key ${key} for this org` });
    const error = await caught(
      model.generate({
        prompt: { mode: 'chat', messages: [{ role: 'user', content: 'x' }] },
        sampling: {},
      }),
    );
    expect((error as Error).message).toContain('[redacted]');
    expectNoKey(error);
  });

  it('keeps the key out of JSON and inspection of the model', () => {
    expectNoKey(model);
    expect(JSON.stringify(model)).toContain(settings().ref);
  });

  it('reads the key once, at construction', async () => {
    const mutableEnv: Record<string, string | undefined> = { ...env };
    const early = createLanguageModel(settings(), { env: mutableEnv });
    for (const name of Object.keys(mutableEnv)) mutableEnv[name] = 'sk-changed-later-000000000';
    await early.generate({
      prompt: { mode: 'chat', messages: [{ role: 'user', content: 'x' }] },
      sampling: {},
    });
    expect(server.lastRequest?.headers.authorization).toBe(`Bearer ${key}`);
  });
});
