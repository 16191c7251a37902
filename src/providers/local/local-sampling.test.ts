import { describe, expect, it } from 'vitest';
import { TunegateError } from '../../spec/tunegate-error.js';
import { combineSeed, toLlamaSampling } from './local-sampling.js';

describe('toLlamaSampling', () => {
  it('turns node-llama-cpp defaults off when nothing is set', () => {
    expect(toLlamaSampling({}, undefined)).toEqual({
      temperature: 1,
      topK: 0,
      topP: 1,
      seed: 0,
      maxTokens: undefined,
      repeatPenalty: false,
      stop: [],
    });
  });

  it('maps every option and keeps penalties together', () => {
    const mapped = toLlamaSampling(
      {
        temperature: 0.7,
        topP: 0.9,
        topK: 5,
        maxTokens: 12,
        stop: ['\n', ''],
        seed: 42,
        frequencyPenalty: 0.5,
        presencePenalty: 0.25,
        repeatPenalty: 1.2,
      },
      0,
    );
    expect(mapped).toEqual({
      temperature: 0.7,
      topK: 5,
      topP: 0.9,
      seed: 42,
      maxTokens: 12,
      repeatPenalty: {
        lastTokens: 64,
        penalizeNewLine: true,
        penalty: 1.2,
        frequencyPenalty: 0.5,
        presencePenalty: 0.25,
      },
      stop: ['\n'],
    });
  });

  it('leaves the repeat penalty off when it is neutral', () => {
    expect(toLlamaSampling({ repeatPenalty: 1, frequencyPenalty: 0 }, 0).repeatPenalty).toBe(false);
    expect(toLlamaSampling({ presencePenalty: -0.5 }, 0).repeatPenalty).toMatchObject({
      penalty: 1,
      presencePenalty: -0.5,
    });
  });

  it('rejects values out of range', () => {
    for (const sampling of [{ temperature: -1 }, { topP: 1.5 }, { topK: 1.5 }, { maxTokens: 0 }]) {
      expect(() => toLlamaSampling(sampling, 0)).toThrow(TunegateError);
    }
  });
});

describe('combineSeed', () => {
  it('keeps the seed for repeat 0 and steps by the golden ratio constant per repeat', () => {
    expect(combineSeed(42, 0)).toBe(42);
    expect(combineSeed(42, undefined)).toBe(42);
    expect(combineSeed(undefined, 1)).toBe(0x9e3779b9);
    // 2 × 0x9E3779B9 = 0x13C6EF372, wrapped to 32 bits, plus 7.
    expect(combineSeed(7, 2)).toBe(0x3c6ef372 + 7);
  });

  it('never yields llama.cpp\'s "random seed" value', () => {
    expect(combineSeed(0xffffffff, 0)).toBe(0xfffffffe);
  });
});
