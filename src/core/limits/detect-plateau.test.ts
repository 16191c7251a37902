import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../metrics/wilson-interval.js';
import { detectPlateau } from './detect-plateau.js';

/** An iteration with `passed` of `trials` and its Wilson interval. */
const point = (passed: number, trials = 100) => {
  const interval = wilsonInterval(passed, trials);
  return { passRate: interval.rate, lower: interval.lower, upper: interval.upper };
};

describe('detectPlateau', () => {
  it('needs more iterations than the window', () => {
    expect(detectPlateau([]).reached).toBe(false);
    expect(detectPlateau([]).reason).toContain('no iterations');
    const three = detectPlateau([point(50), point(50), point(50)], { delta: 0.02, window: 3 });
    expect(three.reached).toBe(false);
    expect(three.windowStart).toBeNull();
    expect(three.reason).toContain('only 3 iterations');
  });

  it('is reached when the best moved less than delta and the gain is not significant', () => {
    // Best so far: .50 .60 .61 .61 .61; after 5 it is .61 (iteration 3), after 2 it was .60.
    const plateau = detectPlateau([point(50), point(60), point(61), point(60), point(60)]);
    expect(plateau.reached).toBe(true);
    expect(plateau.bestSoFar.map((best) => best.passRate)).toEqual([0.5, 0.6, 0.61, 0.61, 0.61]);
    expect(plateau.current?.bestIndex).toBe(3);
    expect(plateau.previous?.bestIndex).toBe(2);
    expect(plateau.improvement).toBeCloseTo(0.01, 12);
    expect(plateau.gainSignificant).toBe(false);
    expect([plateau.windowStart, plateau.windowEnd]).toEqual([3, 5]);
  });

  it('is not reached while the best still rises by delta or more', () => {
    const plateau = detectPlateau([point(50), point(55), point(60), point(65), point(70)]);
    // After 5: .70; after 2: .55 → +15 points.
    expect(plateau.improvement).toBeCloseTo(0.15, 12);
    expect(plateau.reached).toBe(false);
    expect(plateau.reason).toContain('still improving');
  });

  it('without a paired test, is not reached when the intervals no longer overlap', () => {
    // 1,000,000 trials each: intervals about ±0.001, so +1.5 points separates them.
    const plateau = detectPlateau(
      [point(500_000, 1e6), point(500_000, 1e6), point(515_000, 1e6), point(510_000, 1e6)],
      { delta: 0.02, window: 2 },
    );
    expect(plateau.improvement).toBeCloseTo(0.015, 12);
    expect(plateau.gainSignificant).toBe(true);
    expect(plateau.reached).toBe(false);
    expect(plateau.reason).toContain('the gain is real');
  });

  it('asks the paired test over cases whether the gain is real', () => {
    const history = [point(50), point(60), point(61), point(60), point(60)];
    const asked: [number, number][] = [];
    const significant = detectPlateau(history, undefined, (current, previous) => {
      asked.push([current, previous]);
      return { p: 0.01, pairing: '40 cases, 3 repeats each' };
    });
    // Best after 5 is iteration 3; the best before the window (after 2) is iteration 2.
    expect(asked).toEqual([[3, 2]]);
    expect(significant.reached).toBe(false);
    expect(significant.pairedP).toBe(0.01);
    expect(significant.reason).toContain('40 cases, 3 repeats each');
    const noise = detectPlateau(history, undefined, () => ({ p: 0.4, pairing: '40 cases' }));
    expect(noise.reached).toBe(true);
    expect(noise.gainSignificant).toBe(false);
  });

  it('needs no test when the best did not change over the window', () => {
    let called = false;
    const plateau = detectPlateau([point(70), point(50), point(50), point(50)], undefined, () => {
      called = true;
      return { p: 0, pairing: '' };
    });
    expect(called).toBe(false);
    expect(plateau.reached).toBe(true);
  });

  it('takes delta and window from the options', () => {
    const rising = [point(50), point(55), point(60), point(65), point(70)];
    // window 2: after 5 (.70) against after 3 (.60): +10 points.
    expect(detectPlateau(rising, { delta: 0.1, window: 2 }).reached).toBe(false);
    expect(detectPlateau(rising, { delta: 0.11, window: 2 }).reached).toBe(true);
  });

  it('lets an equal pass rate with a tighter interval become the best', () => {
    const plateau = detectPlateau([point(6, 10), point(60, 100)], { delta: 0.02, window: 1 });
    expect(plateau.bestSoFar.map((best) => best.bestIndex)).toEqual([1, 2]);
    expect(plateau.improvement).toBe(0);
    expect(plateau.reached).toBe(true);
  });
});
