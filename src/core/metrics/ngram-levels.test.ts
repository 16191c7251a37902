import { describe, expect, it } from 'vitest';
import { buildNgramLevels, buildTokenCorpus, ngramTotal } from './ngram-levels.js';

describe('buildNgramLevels', () => {
  it('gives equal n-grams equal ids across outputs, and none across boundaries', () => {
    const corpus = buildTokenCorpus(['a b a', 'b a b']);
    // Tokens a=0, b=1.
    expect(corpus.sequences.map((sequence) => [...sequence])).toEqual([
      [0, 1, 0],
      [1, 0, 1],
    ]);
    expect(corpus.vocabularySize).toBe(2);
    const [unigrams, bigrams, trigrams, fourgrams] = buildNgramLevels(corpus, 4);
    expect(unigrams?.distinctCount).toBe(2);
    // Bigrams: ab, ba | ba, ab → ids 0, 1 | 1, 0.
    expect(bigrams?.sequences.map((sequence) => [...sequence])).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(bigrams?.distinctCount).toBe(2);
    expect(trigrams?.distinctCount).toBe(2);
    expect(fourgrams && ngramTotal(fourgrams)).toBe(0);
  });

  it('rejects orders below 1', () => {
    expect(() => buildNgramLevels(buildTokenCorpus(['a']), 0)).toThrow(RangeError);
  });
});
