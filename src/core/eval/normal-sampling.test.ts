import { describe, expect, it } from 'vitest';
import { normalSampling, sameSampling, samplingDifference } from './normal-sampling.js';

describe('sameSampling', () => {
  it('treats unset and the value that switches a setting off alike', () => {
    expect(sameSampling({ temperature: 0 }, { temperature: 0, topP: 1 })).toBe(true);
    expect(
      sameSampling(
        { maxTokens: 16 },
        { maxTokens: 16, frequencyPenalty: 0, presencePenalty: 0, repeatPenalty: 1, stop: [] },
      ),
    ).toBe(true);
    expect(normalSampling({ topP: 1, frequencyPenalty: 0, maxTokens: 16 })).toEqual({
      maxTokens: 16,
    });
  });

  it('keeps what changes sampling: max tokens, temperature, seed, a real penalty', () => {
    expect(sameSampling({ maxTokens: 8 }, { maxTokens: 16 })).toBe(false);
    // Providers' default temperatures differ, so unset is not 0 (nor 1).
    expect(sameSampling({}, { temperature: 0 })).toBe(false);
    expect(sameSampling({}, { seed: 1 })).toBe(false);
    expect(sameSampling({ topP: 0.9 }, {})).toBe(false);
    expect(sameSampling({ frequencyPenalty: 1 }, { frequencyPenalty: 0 })).toBe(false);
  });

  it('ignores the order of keys and of stop sequences', () => {
    expect(
      sameSampling(
        { stop: ['\n', 'END'], temperature: 0.7, maxTokens: 5 },
        { maxTokens: 5, temperature: 0.7, stop: ['END', '\n', 'END'] },
      ),
    ).toBe(true);
  });
});

describe('samplingDifference', () => {
  it('names each setting that differs, as stored against wanted', () => {
    expect(
      samplingDifference({ temperature: 0, maxTokens: 8 }, { temperature: 0, maxTokens: 16 }),
    ).toBe('maxTokens 8, not 16');
    expect(samplingDifference({ topP: 0.9 }, { topP: 1, seed: 3 })).toBe(
      'topP 0.9, not 1; seed unset, not 3',
    );
    expect(samplingDifference({ topP: 1 }, {})).toBe('');
  });
});
