import { describe, expect, it } from 'vitest';
import { SqliteEvalStore } from '../../store/sqlite-eval-store.js';
import type { CellResult } from './cell-result.js';
import { compareRuns } from './compare-runs.js';
import { cellKey } from './prepare-run.js';
import { summarizeRun } from './summarize-run.js';

function cell(
  variant: string,
  caseId: string,
  repeat: number,
  output: string,
  passed: boolean,
): CellResult {
  return {
    key: cellKey(variant, 'm', 0, caseId, repeat),
    variant,
    model: 'm',
    samplingIndex: 0,
    sampling: {},
    caseId,
    repeat,
    status: 'ok',
    output,
    errorCode: null,
    errorMessage: null,
    passed,
    formatPassed: true,
    checks: [],
    inputTokens: 10,
    outputTokens: 2,
    tokensEstimated: false,
    cost: 0.5,
    latencyMs: 10 * (repeat + 1),
    finishReason: 'stop',
    cached: false,
    attempts: 1,
  };
}

function storeWith(runs: Record<string, CellResult[]>): SqliteEvalStore {
  const store = new SqliteEvalStore(':memory:');
  for (const [id, cells] of Object.entries(runs)) {
    store.createRun({
      id,
      taskName: 't',
      taskFile: 'f',
      taskHash: 'h',
      options: {},
      status: 'completed',
      totalCells: cells.length,
      createdAt: id,
      finishedAt: null,
    });
    store.writeCells(id, cells, []);
  }
  return store;
}

describe('summarizeRun', () => {
  it('computes pass rate, consistency and cost per group from the stored cells', () => {
    // Case a: "yes","yes","no" → modal agreement 2/3, passes 2 of 3 → pass^3 = 0.
    // Case b: "ok" ×3 → agreement 1, all pass → pass^3 = 1.
    const store = storeWith({
      r1: [
        cell('v', 'a', 0, 'yes', true),
        cell('v', 'a', 1, ' YES ', true),
        cell('v', 'a', 2, 'no', false),
        cell('v', 'b', 0, 'ok', true),
        cell('v', 'b', 1, 'ok', true),
        cell('v', 'b', 2, 'ok', true),
      ],
    });
    const summary = summarizeRun(store, 'r1');
    const group = summary.groups[0];
    expect(summary.groups).toHaveLength(1);
    expect(group?.passed).toBe(5);
    expect(group?.passRate).toBeCloseTo(5 / 6, 12);
    // Agreement normalises case and surrounding space: mean of 2/3 and 1.
    expect(group?.consistency.modalAgreement).toBeCloseTo((2 / 3 + 1) / 2, 12);
    expect(group?.consistency.passAllRepeats).toBeCloseTo(0.5, 12);
    expect(group?.cost).toBeCloseTo(3, 12);
    // Latencies 10, 20, 30, 10, 20, 30 → p50 20 (linear interpolation).
    expect(group?.latencyP50).toBe(20);
    expect(summary.best?.variant).toBe('v');
    expect(summary.comparison).toBeNull();
    store.close();
  });

  it('leaves failed calls out of every figure, counts them, and names the commonest reason', () => {
    const failed = (caseId: string, repeat: number, tokens: number): CellResult => ({
      ...cell('v', caseId, repeat, '', false),
      status: 'error',
      output: null,
      passed: null,
      formatPassed: null,
      errorCode: 'PROVIDER_ERROR',
      errorMessage: `local: the prompt is ${tokens} tokens but the context holds 256`,
    });
    const store = storeWith({
      r1: [
        cell('v', 'a', 0, 'yes', true),
        failed('a', 1, 300),
        cell('v', 'b', 0, 'no', false),
        cell('v', 'b', 1, 'no', false),
        failed('c', 0, 372),
        failed('c', 1, 380),
      ],
    });
    const group = summarizeRun(store, 'r1').groups[0];
    // Case a: 1 of 1 answered passes; b: 0 of 2; c: nothing answered, no evidence.
    expect(group?.cases).toBe(2);
    expect(group?.passRate).toBeCloseTo(0.5, 12);
    expect(group?.errors).toBe(3);
    expect(group?.formatValidity).toBe(1);
    expect(group?.commonestError?.count).toBe(3);
    expect(group?.commonestError?.fix).toMatch(/fewer few-shot examples/);
    // 3 of 6 calls failed: more than 10 %, so the group is incomplete and cannot be best.
    expect(group?.incomplete).toBe(true);
    const summary = summarizeRun(store, 'r1');
    expect(summary.best).toBeUndefined();
    expect(summary.verdict).toContain('no best');
    expect(summarizeRun(store, 'r1', { maxFailedShare: 0.6 }).best?.variant).toBe('v');
    store.close();
  });

  it('gives the same interval and paired p when every trial is copied', () => {
    // Deterministic answers: "good" passes 8 of 10 cases, "weak" 5, on every repeat.
    const run = (copies: number) => {
      const cells: CellResult[] = [];
      for (let index = 0; index < 10; index++) {
        for (let repeat = 0; repeat < copies; repeat++) {
          cells.push(cell('good', `c${index}`, repeat, 'x', index < 8));
          cells.push(cell('weak', `c${index}`, repeat, 'y', index < 5));
        }
      }
      return cells;
    };
    const store = storeWith({ once: run(1), thrice: run(3) });
    const once = summarizeRun(store, 'once');
    const thrice = summarizeRun(store, 'thrice');
    for (const key of ['passRate', 'lower', 'upper'] as const) {
      expect(thrice.best?.[key]).toBeCloseTo(once.best?.[key] ?? Number.NaN, 12);
    }
    expect(thrice.comparison?.p).toBeCloseTo(once.comparison?.p ?? Number.NaN, 12);
    expect(thrice.comparison?.pairing).toBe('10 cases, 3 repeats each');
    expect(once.comparison?.method).toBe('exact McNemar');
    expect(thrice.comparison?.method).toBe('sign-flip (exact)');
    store.close();
  });

  it('ranks groups and tests best against runner-up with exact McNemar on paired cases', () => {
    // 10 cases, one repeat: "good" passes all, "weak" fails cases 0..5 → 6 discordant pairs, b=6, c=0.
    const cells: CellResult[] = [];
    for (let index = 0; index < 10; index++) {
      cells.push(cell('good', `c${index}`, 0, 'x', true));
      cells.push(cell('weak', `c${index}`, 0, 'y', index >= 6));
    }
    const store = storeWith({ r1: cells });
    const summary = summarizeRun(store, 'r1');
    expect(summary.best?.variant).toBe('good');
    expect(summary.runnerUp?.variant).toBe('weak');
    // p = 2 · P(X ≤ 0), X ~ Bin(6, 1/2) = 2/64.
    expect(summary.comparison?.p).toBeCloseTo(2 / 64, 12);
    expect(summary.verdict).toContain('ahead of weak');
    expect(summary.verdict).toContain('paired over 10 cases, 1 repeat each');
    store.close();
  });
});

describe('compareRuns', () => {
  it('pairs common cases, counts flips both ways and the exact McNemar p', () => {
    const before = ['a', 'b', 'c', 'd'].map((id, index) =>
      cell('v', id, 0, `out ${id}`, index < 2),
    );
    // After: a passes→fails (regression), c and d fail→pass (improvements), b unchanged.
    const after = [
      cell('v', 'a', 0, 'changed', false),
      cell('v', 'b', 0, 'out b', true),
      cell('v', 'c', 0, 'fixed', true),
      cell('v', 'd', 0, 'fixed', true),
    ];
    const store = storeWith({ r1: before, r2: after });
    const comparison = compareRuns(store, 'r1', 'r2');
    expect(comparison.pairing).toBe('group-case');
    expect(comparison.pairs).toBe(4);
    expect(comparison.pairingDescription).toBe('4 cases, 1 repeat each');
    expect(comparison.passRateA).toBe(0.5);
    expect(comparison.passRateB).toBe(0.75);
    expect(comparison.regressions.map((flip) => flip.caseId)).toEqual(['a']);
    expect(comparison.improvements.map((flip) => flip.caseId)).toEqual(['c', 'd']);
    // b=1, c=2: p = min(1, 2 · P(X ≤ 1), X ~ Bin(3, 1/2)) = min(1, 2 · 4/8) = 1.
    expect(comparison.test?.method).toBe('exact McNemar');
    expect(comparison.test?.p).toBeCloseTo(1, 12);
    expect(comparison.difference?.mean).toBeCloseTo(0.25, 12);
    store.close();
  });

  it('pairs two single-group runs on case and repeat when their cells differ', () => {
    const store = storeWith({
      r1: [cell('prompt', 'a', 0, 'x', false)],
      r2: [cell('finetuned', 'a', 0, 'y', true)],
    });
    const comparison = compareRuns(store, 'r1', 'r2');
    expect(comparison.pairing).toBe('case');
    expect(comparison.improvements).toHaveLength(1);
    store.close();
  });

  it('counts a case once however many repeats it has, and leaves failed calls out', () => {
    // Greedy repeats: 3 identical answers per case. a and b improve, c stays; d fails in B.
    const run = (passes: Record<string, boolean | null>) =>
      Object.entries(passes).flatMap(([id, passed]) =>
        [0, 1, 2].map((repeat) =>
          passed === null
            ? {
                ...cell('v', id, repeat, '', false),
                status: 'error' as const,
                output: null,
                passed: null,
                formatPassed: null,
                errorMessage: 'timed out',
              }
            : cell('v', id, repeat, passed ? 'good' : 'bad', passed),
        ),
      );
    const store = storeWith({
      r1: run({ a: false, b: false, c: true, d: false }),
      r2: run({ a: true, b: true, c: true, d: null }),
    });
    const comparison = compareRuns(store, 'r1', 'r2');
    expect(comparison.pairs).toBe(3);
    expect(comparison.pairingDescription).toBe('3 cases, 3 repeats each');
    expect(comparison.improvements.map((flip) => flip.caseId)).toEqual(['a', 'b']);
    expect(comparison.errorsB).toBe(3);
    // Two agreeing discordant cases: the sign-flip p is 2 of 4 assignments, as McNemar's on 2.
    expect(comparison.test?.p).toBeCloseTo(0.5, 12);
    store.close();
  });
});
