import { describe, expect, it } from 'vitest';
import { detectFormat, formatOfRecord } from './detect-format.js';

describe('formatOfRecord', () => {
  it.each([
    [{ messages: [] }, 'openai-chat'],
    [{ input: { messages: [] }, preferred_output: [], non_preferred_output: [] }, 'preference'],
    [{ prompt: 'a', completion: 'b' }, 'prompt-completion'],
    [{ conversations: [] }, 'sharegpt'],
    [{ instruction: 'a', input: '', output: 'b' }, 'alpaca'],
    [{ text: 'a', category: 'b' }, 'eval-cases'],
    [{ messages: 'not a list' }, 'openai-chat'],
    [[1], undefined],
  ] as const)('%j is %s', (value, format) => {
    expect(formatOfRecord(value)).toBe(format);
  });
});

describe('detectFormat', () => {
  it('takes the most common format of the sample', () => {
    expect(
      detectFormat([{ messages: [] }, { prompt: 'a', completion: 'b' }, { messages: [] }, 3]),
    ).toBe('openai-chat');
    expect(detectFormat([])).toBe('eval-cases');
  });
});
