import { describe, expect, it } from 'vitest';
import { charactersPerFour, createTokenCounter, exampleTokens } from './token-counter.js';

describe('token counters', () => {
  it('counts with o200k_base and cl100k_base', async () => {
    const o200k = await createTokenCounter('o200k_base');
    const cl100k = await createTokenCounter('cl100k_base');
    expect(o200k.count('hello world')).toBe(2);
    expect(cl100k.count('hello world')).toBe(2);
    expect(o200k.exact).toBe(true);
  });

  it('counts special-token text as ordinary text instead of refusing it', async () => {
    const o200k = await createTokenCounter('o200k_base');
    expect(o200k.count('<|endoftext|>')).toBeGreaterThan(1);
  });

  it('estimates characters ÷ 4, rounded up', () => {
    expect(charactersPerFour.count('abcde')).toBe(2);
    expect(charactersPerFour.count('')).toBe(0);
  });

  it('adds 4 tokens per chat message and 3 for the reply', () => {
    expect(exampleTokens(charactersPerFour, 'abcdefgh', 3)).toBe(2 + 12 + 3);
    expect(exampleTokens(charactersPerFour, 'abcdefgh', 0)).toBe(2);
  });
});
