import { describe, expect, it } from 'vitest';
import { learningRateAt } from './learning-rate-schedule.js';

describe('learningRateAt', () => {
  const base = { peak: 1, warmupSteps: 4, totalSteps: 14, minimumRatio: 0.1 };

  it('warms up linearly to the peak', () => {
    const schedule = { ...base, decay: 'constant' as const };
    expect([0, 1, 2, 3, 4, 13].map((step) => learningRateAt(schedule, step))).toEqual([
      0.25, 0.5, 0.75, 1, 1, 1,
    ]);
  });

  it('decays linearly from the peak to the minimum at the last step', () => {
    const schedule = { ...base, decay: 'linear' as const };
    expect(learningRateAt(schedule, 4)).toBeCloseTo(1, 9);
    expect(learningRateAt(schedule, 8)).toBeCloseTo(0.1 + 0.9 * (1 - 4 / 9), 9);
    expect(learningRateAt(schedule, 13)).toBeCloseTo(0.1, 9);
  });

  it('follows half a cosine for cosine decay', () => {
    const schedule = { ...base, decay: 'cosine' as const, warmupSteps: 0, totalSteps: 3 };
    expect(learningRateAt(schedule, 0)).toBeCloseTo(1, 9);
    expect(learningRateAt(schedule, 1)).toBeCloseTo(0.55, 9);
    expect(learningRateAt(schedule, 2)).toBeCloseTo(0.1, 9);
  });
});
