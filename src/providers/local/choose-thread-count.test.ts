import { describe, expect, it } from 'vitest';
import { chooseThreadCount } from './choose-thread-count.js';

describe('chooseThreadCount', () => {
  it('uses one thread on one or two cores and half the cores above', () => {
    expect(chooseThreadCount(1)).toBe(1);
    expect(chooseThreadCount(2)).toBe(1);
    expect(chooseThreadCount(3)).toBe(1);
    expect(chooseThreadCount(4)).toBe(2);
    expect(chooseThreadCount(16)).toBe(8);
  });

  it('falls back to one thread for nonsense counts', () => {
    expect(chooseThreadCount(0)).toBe(1);
    expect(chooseThreadCount(Number.NaN)).toBe(1);
  });
});
