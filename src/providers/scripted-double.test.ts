import { describe, expect, it } from 'vitest';
import type { GenerateRequest } from '../spec/language-model.js';
import { ProviderCallError, TunegateError } from '../spec/tunegate-error.js';
import { ScriptedDouble, type ScriptedDoubleOptions } from './scripted-double.js';

const chat = (user: string, system?: string): GenerateRequest['prompt'] => ({
  mode: 'chat',
  messages: [
    ...(system === undefined ? [] : [{ role: 'system' as const, content: system }]),
    { role: 'user', content: user },
  ],
});

const options: ScriptedDoubleOptions = {
  rules: [
    { match: 'refund', output: 'billing' },
    { match: 'poem', output: ['roses are red', 'violets are blue', 'sugar is sweet'] },
    { match: 'REPEAT (.*)', output: 'you said: {{input}}' },
  ],
  default: 'unknown',
};

async function outputs(
  double: ScriptedDouble,
  request: GenerateRequest,
  count: number,
): Promise<string[]> {
  const texts: string[] = [];
  for (let index = 0; index < count; index++) texts.push((await double.generate(request)).text);
  return texts;
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('ScriptedDouble', () => {
  it('says it is a double', () => {
    const double = new ScriptedDouble(options);
    expect(double).toMatchObject({
      provider: 'double',
      modelId: 'scripted',
      reference: 'double:scripted',
      supportsCompletionMode: true,
    });
  });

  it('matches rules case-insensitively against the last user message only', async () => {
    const double = new ScriptedDouble(options);
    expect(
      (await double.generate({ prompt: chat('I want a REFUND now'), sampling: {} })).text,
    ).toBe('billing');
    // The system message mentions a refund, but only the user message is matched.
    expect(
      (await double.generate({ prompt: chat('hello', 'handle refund requests'), sampling: {} }))
        .text,
    ).toBe('unknown');
  });

  it('matches the whole text in completion mode', async () => {
    const double = new ScriptedDouble(options);
    const result = await double.generate({
      prompt: { mode: 'completion', text: 'Q: refund?\nA:' },
      sampling: {},
    });
    expect(result.text).toBe('billing');
  });

  it('puts the input into {{input}} slots', async () => {
    const double = new ScriptedDouble(options);
    expect((await double.generate({ prompt: chat('repeat after me'), sampling: {} })).text).toBe(
      'you said: repeat after me',
    );
  });

  it('counts whitespace-separated tokens as exact usage', async () => {
    const double = new ScriptedDouble(options);
    const result = await double.generate({
      prompt: chat('please  refund\tme', 'You are support.'),
      sampling: {},
    });
    expect(result).toEqual({
      text: 'billing',
      // "You are support." 3 + "please refund me" 3.
      usage: { inputTokens: 6, outputTokens: 1, estimated: false },
      finishReason: 'stop',
      rawFinishReason: 'stop',
    });
  });

  it('lets repeats of one prompt disagree, deterministically', async () => {
    const request = { prompt: chat('write a poem'), sampling: { seed: 1 } };
    const first = await outputs(new ScriptedDouble(options), request, 30);
    const second = await outputs(new ScriptedDouble(options), request, 30);
    expect(second).toEqual(first);
    expect(new Set(first)).toEqual(
      new Set(['roses are red', 'violets are blue', 'sugar is sweet']),
    );
  });

  it('gives another sequence for another seed and keeps counters per seed', async () => {
    const double = new ScriptedDouble(options);
    const seedOne = await outputs(
      double,
      { prompt: chat('write a poem'), sampling: { seed: 1 } },
      12,
    );
    const seedTwo = await outputs(
      double,
      { prompt: chat('write a poem'), sampling: { seed: 2 } },
      12,
    );
    expect(seedTwo).not.toEqual(seedOne);
    // Interleaving another seed did not disturb seed 1's sequence.
    const fresh = await outputs(
      new ScriptedDouble(options),
      { prompt: chat('write a poem'), sampling: { seed: 1 } },
      12,
    );
    expect(fresh).toEqual(seedOne);
  });

  it('cuts at stop sequences and at maxTokens like a real model', async () => {
    const double = new ScriptedDouble({ rules: [], default: 'alpha beta. gamma delta epsilon' });
    const stopped = await double.generate({ prompt: chat('x'), sampling: { stop: ['.', 'zzz'] } });
    expect(stopped).toMatchObject({
      text: 'alpha beta',
      finishReason: 'stop',
      usage: { outputTokens: 2 },
    });
    const cut = await double.generate({ prompt: chat('x'), sampling: { maxTokens: 3 } });
    expect(cut).toMatchObject({
      text: 'alpha beta. gamma',
      finishReason: 'length',
      rawFinishReason: 'length',
    });
    const fits = await double.generate({ prompt: chat('x'), sampling: { maxTokens: 5 } });
    expect(fits.finishReason).toBe('stop');
  });

  it('fails every Nth call as scripted', async () => {
    const double = new ScriptedDouble({
      ...options,
      failures: [{ status: 429, every: 3, retryAfterMs: 250 }],
    });
    const request = { prompt: chat('refund'), sampling: {} };
    await double.generate(request);
    await double.generate(request);
    const error = await caught(double.generate(request));
    expect(error).toBeInstanceOf(ProviderCallError);
    expect(error).toMatchObject({
      status: 429,
      retryAfterMs: 250,
      isRetryable: true,
      code: 'RATE_LIMITED',
    });
    expect((await double.generate(request)).text).toBe('billing');
    expect(double.callCount).toBe(4);
  });

  it('fails only matching inputs when a failure has a pattern', async () => {
    const double = new ScriptedDouble({
      ...options,
      failures: [
        { status: 400, match: 'poison', message: 'bad input' },
        { status: 503, every: 2, match: 'flaky' },
      ],
    });
    expect(
      await caught(double.generate({ prompt: chat('poison pill'), sampling: {} })),
    ).toMatchObject({
      status: 400,
      isRetryable: false,
      message: 'double:scripted: HTTP 400: bad input',
    });
    expect((await double.generate({ prompt: chat('refund'), sampling: {} })).text).toBe('billing');
    expect((await double.generate({ prompt: chat('flaky'), sampling: {} })).text).toBe('unknown');
    expect(await caught(double.generate({ prompt: chat('flaky'), sampling: {} }))).toMatchObject({
      status: 503,
      isRetryable: true,
    });
  });

  it('waits latencyMs and honours abort and timeout signals', async () => {
    const double = new ScriptedDouble({ ...options, latencyMs: 1000 });
    const started = Date.now();
    const timedOut = await caught(
      double.generate({ prompt: chat('x'), sampling: {}, abortSignal: AbortSignal.timeout(30) }),
    );
    expect(timedOut).toMatchObject({ code: 'TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(900);
    const controller = new AbortController();
    controller.abort();
    expect(
      await caught(
        double.generate({ prompt: chat('x'), sampling: {}, abortSignal: controller.signal }),
      ),
    ).toMatchObject({
      code: 'ABORTED',
    });
    const quick = new ScriptedDouble({ ...options, latencyMs: 20 });
    const before = Date.now();
    await quick.generate({ prompt: chat('x'), sampling: {} });
    expect(Date.now() - before).toBeGreaterThanOrEqual(15);
  });

  it('warns that it does not enforce a JSON Schema', async () => {
    const result = await new ScriptedDouble(options).generate({
      prompt: chat('x'),
      sampling: {},
      jsonSchema: { type: 'object' },
    });
    expect(result.warnings).toEqual(['the scripted double does not enforce jsonSchema']);
  });

  it('rejects an invalid pattern naming the field', () => {
    const build = () =>
      new ScriptedDouble({
        rules: [
          { match: 'ok', output: 'a' },
          { match: '(unclosed', output: 'b' },
        ],
        default: 'c',
      });
    expect(build).toThrow(TunegateError);
    expect(build).toThrow(/rules\.1\.match/);
  });

  it('stays cheap: 100,000 calls with alternatives in well under the budget', async () => {
    const double = new ScriptedDouble(options);
    const started = performance.now();
    for (let index = 0; index < 100_000; index++) {
      await double.generate({
        prompt: chat(index % 2 === 0 ? `write a poem ${index % 100}` : 'refund please'),
        sampling: {},
      });
    }
    expect(double.callCount).toBe(100_000);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
