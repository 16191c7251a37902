import { describe, expect, it } from 'vitest';
import { MinHashIndex } from './minhash-index.js';
import { findCrossMatches, findNearDuplicates } from './near-duplicate-finder.js';

const words = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, index) => `w${from + index}x`);
const text = (...parts: string[][]) => parts.flat().join(' ');

describe('findNearDuplicates', () => {
  it('keeps the earliest text of each group and reports the others with their match', () => {
    const index = new MinHashIndex();
    index.add(10, text(words(0, 60)));
    index.add(11, text(words(100, 160)));
    index.add(12, text(words(0, 59), ['other']));
    index.add(13, text(words(0, 60)));
    index.add(14, text(words(200, 260)));
    const found = findNearDuplicates(index);
    expect(found.map(({ id, keep }) => [id, keep])).toEqual([
      [12, 10],
      [13, 10],
    ]);
    expect(found[0]?.similarity).toBeGreaterThanOrEqual(0.8);
  });

  it('joins a chain into one group (a ~ b ~ c keeps only a)', () => {
    const index = new MinHashIndex();
    index.add(1, text(words(0, 100)));
    index.add(2, text(words(0, 95), words(300, 305)));
    index.add(3, text(words(0, 90), words(300, 310)));
    const found = findNearDuplicates(index, { threshold: 0.8 });
    expect(found.map(({ id, keep }) => [id, keep])).toEqual([
      [2, 1],
      [3, 1],
    ]);
  });

  it('respects the threshold: J = 0.66 is a near-duplicate at 0.5, not at 0.8', () => {
    const build = () => {
      const index = new MinHashIndex();
      index.add(1, text(words(0, 100)));
      index.add(2, text(words(0, 80), words(200, 220)));
      return index;
    };
    expect(findNearDuplicates(build(), { threshold: 0.8 })).toEqual([]);
    expect(findNearDuplicates(build(), { threshold: 0.5 }).map((found) => found.id)).toEqual([2]);
  });
});

describe('findCrossMatches', () => {
  it('matches queries (after the boundary) to reference rows only', () => {
    const index = new MinHashIndex();
    index.add(0, text(words(0, 60)));
    index.add(1, text(words(100, 160)));
    const boundary = index.size;
    index.add(7, text(words(100, 159), ['x']));
    index.add(8, text(words(500, 560)));
    index.add(9, text(words(500, 560)));
    const found = findCrossMatches(index, boundary);
    expect(found.map(({ id, of }) => [id, of])).toEqual([[7, 1]]);
  });
});
