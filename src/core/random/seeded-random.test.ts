import { describe, expect, it } from 'vitest';
import { hashString, randomIndex, sampleIndices, seededRandom, shuffled } from './seeded-random.js';

describe('seededRandom', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const first = seededRandom(42);
    const second = seededRandom(42);
    const sequence = Array.from({ length: 5 }, () => first());
    expect(Array.from({ length: 5 }, () => second())).toEqual(sequence);
    const other = seededRandom(43);
    expect(Array.from({ length: 5 }, () => other())).not.toEqual(sequence);
  });

  it('draws uniformly from [0, 1)', () => {
    // 100,000 draws: mean within 0.005 of 1/2 (sd of the mean is 0.0009); each tenth holds
    // 10,000 ± 500 (sd about 95).
    const random = seededRandom(0);
    const bins = new Array(10).fill(0);
    let sum = 0;
    for (let draw = 0; draw < 100_000; draw += 1) {
      const value = random();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
      sum += value;
      bins[Math.floor(value * 10)] += 1;
    }
    expect(Math.abs(sum / 100_000 - 0.5)).toBeLessThan(0.005);
    for (const count of bins) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });

  it('gives integer indices in range', () => {
    const random = seededRandom(1);
    for (let draw = 0; draw < 1000; draw += 1) {
      const index = randomIndex(random, 7);
      expect(Number.isInteger(index) && index >= 0 && index < 7).toBe(true);
    }
  });
});

describe('sampleIndices', () => {
  it('picks distinct indices in ascending order', () => {
    const picked = sampleIndices(seededRandom(3), 100, 10);
    expect(picked).toHaveLength(10);
    expect(new Set(picked).size).toBe(10);
    expect([...picked].sort((left, right) => left - right)).toEqual(picked);
    expect(picked.every((index) => index >= 0 && index < 100)).toBe(true);
  });

  it('returns everything when asked for all, and rejects more than there is', () => {
    expect(sampleIndices(seededRandom(0), 4, 4)).toEqual([0, 1, 2, 3]);
    expect(() => sampleIndices(seededRandom(0), 3, 4)).toThrow(RangeError);
  });
});

describe('hashString', () => {
  it('matches FNV-1a 32-bit reference values', () => {
    // Published FNV-1a test vectors.
    expect(hashString('')).toBe(0x811c9dc5);
    expect(hashString('a')).toBe(0xe40c292c);
    expect(hashString('foobar')).toBe(0xbf9cf968);
  });
});

describe('seededRandom (few-shot sampling use)', () => {
  it('repeats the same sequence for the same seed and stays in [0, 1)', () => {
    const first = seededRandom(42);
    const second = seededRandom(42);
    const values = Array.from({ length: 1000 }, () => first());
    expect(Array.from({ length: 1000 }, () => second())).toEqual(values);
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    expect(new Set(values).size).toBe(1000);
  });

  it('gives different sequences for different seeds', () => {
    expect(seededRandom(1)()).not.toBe(seededRandom(2)());
  });
});

describe('shuffled', () => {
  it('returns a permutation and leaves the input untouched', () => {
    const items = [1, 2, 3, 4, 5, 6, 7, 8];
    const result = shuffled(items, seededRandom(7));
    expect(items).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...result].sort((a, b) => a - b)).toEqual(items);
  });

  it('keeps the order when random always returns just under 1', () => {
    // floor(0.999 * (i + 1)) = i: every element swaps with itself.
    expect(shuffled(['a', 'b', 'c'], () => 0.999)).toEqual(['a', 'b', 'c']);
  });

  it('rotates when random always returns 0', () => {
    // i = 2 swaps with 0: [c, b, a]; i = 1 swaps with 0: [b, c, a].
    expect(shuffled(['a', 'b', 'c'], () => 0)).toEqual(['b', 'c', 'a']);
  });
});
