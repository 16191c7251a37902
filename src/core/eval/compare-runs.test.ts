import { describe, expect, it } from 'vitest';
import { addRun } from '../../../test/support/synthetic-evidence.js';
import { SqliteEvalStore } from '../../store/sqlite-eval-store.js';
import { compareRuns } from './compare-runs.js';

const cases = { c1: 'pp', c2: 'pc', c3: 'cc' };

describe('compareRuns diversity', () => {
  it('leaves distinct-2 and self-BLEU out for short answers and says why', () => {
    const store = new SqliteEvalStore(':memory:');
    const oneWord = (caseId: string, _outcome: string, repeat: number) =>
      repeat === 0 ? 'yes' : `${caseId}`;
    const a = addRun(store, [{ variant: 'v', model: 'm', cases, output: oneWord }]);
    const b = addRun(store, [{ variant: 'v', model: 'm', cases, output: () => 'no' }]);
    const diff = compareRuns(store, a, b);
    expect(diff.diversity.notApplicable).toBe('short answers (median 1 word)');
    expect(diff.diversity.withinDistinct2).toEqual({ a: null, b: null, change: null });
    // Agreement still compares: run A's repeats differ on every case, run B's never.
    expect(diff.consistency).toEqual({ a: 0.5, b: 1, change: 0.5 });
    // A label task says so even when the labels are long.
    const labels = compareRuns(store, a, b, { labelOutputs: true });
    expect(labels.diversity.notApplicable).toBe('label outputs');
    store.close();
  });

  it('measures diversity where answers are sentences', () => {
    const store = new SqliteEvalStore(':memory:');
    const sentence = (caseId: string, _outcome: string, repeat: number) =>
      `the answer for ${caseId} is number ${repeat}`;
    const a = addRun(store, [{ variant: 'v', model: 'm', cases, output: sentence }]);
    const b = addRun(store, [
      { variant: 'v', model: 'm', cases, output: () => 'the same answer every single time' },
    ]);
    const diff = compareRuns(store, a, b);
    expect(diff.diversity.notApplicable).toBeNull();
    // A: 2 repeats × 6 bigrams, 5 shared: 7 distinct of 12. B: identical repeats, 5 of 10.
    expect(diff.diversity.withinDistinct2.a).toBeCloseTo(7 / 12, 12);
    expect(diff.diversity.withinDistinct2.b).toBeCloseTo(5 / 10, 12);
    store.close();
  });
});
