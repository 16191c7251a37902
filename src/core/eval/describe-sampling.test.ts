import { describe, expect, it } from 'vitest';
import { describeSampling } from './describe-sampling.js';

describe('describeSampling', () => {
  it('always names the same five settings and the seed, unset as –', () => {
    expect(describeSampling({ temperature: 0, maxTokens: 16 })).toBe(
      'temperature 0, top-p –, max tokens 16, frequency penalty –, presence penalty –, seed –',
    );
  });

  it('adds top-k, repeat penalty and stop when set, and leaves out what is named elsewhere', () => {
    expect(
      describeSampling(
        { temperature: 1, topP: 0.9, maxTokens: 8, seed: 3, topK: 40, stop: ['\n'] },
        ['temperature', 'topP', 'frequencyPenalty', 'presencePenalty'],
      ),
    ).toBe('max tokens 8, seed 3, top-k 40, stop "\\n"');
  });
});
