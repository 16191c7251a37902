import { describe, expect, it } from 'vitest';
import { repeatRangeLabel, repeatsEachLabel } from './repeat-range.js';

describe('repeat range labels', () => {
  it('names one count or a range', () => {
    expect(repeatRangeLabel({ min: 3, max: 3 })).toBe('3');
    expect(repeatRangeLabel({ min: 2, max: 3 })).toBe('2–3');
    expect(repeatsEachLabel({ min: 1, max: 1 })).toBe('1 repeat each');
    expect(repeatsEachLabel({ min: 3, max: 3 })).toBe('3 repeats each');
    expect(repeatsEachLabel({ min: 2, max: 3 })).toBe('2–3 repeats');
  });
});
