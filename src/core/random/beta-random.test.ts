import { describe, expect, it } from 'vitest';
import { betaProbability, gammaRandom } from './beta-random.js';
import { seededRandom } from './seeded-random.js';

describe('betaProbability', () => {
  it('has the asked mean and intra-class correlation', () => {
    // For Beta(α, β): var = μ(1 − μ)ρ with ρ = 1 / (α + β + 1).
    const random = seededRandom(3);
    const draws = Array.from({ length: 40_000 }, () => betaProbability(random, 0.8, 0.3));
    const mean = draws.reduce((sum, value) => sum + value, 0) / draws.length;
    const variance = draws.reduce((sum, value) => sum + (value - mean) ** 2, 0) / draws.length;
    expect(mean).toBeCloseTo(0.8, 2);
    expect(variance / (0.8 * 0.2)).toBeCloseTo(0.3, 1);
  });

  it('is the mean at correlation 0 and a coin at correlation 1', () => {
    const random = seededRandom(1);
    expect(betaProbability(random, 0.4, 0)).toBe(0.4);
    const coins = Array.from({ length: 1000 }, () => betaProbability(random, 0.4, 1));
    expect(coins.every((value) => value === 0 || value === 1)).toBe(true);
  });
});

describe('gammaRandom', () => {
  it('has mean and variance equal to its shape', () => {
    const random = seededRandom(9);
    for (const shape of [0.3, 2.5]) {
      const draws = Array.from({ length: 40_000 }, () => gammaRandom(random, shape));
      const mean = draws.reduce((sum, value) => sum + value, 0) / draws.length;
      const variance = draws.reduce((sum, value) => sum + (value - mean) ** 2, 0) / draws.length;
      expect(mean / shape).toBeCloseTo(1, 1);
      expect(variance / shape).toBeCloseTo(1, 1);
    }
  });
});
