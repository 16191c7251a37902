import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CellResult } from '../../core/eval/cell-result.js';
import { cellKey } from '../../core/eval/prepare-run.js';
import { SqliteEvalStore } from '../../store/sqlite-eval-store.js';
import { RunCellQueries } from './run-cell-queries.js';

type Outcome = 'pass' | 'fail' | 'error';

/** v1: c1 passes 3 of 3, c2 pass/fail/error. v2: c1 fails 3 of 3, c2 pass/pass/fail. */
const plan: Record<string, Record<string, Outcome[]>> = {
  v1: { c1: ['pass', 'pass', 'pass'], c2: ['pass', 'fail', 'error'] },
  v2: { c1: ['fail', 'fail', 'fail'], c2: ['pass', 'pass', 'fail'] },
};

function cell(variant: string, caseId: string, repeat: number, outcome: Outcome): CellResult {
  const answered = outcome !== 'error';
  return {
    key: cellKey(variant, 'm', 0, caseId, repeat),
    variant,
    model: 'm',
    samplingIndex: 0,
    sampling: { temperature: 0.5 },
    caseId,
    repeat,
    status: answered ? 'ok' : 'error',
    output: answered ? `${outcome} answer ${repeat}` : null,
    errorCode: answered ? null : 'PROVIDER_ERROR',
    errorMessage: answered ? null : 'HTTP 500',
    passed: answered ? outcome === 'pass' : null,
    formatPassed: answered ? true : null,
    checks: answered
      ? [
          { name: 'shape', kind: 'format', pass: true },
          {
            name: 'judge',
            kind: 'content',
            pass: outcome === 'pass',
            score: outcome === 'pass' ? 0.9 : 0.1,
            reason: 'because',
          },
        ]
      : [],
    inputTokens: answered ? 10 : 0,
    outputTokens: answered ? 3 : 0,
    tokensEstimated: false,
    cost: answered ? 0.001 : null,
    latencyMs: 100 + repeat,
    finishReason: answered ? 'stop' : 'error',
    cached: false,
    attempts: 1,
  };
}

let store: SqliteEvalStore;
let queries: RunCellQueries;

beforeEach(() => {
  store = new SqliteEvalStore(':memory:');
  store.createRun({
    id: 'r1',
    taskName: 't',
    taskFile: '/t.yaml',
    taskHash: 'h',
    options: {},
    status: 'completed',
    totalCells: 12,
    createdAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:01:00.000Z',
  });
  const cells: CellResult[] = [];
  for (const [variant, cases] of Object.entries(plan)) {
    for (const [caseId, outcomes] of Object.entries(cases)) {
      outcomes.forEach((outcome, repeat) => {
        cells.push(cell(variant, caseId, repeat, outcome));
      });
    }
  }
  // Written in reverse, so the order the queries return is theirs, not the insertion order.
  store.writeCells('r1', cells.reverse(), []);
  queries = new RunCellQueries(store.database);
});

afterEach(() => store.close());

const page = (filter: 'all' | 'failures' | 'disagreements' | 'errors', offset = 0, limit = 100) =>
  queries.page({ runId: 'r1', filter, group: undefined, offset, limit });

describe('RunCellQueries', () => {
  it('builds the matrix from the per-case tallies', () => {
    const [v1, v2] = queries.matrix('r1');
    expect(v1).toMatchObject({
      variant: 'v1',
      model: 'm',
      sampling: 'temperature=0.5',
      cases: 2,
      trials: 6,
      passed: 4,
      errors: 1,
      disagreeingCases: 1,
      inputTokens: 50,
    });
    // Mean of case shares over answered repeats: c1 3/3, c2 1/2 (its failed call left out).
    expect(v1?.passRate).toBeCloseTo(0.75, 12);
    // The failed call has no price; the five answers cost 0.001 each.
    expect(v1?.cost).toBeCloseTo(0.005);
    expect(v2).toMatchObject({
      variant: 'v2',
      trials: 6,
      passed: 2,
      errors: 0,
      disagreeingCases: 1,
    });
  });

  it('counts and lists each filter in variant, model, case, repeat order', () => {
    const all = page('all');
    expect(all.total).toBe(12);
    expect(all.rows.map((row) => `${row.variant}/${row.caseId}/${row.repeat}`).slice(0, 4)).toEqual(
      ['v1/c1/0', 'v1/c1/1', 'v1/c1/2', 'v1/c2/0'],
    );
    const failures = page('failures');
    expect(failures.total).toBe(6);
    expect(failures.rows).toHaveLength(6);
    expect(failures.rows.every((row) => row.passed !== true)).toBe(true);
    const errors = page('errors');
    expect(errors.total).toBe(1);
    expect(errors.rows[0]).toMatchObject({
      caseId: 'c2',
      repeat: 2,
      status: 'error',
      preview: 'HTTP 500',
    });
    const split = page('disagreements');
    expect(split.total).toBe(6);
    expect(split.rows.map((row) => `${row.variant}/${row.caseId}`)).toEqual([
      'v1/c2',
      'v1/c2',
      'v1/c2',
      'v2/c2',
      'v2/c2',
      'v2/c2',
    ]);
  });

  it('pages with offset and limit, and narrows to one group', () => {
    const tail = page('all', 10, 5);
    expect(tail.total).toBe(12);
    expect(tail.rows.map((row) => `${row.variant}/${row.caseId}/${row.repeat}`)).toEqual([
      'v2/c2/1',
      'v2/c2/2',
    ]);
    const group = queries.page({
      runId: 'r1',
      filter: 'failures',
      group: { variant: 'v2', model: 'm', samplingIndex: 0 },
      offset: 0,
      limit: 100,
    });
    expect(group.total).toBe(4);
    expect(group.rows).toHaveLength(4);
  });

  it('reads one cell with its checks in order and the same cell under other variants', () => {
    const detail = queries.detail('r1', cellKey('v1', 'm', 0, 'c1', 0), ['v1', 'v2', 'v3']);
    expect(detail).toMatchObject({
      output: 'pass answer 0',
      passed: true,
      sampling: 'temperature=0.5',
      otherVariants: [{ variant: 'v2', key: cellKey('v2', 'm', 0, 'c1', 0) }],
    });
    expect(detail?.checks).toEqual([
      { name: 'shape', kind: 'format', pass: true, score: null, reason: null },
      { name: 'judge', kind: 'content', pass: true, score: 0.9, reason: 'because' },
    ]);
    expect(queries.detail('r1', 'nope', ['v1'])).toBeUndefined();
  });
});
