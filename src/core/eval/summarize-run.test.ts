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
    expect(summary.mcnemarP).toBeNull();
    store.close();
  });

  it('ranks groups and tests best against runner-up with exact McNemar on paired trials', () => {
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
    expect(summary.mcnemarP).toBeCloseTo(2 / 64, 12);
    expect(summary.verdict).toContain('ahead of weak');
    store.close();
  });
});

describe('compareRuns', () => {
  it('pairs common cells, counts flips both ways and the McNemar p', () => {
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
    expect(comparison.pairing).toBe('cell');
    expect(comparison.pairs).toBe(4);
    expect(comparison.passRateA).toBe(0.5);
    expect(comparison.passRateB).toBe(0.75);
    expect(comparison.regressions.map((flip) => flip.caseId)).toEqual(['a']);
    expect(comparison.improvements.map((flip) => flip.caseId)).toEqual(['c', 'd']);
    // b=1, c=2: p = min(1, 2 · P(X ≤ 1), X ~ Bin(3, 1/2)) = min(1, 2 · 4/8) = 1.
    expect(comparison.mcnemarP).toBeCloseTo(1, 12);
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
});
