import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../metrics/wilson-interval.js';
import type { AnsweredTally } from './answered-tally.js';
import { casePassRate } from './case-pass-rate.js';

const tally = (caseId: string, passed: number, answered: number): AnsweredTally => ({
  caseId,
  passed,
  answered,
});

/** Random runs: per case, a number of repeats and which of them passed. */
const runs = fc.array(
  fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }).map((repeats) => repeats),
  { minLength: 1, maxLength: 40 },
);

const tallies = (run: boolean[][], copies = 1): AnsweredTally[] =>
  run.map((repeats, index) => {
    const passed = repeats.filter(Boolean).length;
    return tally(`c${index}`, passed * copies, repeats.length * copies);
  });

describe('casePassRate', () => {
  it('matches a hand computation on four cases of two repeats', () => {
    // Shares 1, ½, 0, 1: mean 0.625, s² = 0.6875 / 3, d = s² / (0.625 · 0.375) = 0.97778,
    // n_eff = 4 / d = 4.0909, quantile 1.95996 + (t₃ − 1.95996) · √(1 − d) = 2.14220.
    const result = casePassRate([
      tally('a', 2, 2),
      tally('b', 1, 2),
      tally('c', 0, 2),
      tally('d', 2, 2),
    ]);
    expect(result.rate).toBe(0.625);
    expect(result.designEffect).toBeCloseTo(0.977777777777, 10);
    expect(result.effectiveTrials).toBeCloseTo(4.090909090909, 9);
    expect(result.lower).toBeCloseTo(0.2007513473556, 9);
    expect(result.upper).toBeCloseTo(0.9170752747445, 9);
    expect(result.cases).toBe(4);
    expect(result.answered).toBe(8);
    expect(result.repeats).toEqual({ min: 2, max: 2 });
  });

  it('is Wilson on cases when repeats agree within every case', () => {
    const run = [
      tally('a', 3, 3),
      tally('b', 0, 3),
      tally('c', 3, 3),
      tally('d', 3, 3),
      tally('e', 0, 3),
    ];
    const wilson = wilsonInterval(3, 5);
    const result = casePassRate(run);
    expect(result.rate).toBeCloseTo(0.6, 12);
    expect(result.lower).toBeCloseTo(wilson.lower, 12);
    expect(result.upper).toBeCloseTo(wilson.upper, 12);
    expect(result.designEffect).toBe(1);
  });

  it('narrows when repeats vary within cases like independent trials', () => {
    // Every case passes 5 of 10: no case differs from another, so the 10 repeats each count.
    const varied = casePassRate(
      Array.from({ length: 20 }, (_, index) => tally(`c${index}`, index % 2 === 0 ? 4 : 6, 10)),
    );
    const agreeing = casePassRate(
      Array.from({ length: 20 }, (_, index) => tally(`c${index}`, index % 2 === 0 ? 0 : 10, 10)),
    );
    expect(varied.rate).toBeCloseTo(0.5, 12);
    expect(agreeing.rate).toBeCloseTo(0.5, 12);
    expect(varied.upper - varied.lower).toBeLessThan((agreeing.upper - agreeing.lower) / 2);
  });

  it('leaves failed calls out: a case with no answer carries no evidence', () => {
    const result = casePassRate([tally('a', 1, 1), tally('b', 0, 0), tally('c', 0, 1)]);
    expect(result.cases).toBe(2);
    expect(result.rate).toBe(0.5);
    expect(casePassRate([tally('a', 0, 0)])).toMatchObject({ cases: 0, lower: 0, upper: 1 });
  });

  it('is unchanged when every trial is copied (property)', () => {
    fc.assert(
      fc.property(runs, fc.integer({ min: 2, max: 7 }), (run, copies) => {
        const once = casePassRate(tallies(run));
        const copied = casePassRate(tallies(run, copies));
        expect(copied.rate).toBeCloseTo(once.rate, 12);
        expect(copied.lower).toBeCloseTo(once.lower, 12);
        expect(copied.upper).toBeCloseTo(once.upper, 12);
      }),
      { numRuns: 300 },
    );
  });

  it('stays inside [0, 1] around its rate (property)', () => {
    fc.assert(
      fc.property(runs, (run) => {
        const result = casePassRate(tallies(run));
        expect(result.lower).toBeGreaterThanOrEqual(0);
        expect(result.upper).toBeLessThanOrEqual(1);
        expect(result.lower).toBeLessThanOrEqual(result.rate + 1e-12);
        expect(result.upper).toBeGreaterThanOrEqual(result.rate - 1e-12);
      }),
      { numRuns: 300 },
    );
  });
});
