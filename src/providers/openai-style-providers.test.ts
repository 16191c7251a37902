import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type OpenAITestServer, startOpenAITestServer } from '../../test/support/openai-test-server.js';
import type { LanguageModel } from '../spec/language-model.js';
import { ProviderCallError, TunegateError } from '../spec/tunegate-error.js';
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
  { name: 'openai', settings: () => ({ ref: 'openai:gpt-test', baseURL: server.baseURL }), env: { OPENAI_API_KEY: key } },
  {
    name: 'openai-compatible',
    settings: () => ({ ref: 'openai-compatible:local-model', baseURL: server.baseURL, apiKeyEnv: 'LOCAL_KEY' }),
    env: { LOCAL_KEY: key },
  },
  { name: 'together', settings: () => ({ ref: 'together:meta/llama', baseURL: server.baseURL }), env: { TOGETHER_API_KEY: key } },
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
      prompt: { mode: 'chat', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'The capital of France?' }] },
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
    await model.generate({ prompt: { mode: 'chat', messages: [{ role: 'user', content: 'hi' }] }, sampling: allSampling });
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
    const error = await caught(model.generate({ prompt: { mode: 'chat', messages: [{ role: 'user', content: 'x' }] }, sampling: {} }));
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
    const error = (await caught(model.generate({ prompt: { mode: 'chat', messages: [{ role: 'user', content: 'x' }] }, sampling: {} }))) as ProviderCallError;
    expect(error.retryAfterMs).toBe(1500);
  });

  it('marks 500 retryable and 400 not, without retrying itself', async () => {
    server.failNext({ status: 500 });
    const serverError = (await caught(model.generate({ prompt: { mode: 'chat', messages: [{ role: 'user', content: 'x' }] }, sampling: {} }))) as ProviderCallError;
    expect(serverError).toMatchObject({ status: 500, isRetryable: true, code: 'PROVIDER_ERROR' });
    expect(server.requests).toHaveLength(1);
    server.failNext({ status: 400, message: 'bad temperature' });
    const badRequest = (await caught(model.generate({ prompt: { mode: 'chat', messages: [{ role: 'user', content: 'x' }] }, sampling: {} }))) as ProviderCallError;
    expect(badRequest).toMatchObject({ status: 400, isRetryable: false });
    expect(badRequest.message).toContain('bad temperature');
  });

  it('redacts the key when a server echoes it in an error body', async () => {
    server.failNext({ status: 401, rawBody: `invalid key ${key} for this org` });
    const error = await caught(model.generate({ prompt: { mode: 'chat', messages: [{ role: 'user', content: 'x' }] }, sampling: {} }));
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
    await early.generate({ prompt: { mode: 'chat', messages: [{ role: 'user', content: 'x' }] }, sampling: {} });
    expect(server.lastRequest?.headers.authorization).toBe(`Bearer ${key}`);
  });
});

describe('openai specifics', () => {
  const env = { OPENAI_API_KEY: key };

  it('names the missing environment variable, not a value', () => {
    const error = (() => {
      try {
        createLanguageModel({ ref: 'openai:gpt-test' }, { env: {} });
      } catch (thrown) {
        return thrown;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(TunegateError);
    expect(error).toMatchObject({ code: 'MISSING_API_KEY' });
    expect((error as Error).message).toContain('OPENAI_API_KEY');
  });

  it('reads the key from apiKeyEnv when given', () => {
    expect(() => createLanguageModel({ ref: 'openai:m', apiKeyEnv: 'TEAM_KEY' }, { env })).toThrow(/TEAM_KEY/);
    expect(createLanguageModel({ ref: 'openai:m', apiKeyEnv: 'TEAM_KEY' }, { env: { TEAM_KEY: key } }).reference).toBe('openai:m');
  });

  it('asks for structured output and keeps unparseable text with a warning', async () => {
    const model = createLanguageModel({ ref: 'openai:gpt-test', baseURL: server.baseURL }, { env });
    const schema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'], additionalProperties: false };
    const result = await model.generate({
      prompt: { mode: 'chat', messages: [{ role: 'user', content: 'json please' }] },
      sampling: {},
      jsonSchema: schema,
    });
    expect(result.text).toBe('not json at all');
    expect(result.warnings).toContain('the output does not parse as JSON for the requested schema');
    expect(server.lastRequest?.body?.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { strict: true, schema: { properties: { answer: { type: 'string' } } } },
    });
  });

  it('sends open schemas as non-strict guidance', async () => {
    const model = createLanguageModel({ ref: 'openai:gpt-test', baseURL: server.baseURL }, { env });
    await model.generate({
      prompt: { mode: 'chat', messages: [{ role: 'user', content: 'json please' }] },
      sampling: {},
      jsonSchema: { type: 'object', properties: { answer: { type: 'string' } } },
    });
    expect(server.lastRequest?.body?.response_format).toMatchObject({ json_schema: { strict: false } });
  });

  it('reports settings it cannot honour as warnings', async () => {
    const model = createLanguageModel({ ref: 'openai:gpt-test', baseURL: server.baseURL }, { env });
    const result = await model.generate({
      prompt: { mode: 'chat', messages: [{ role: 'user', content: 'hi' }] },
      sampling: { topK: 5, repeatPenalty: 1.1 },
    });
    expect(result.warnings).toContain('repeatPenalty is not supported by openai; ignored');
    expect(result.warnings?.some((warning) => warning.includes('topK'))).toBe(true);
    expect(server.lastRequest?.body).not.toHaveProperty('top_k');
  });

  it('honours mode: chat by refusing completion prompts', async () => {
    const model = createLanguageModel({ ref: 'openai:gpt-test', baseURL: server.baseURL, mode: 'chat' }, { env });
    expect(model.supportsCompletionMode).toBe(false);
    await expect(model.generate({ prompt: { mode: 'completion', text: 'x' }, sampling: {} })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    expect(server.requests).toHaveLength(0);
  });

  it('maps an unreachable server to a retryable error without a status', async () => {
    const closed = await startOpenAITestServer();
    const baseURL = closed.baseURL;
    await closed.close();
    const model = createLanguageModel({ ref: 'openai:gpt-test', baseURL }, { env });
    const error = (await caught(model.generate({ prompt: { mode: 'chat', messages: [{ role: 'user', content: 'x' }] }, sampling: {} }))) as ProviderCallError;
    expect(error).toBeInstanceOf(ProviderCallError);
    expect(error.status).toBeUndefined();
    expect(error.isRetryable).toBe(true);
    expect(error.message).toContain('could not reach http://127.0.0.1');
  });

  it('maps an aborted call to ABORTED and a timed-out one to TIMEOUT', async () => {
    const slow = await startOpenAITestServer({ double: { rules: [], default: 'late', latencyMs: 2000 } });
    try {
      const model = createLanguageModel({ ref: 'openai:gpt-test', baseURL: slow.baseURL }, { env });
      const prompt = { mode: 'chat' as const, messages: [{ role: 'user' as const, content: 'x' }] };
      const timedOut = await caught(model.generate({ prompt, sampling: {}, abortSignal: AbortSignal.timeout(50) }));
      expect(timedOut).toMatchObject({ code: 'TIMEOUT', isRetryable: true });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const aborted = await caught(model.generate({ prompt, sampling: {}, abortSignal: controller.signal }));
      expect(aborted).toMatchObject({ code: 'ABORTED', isRetryable: false });
    } finally {
      await slow.close();
    }
  });
});

describe('openai-compatible specifics', () => {
  it('requires a baseURL for the generic provider', () => {
    expect(() => createLanguageModel({ ref: 'openai-compatible:m' }, { env: {} })).toThrow(/needs a baseURL/);
  });

  it('sends no Authorization header when no key is configured', async () => {
    const open = await startOpenAITestServer();
    try {
      const model = createLanguageModel({ ref: 'openai-compatible:m', baseURL: open.baseURL }, { env: {} });
      const result = await model.generate({ prompt: { mode: 'chat', messages: [{ role: 'user', content: 'echo me' }] }, sampling: {} });
      expect(result.text).toBe('echo me');
      expect(open.lastRequest?.headers.authorization).toBeUndefined();
    } finally {
      await open.close();
    }
  });

  it('uses the documented hosted base URLs and key variables', async () => {
    const seen: string[] = [];
    const recordingFetch: typeof fetch = async (input, init) => {
      seen.push(`${String(input)} ${new Headers(init?.headers).get('authorization')}`);
      return new Response(JSON.stringify({ error: { message: 'nope' } }), { status: 400 });
    };
    const hosted = [
      ['together:m', 'TOGETHER_API_KEY', 'https://api.together.xyz/v1/chat/completions'],
      ['fireworks:m', 'FIREWORKS_API_KEY', 'https://api.fireworks.ai/inference/v1/chat/completions'],
      ['groq:m', 'GROQ_API_KEY', 'https://api.groq.com/openai/v1/chat/completions'],
    ] as const;
    for (const [ref, variable, url] of hosted) {
      expect(() => createLanguageModel({ ref }, { env: {} })).toThrow(variable);
      const model = createLanguageModel({ ref }, { env: { [variable]: 'k-123' }, fetch: recordingFetch });
      await caught(model.generate({ prompt: { mode: 'chat', messages: [{ role: 'user', content: 'x' }] }, sampling: {} }));
      expect(seen.at(-1)).toBe(`${url} Bearer k-123`);
    }
  });

  it('says groq has no completion endpoint', () => {
    const model = createLanguageModel({ ref: 'groq:m' }, { env: { GROQ_API_KEY: 'k' } });
    expect(model.supportsCompletionMode).toBe(false);
    expect(() => createLanguageModel({ ref: 'groq:m', mode: 'completion' }, { env: { GROQ_API_KEY: 'k' } })).toThrow(
      /no completion endpoint/,
    );
  });
});
