import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Bm25Index } from './bm25-index.js';

// Corpus: lengths 3, 6, 3 tokens, so the average length is 4.
const corpus = ['The cat sat', 'the dog sat on the mat', 'Cat cat DOG'];
// Length normalisation k1 * (1 - b + b * length / 4) with k1 = 1.2, b = 0.75:
const normShort = 1.2 * (0.25 + 0.75 * (3 / 4)); // 0.975
const normLong = 1.2 * (0.25 + 0.75 * (6 / 4)); // 1.65
// idf = ln(1 + (N - n + 0.5) / (n + 0.5)) with N = 3.
const idfInTwo = Math.log(1 + 1.5 / 2.5); // ln 1.6
const idfInOne = Math.log(1 + 2.5 / 1.5); // ln(8/3)
const term = (frequency: number, norm: number) => (frequency * 2.2) / (frequency + norm);

describe('Bm25Index', () => {
  const index = new Bm25Index(corpus);

  it('scores a single-term query by hand-computed values', () => {
    const hits = index.search('cat', 3);
    expect(hits.map((hit) => hit.index)).toEqual([2, 0, 1]);
    expect(hits[0]?.score).toBeCloseTo(idfInTwo * term(2, normShort), 12);
    expect(hits[0]?.score).toBeCloseTo(0.695131, 6);
    expect(hits[1]?.score).toBeCloseTo(idfInTwo * term(1, normShort), 12);
    expect(hits[1]?.score).toBeCloseTo(0.523548, 6);
    expect(hits[2]?.score).toBe(0);
  });

  it('sums the terms of a multi-term query, case-insensitively', () => {
    const hits = index.search('DOG Mat', 2);
    expect(hits.map((hit) => hit.index)).toEqual([1, 2]);
    expect(hits[0]?.score).toBeCloseTo((idfInTwo + idfInOne) * term(1, normLong), 12);
    expect(hits[1]?.score).toBeCloseTo(idfInTwo * term(1, normShort), 12);
  });

  it('counts a repeated query term once', () => {
    expect(index.scores('cat cat')).toEqual(index.scores('cat'));
  });

  it('breaks ties by index and includes zero-score documents', () => {
    expect(index.search('unicorn', 5)).toEqual([
      { index: 0, score: 0 },
      { index: 1, score: 0 },
      { index: 2, score: 0 },
    ]);
    // Documents 0 and 2 are identical, so their scores tie and index order decides.
    const tied = new Bm25Index(['a b', 'c d', 'a b']).search('a', 3);
    expect(tied.map((hit) => hit.index)).toEqual([0, 2, 1]);
    expect(tied[0]?.score).toBe(tied[1]?.score);
  });

  it('tokenises Unicode words', () => {
    const unicode = new Bm25Index(['Grüße aus Köln', 'Привет мир', '東京 タワー']);
    expect(unicode.search('köln', 1)[0]?.index).toBe(0);
    expect(unicode.search('МИР', 1)[0]?.index).toBe(1);
    expect(unicode.search('タワー', 1)[0]?.index).toBe(2);
  });

  it('handles an empty corpus and k of zero', () => {
    expect(new Bm25Index([]).search('cat', 3)).toEqual([]);
    expect(index.search('cat', 0)).toEqual([]);
    expect(new Bm25Index(['', '']).search('cat', 2).map((hit) => hit.score)).toEqual([0, 0]);
  });

  it('ranks a few hits the same way as a full sort (property)', () => {
    const word = fc.constantFrom('red', 'green', 'blue', 'cat', 'dog', 'sun');
    const document = fc.array(word, { maxLength: 8 }).map((words) => words.join(' '));
    fc.assert(
      fc.property(
        fc.array(document, { minLength: 40, maxLength: 60 }),
        document,
        fc.integer({ min: 1, max: 32 }),
        (documents, query, k) => {
          const many = new Bm25Index(documents);
          // k above 32 takes the full-sort path; k up to 32 the short-list path.
          expect(many.search(query, k)).toEqual(many.search(query, documents.length).slice(0, k));
        },
      ),
    );
  });
});
