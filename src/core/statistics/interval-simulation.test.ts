import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../metrics/wilson-interval.js';
import { seededRandom } from '../random/seeded-random.js';
import type { AnsweredTally } from './answered-tally.js';
import { simulateSetting } from './interval-simulation.js';

/** The trial-level interval tunegate used before: every repeat counted as a new case. */
const trialLevel = (tallies: readonly AnsweredTally[]) =>
  wilsonInterval(
    tallies.reduce((sum, tally) => sum + tally.passed, 0),
    tallies.reduce((sum, tally) => sum + tally.answered, 0),
  );

// A seeded few hundred evaluations per setting (bench:stats runs 2,000+ on 145 settings).
// With 300 evaluations the standard error of a 95 % coverage is 1.3 points.
describe('simulateSetting', () => {
  it('covers near 95 % and keeps the paired test near its level across correlations', () => {
    for (const setting of [
      { cases: 50, repeats: 3, correlation: 0.5 },
      { cases: 20, repeats: 10, correlation: 1 },
      { cases: 100, repeats: 5, correlation: 0 },
    ]) {
      const result = simulateSetting(setting, 300, seededRandom(11));
      expect(result.coverage).toBeGreaterThan(0.91);
      expect(result.coverage).toBeLessThan(0.99);
      expect(result.typeOneError).toBeLessThan(0.085);
    }
  });

  it('catches the trial-level interval counting correlated repeats as new cases', () => {
    const setting = { cases: 50, repeats: 10, correlation: 1 };
    const old = simulateSetting(setting, 300, seededRandom(11), { interval: trialLevel });
    expect(old.coverage).toBeLessThan(0.7);
  });

  it('is reproducible from its seed', () => {
    const setting = { cases: 20, repeats: 2, correlation: 0.3 };
    expect(simulateSetting(setting, 50, seededRandom(5))).toEqual(
      simulateSetting(setting, 50, seededRandom(5)),
    );
  });
});
