import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type OpenAITestServer,
  startOpenAITestServer,
} from '../../test/support/openai-test-server.js';
import { ProviderCallError, TunegateError } from '../spec/tunegate-error.js';
import { createLanguageModel } from './create-language-model.js';

const key = 'sk-secret-tunegate-0123456789abcdef';

let server: OpenAITestServer;
beforeAll(async () => {
  server = await startOpenAITestServer({
    apiKey: key,
    double: {
      rules: [
        { match: 'capital of france', output: 'Paris' },
        { match: 'json please', output: 'not json at all' },
        { match: 'give json', output: '{"answer":"yes"}' },
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

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

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
    expect(() => createLanguageModel({ ref: 'openai:m', apiKeyEnv: 'TEAM_KEY' }, { env })).toThrow(
      /TEAM_KEY/,
    );
    expect(
      createLanguageModel({ ref: 'openai:m', apiKeyEnv: 'TEAM_KEY' }, { env: { TEAM_KEY: key } })
        .reference,
    ).toBe('openai:m');
  });

  it('asks for structured output and keeps unparseable text with a warning', async () => {
    const model = createLanguageModel({ ref: 'openai:gpt-test', baseURL: server.baseURL }, { env });
    const schema = {
      type: 'object',
      properties: { answer: { type: 'string' } },
      required: ['answer'],
      additionalProperties: false,
    };
    const result = await model.generate({
      prompt: { mode: 'chat', messages: [{ role: 'user', content: 'json please' }] },
      sampling: {},
      jsonSchema: schema,
    });
    expect(result.text).toBe('not json at all');
    expect(result.warnings).toContain(
      'the output does not satisfy the requested JSON Schema: could not parse the response.',
    );
    expect(server.lastRequest?.body?.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { strict: true, schema: { properties: { answer: { type: 'string' } } } },
    });
  });

  it('returns conforming structured output as text, without warnings', async () => {
    const model = createLanguageModel({ ref: 'openai:gpt-test', baseURL: server.baseURL }, { env });
    const result = await model.generate({
      prompt: { mode: 'chat', messages: [{ role: 'user', content: 'give json' }] },
      sampling: {},
      jsonSchema: { type: 'object', properties: { answer: { type: 'string' } } },
    });
    expect(result.text).toBe('{"answer":"yes"}');
    expect(result.warnings).toBeUndefined();
  });

  it('keeps concurrent completion prompts apart', async () => {
    const model = createLanguageModel({ ref: 'openai:gpt-test', baseURL: server.baseURL }, { env });
    const texts = ['first prompt', 'second prompt', 'third prompt', 'fourth prompt'];
    const results = await Promise.all(
      texts.map((text) => model.generate({ prompt: { mode: 'completion', text }, sampling: {} })),
    );
    expect(results.map((result) => result.text)).toHaveLength(4);
    expect(server.requests.map((request) => request.body?.prompt).sort()).toEqual(
      [...texts].sort(),
    );
  });

  it('sends open schemas as non-strict guidance', async () => {
    const model = createLanguageModel({ ref: 'openai:gpt-test', baseURL: server.baseURL }, { env });
    await model.generate({
      prompt: { mode: 'chat', messages: [{ role: 'user', content: 'json please' }] },
      sampling: {},
      jsonSchema: { type: 'object', properties: { answer: { type: 'string' } } },
    });
    expect(server.lastRequest?.body?.response_format).toMatchObject({
      json_schema: { strict: false },
    });
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
    const model = createLanguageModel(
      { ref: 'openai:gpt-test', baseURL: server.baseURL, mode: 'chat' },
      { env },
    );
    expect(model.supportsCompletionMode).toBe(false);
    await expect(
      model.generate({ prompt: { mode: 'completion', text: 'x' }, sampling: {} }),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    expect(server.requests).toHaveLength(0);
  });

  it('maps an unreachable server to a retryable error without a status', async () => {
    const closed = await startOpenAITestServer();
    const baseURL = closed.baseURL;
    await closed.close();
    const model = createLanguageModel({ ref: 'openai:gpt-test', baseURL }, { env });
    const error = (await caught(
      model.generate({
        prompt: { mode: 'chat', messages: [{ role: 'user', content: 'x' }] },
        sampling: {},
      }),
    )) as ProviderCallError;
    expect(error).toBeInstanceOf(ProviderCallError);
    expect(error.status).toBeUndefined();
    expect(error.isRetryable).toBe(true);
    expect(error.message).toContain('could not reach http://127.0.0.1');
  });

  it('maps an aborted call to ABORTED and a timed-out one to TIMEOUT', async () => {
    const slow = await startOpenAITestServer({
      double: { rules: [], default: 'late', latencyMs: 2000 },
    });
    try {
      const model = createLanguageModel({ ref: 'openai:gpt-test', baseURL: slow.baseURL }, { env });
      const prompt = { mode: 'chat' as const, messages: [{ role: 'user' as const, content: 'x' }] };
      const timedOut = await caught(
        model.generate({ prompt, sampling: {}, abortSignal: AbortSignal.timeout(50) }),
      );
      expect(timedOut).toMatchObject({ code: 'TIMEOUT', isRetryable: true });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const aborted = await caught(
        model.generate({ prompt, sampling: {}, abortSignal: controller.signal }),
      );
      expect(aborted).toMatchObject({ code: 'ABORTED', isRetryable: false });
    } finally {
      await slow.close();
    }
  });
});

describe('openai-compatible specifics', () => {
  it('requires a baseURL for the generic provider', () => {
    expect(() => createLanguageModel({ ref: 'openai-compatible:m' }, { env: {} })).toThrow(
      /needs a baseURL/,
    );
  });

  it('sends no Authorization header when no key is configured', async () => {
    const open = await startOpenAITestServer();
    try {
      const model = createLanguageModel(
        { ref: 'openai-compatible:m', baseURL: open.baseURL },
        { env: {} },
      );
      const result = await model.generate({
        prompt: { mode: 'chat', messages: [{ role: 'user', content: 'echo me' }] },
        sampling: {},
      });
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
      [
        'fireworks:m',
        'FIREWORKS_API_KEY',
        'https://api.fireworks.ai/inference/v1/chat/completions',
      ],
      ['groq:m', 'GROQ_API_KEY', 'https://api.groq.com/openai/v1/chat/completions'],
    ] as const;
    for (const [ref, variable, url] of hosted) {
      expect(() => createLanguageModel({ ref }, { env: {} })).toThrow(variable);
      const model = createLanguageModel(
        { ref },
        { env: { [variable]: 'k-123' }, fetch: recordingFetch },
      );
      await caught(
        model.generate({
          prompt: { mode: 'chat', messages: [{ role: 'user', content: 'x' }] },
          sampling: {},
        }),
      );
      expect(seen.at(-1)).toBe(`${url} Bearer k-123`);
    }
  });

  it('says groq has no completion endpoint', () => {
    const model = createLanguageModel({ ref: 'groq:m' }, { env: { GROQ_API_KEY: 'k' } });
    expect(model.supportsCompletionMode).toBe(false);
    expect(() =>
      createLanguageModel({ ref: 'groq:m', mode: 'completion' }, { env: { GROQ_API_KEY: 'k' } }),
    ).toThrow(/no completion endpoint/);
  });
});
