import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLanguageModel } from '../../src/providers/create-language-model.js';
import { disposeLocalEngine } from '../../src/providers/local/local-engine-loader.js';
import { loadLocalModel } from '../../src/providers/local/local-runtime.js';
import type { LanguageModel } from '../../src/spec/language-model.js';
import type { Prompt } from '../../src/spec/prompt.js';
import { TunegateError } from '../../src/spec/tunegate-error.js';
import { greedyStoryStart, importStories260K, type Stories260K } from './local-stories260k.js';

let stories: Stories260K;
let model: LanguageModel;

beforeAll(async () => {
  stories = await importStories260K();
  model = createLanguageModel({ ref: 'local:stories260K' }, { env: stories.env });
});

afterAll(async () => {
  await disposeLocalEngine();
  stories?.remove();
});

const fromBos = { mode: 'completion', text: '' } as const;

describe('the local: provider on stories260K', () => {
  it('continues greedily from BOS with the story the reference gives', async () => {
    const result = await model.generate({
      prompt: fromBos,
      sampling: { temperature: 0, maxTokens: 20 },
    });
    expect(result.text.startsWith(greedyStoryStart)).toBe(true);
    expect(result.finishReason).toBe('length');
    expect(result.usage).toEqual({ inputTokens: 1, outputTokens: 20, estimated: false });
    expect(model).toMatchObject({
      provider: 'local',
      modelId: 'stories260K',
      supportsCompletionMode: true,
    });
  });

  it('counts usage as the tokenizer does: BOS plus the prompt in, sampled tokens out', async () => {
    const llama = await loadLocalModel(stories.path);
    const prompt = 'Once upon a time';
    const result = await model.generate({
      prompt: { mode: 'completion', text: prompt },
      sampling: { temperature: 0, maxTokens: 12 },
    });
    expect(result.usage.inputTokens).toBe(llama.tokenize(prompt).length + 1);
    expect(result.usage.inputTokens).toBe(5);
    expect(result.usage.outputTokens).toBe(12);
    // The continuation keeps its leading spaces: prompt + output reads as one text.
    expect(`${prompt}${result.text}`.startsWith(greedyStoryStart)).toBe(true);
    const fromStart = await model.generate({
      prompt: fromBos,
      sampling: { temperature: 0, maxTokens: 30 },
    });
    expect(llama.tokenize(fromStart.text)).toHaveLength(fromStart.usage.outputTokens);
  });

  it('cuts the output just before a stop sequence, spaces and all', async () => {
    const stopAt = (stop: string[]) =>
      model.generate({ prompt: fromBos, sampling: { temperature: 0, maxTokens: 40, stop } });
    const word = await stopAt(['Lily']);
    expect(word.text).toBe('Once upon a time, there was a little girl named ');
    expect(word.finishReason).toBe('stop');
    // Spans two tokens and starts with a space.
    const phrase = await stopAt([' little girl', 'park']);
    expect(phrase.text).toBe('Once upon a time, there was a');
    expect(phrase.finishReason).toBe('stop');
    expect(phrase.usage.outputTokens).toBeLessThan(15);
  });

  it('makes repeats differ yet reproducible under one seed', async () => {
    const sample = (repeat: number) =>
      model.generate({
        prompt: fromBos,
        sampling: { temperature: 1, maxTokens: 24, seed: 7 },
        repeat,
      });
    const first = await sample(1);
    const again = await sample(1);
    const other = await sample(2);
    expect(again.text).toBe(first.text);
    expect(other.text).not.toBe(first.text);
  });

  it('constrains output to a JSON Schema', async () => {
    const schema = {
      type: 'object',
      properties: { name: { type: 'string' }, happy: { type: 'boolean' } },
      required: ['name', 'happy'],
    };
    const result = await model.generate({
      prompt: { mode: 'completion', text: 'Lily said: ' },
      sampling: { temperature: 0, maxTokens: 80 },
      jsonSchema: schema,
    });
    const parsed = JSON.parse(result.text) as { name: unknown; happy: unknown };
    expect(typeof parsed.name).toBe('string');
    expect(typeof parsed.happy).toBe('boolean');
    expect(result.warnings).toBeUndefined();
  });

  it('chats through the fallback format deterministically', async () => {
    const chat: Prompt = {
      mode: 'chat',
      messages: [
        { role: 'system', content: 'Tell a story.' },
        { role: 'user', content: 'Lily went to the park.' },
      ],
    };
    const first = await model.generate({
      prompt: chat,
      sampling: { temperature: 0, maxTokens: 16 },
    });
    const second = await model.generate({
      prompt: chat,
      sampling: { temperature: 0, maxTokens: 16 },
    });
    expect(first.text).toBe(second.text);
    expect(first.text.length).toBeGreaterThan(0);
    expect(first.usage.outputTokens).toBe(16);
    expect(first.usage.inputTokens).toBeGreaterThan(15);
  });

  it('runs concurrent calls beside each other with the same greedy output', async () => {
    const call = () =>
      model.generate({ prompt: fromBos, sampling: { temperature: 0, maxTokens: 30 } });
    const results = await Promise.all([call(), call(), call()]);
    for (const result of results) expect(result.text).toBe(results[0]?.text);
    expect(results[0]?.text.startsWith(greedyStoryStart)).toBe(true);
  });

  it('honours an abort and keeps working afterwards', async () => {
    const controller = new AbortController();
    const pending = model.generate({
      prompt: fromBos,
      sampling: { temperature: 0, maxTokens: 400 },
      abortSignal: controller.signal,
    });
    setTimeout(() => controller.abort(), 5);
    await expect(pending).rejects.toMatchObject({ code: 'ABORTED' });
    const after = await model.generate({
      prompt: fromBos,
      sampling: { temperature: 0, maxTokens: 5 },
    });
    expect(after.text).toBe('Once upon a time,');
  });

  it('refuses a prompt longer than the context instead of cutting it', async () => {
    const long = 'Lily and Tom played in the park. '.repeat(80);
    await expect(
      model.generate({ prompt: { mode: 'completion', text: long }, sampling: { maxTokens: 4 } }),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringMatching(/context holds 512/),
    });
  });

  it('names the cache when the model is missing, on the first call', async () => {
    const missing = createLanguageModel({ ref: 'local:no-such-model' }, { env: stories.env });
    const failure = await missing
      .generate({ prompt: fromBos, sampling: {} })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TunegateError);
    expect((failure as TunegateError).code).toBe('FILE_NOT_FOUND');
  });

  it('meters prompts at plan time exactly as the calls count them', async () => {
    const meter = await model.contextMeter?.();
    expect(meter).toMatchObject({ contextSize: 512, exact: true, maxTokensBeyondRoom: 'clipped' });
    const prompts: Prompt[] = [
      { mode: 'completion', text: 'Once upon a time' },
      {
        mode: 'chat',
        messages: [
          { role: 'system', content: 'Tell a story.' },
          { role: 'user', content: 'Lily went to the park.' },
        ],
      },
    ];
    for (const prompt of prompts) {
      const result = await model.generate({ prompt, sampling: { temperature: 0, maxTokens: 2 } });
      expect(meter?.promptTokens(prompt)).toBe(result.usage.inputTokens);
    }
    const llama = await loadLocalModel(stories.path);
    expect(meter?.answerTokens('Lily')).toBe(llama.tokenize('Lily').length);
  });

  it('calls a missing model unknown at plan time', async () => {
    const missing = createLanguageModel({ ref: 'local:no-such-model' }, { env: stories.env });
    const failure = await missing.contextMeter?.().catch((error: unknown) => error);
    expect((failure as TunegateError).code).toBe('INVALID_ARGUMENT');
    expect((failure as TunegateError).message).toMatch(
      /^unknown model local:no-such-model: no local model/,
    );
  });
});
