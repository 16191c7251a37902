import { describe, expect, it } from 'vitest';
import { nextPollDelay } from './poll-backoff.js';

const options = { minMs: 100, maxMs: 1000, factor: 2 };

describe('nextPollDelay', () => {
  it('grows by the factor while nothing changes, up to the maximum', () => {
    const waits: number[] = [];
    let wait = options.minMs;
    for (let poll = 0; poll < 6; poll++) {
      waits.push(wait);
      wait = nextPollDelay(wait, false, options);
    }
    expect(waits).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('drops back to the minimum when the job moved', () => {
    expect(nextPollDelay(800, true, options)).toBe(100);
  });

  it('never waits less than the minimum', () => {
    expect(nextPollDelay(10, false, options)).toBe(100);
  });
});
