import { describe, expect, it } from 'vitest';
import { addRun } from '../../../test/support/synthetic-evidence.js';
import { SqliteEvalStore } from '../../store/sqlite-eval-store.js';
import { buildArm } from './build-arm.js';
import { measureGroup } from './measure-group.js';

describe('measureGroup', () => {
  it('tallies answered repeats by case and counts failed calls apart, with their reason', () => {
    const store = new SqliteEvalStore(':memory:');
    // A second group in the same run must not leak into the first's figures.
    const runId = addRun(store, [
      { variant: 'v', model: 'm', cases: { a: 'pe', b: 'cc', c: 'ee' } },
      { variant: 'w', model: 'm', cases: { a: 'pp', b: 'pp', c: 'pp' } },
    ]);
    const group = { runId, variant: 'v', model: 'm', samplingIndex: 0 };
    const measured = measureGroup(store, group);
    expect(measured.errors).toBe(3);
    expect(measured.trials).toBe(3);
    expect(measured.passed).toBe(1);
    expect([...measured.tallies.values()]).toEqual([
      { caseId: 'a', answered: 1, passed: 1 },
      { caseId: 'b', answered: 2, passed: 0 },
      { caseId: 'c', answered: 0, passed: 0 },
    ]);
    expect(measured.commonestError).toMatchObject({ message: 'scripted failure', count: 3 });
    // The arm's pass rate is over the two answered cases: a 1/1, b 0/2.
    const arm = buildArm({
      role: 'base',
      group,
      ref: 'm',
      reused: true,
      measured,
      price: undefined,
      best: undefined,
    });
    expect(arm.cases).toBe(2);
    expect(arm.passRate).toBeCloseTo(0.5, 12);
    expect(arm.errors).toBe(3);
    expect(arm.commonestError?.fix).toMatch(/fix the cause/);
    store.close();
  });
});
