import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addRun, syntheticCells } from '../../test/support/synthetic-evidence.js';
import { migrations } from './migrations.js';
import { SqliteEvalStore } from './sqlite-eval-store.js';

let directory: string;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'tunegate-evidence-'));
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

describe('evidence queries over case_outcomes', () => {
  it('totals each group of completed runs of the task, oldest run first', () => {
    const store = new SqliteEvalStore(':memory:');
    const first = addRun(
      store,
      [
        {
          variant: 'v',
          model: 'm',
          sampling: { temperature: 0.5 },
          cases: { a: 'pfc', b: 'ep' },
          inputTokens: 10,
          outputTokens: 3,
        },
      ],
      { kind: 'probe' },
    );
    addRun(store, [{ variant: 'v', model: 'm', cases: { a: 'p' } }], { status: 'interrupted' });
    addRun(store, [{ variant: 'v', model: 'm', cases: { a: 'p' } }], { taskName: 'other' });
    const second = addRun(store, [
      { variant: 'w', model: 'm', cases: { a: 'p' }, cost: null },
      { variant: 'v', model: 'm', samplingIndex: 1, cases: { a: 'c' } },
    ]);
    const totals = store.groupTotals('demo');
    expect(totals.map((group) => [group.runId, group.variant, group.samplingIndex])).toEqual([
      [first, 'v', 0],
      [second, 'v', 1],
      [second, 'w', 0],
    ]);
    // a: pass, format failure, content failure; b: failed call, pass.
    expect(totals[0]).toMatchObject({
      runKind: 'probe',
      sampling: { temperature: 0.5 },
      cases: 2,
      trials: 5,
      passed: 2,
      formatFailed: 1,
      errors: 1,
      inputTokens: 40,
      outputTokens: 12,
    });
    // Case shares over answered repeats: a 1/3, b 1/1 (its failed call left out).
    expect(totals[0]?.shares).toEqual({
      cases: 2,
      shareSum: 1 / 3 + 1,
      shareSquares: 1 / 9 + 1,
      answered: 4,
      minRepeats: 1,
      maxRepeats: 3,
    });
    expect(totals[0]?.cost).toBeCloseTo(0.004, 12);
    expect(totals[2]?.runKind).toBe('eval');
    // An answered cell without a price makes the group's cost unknown.
    expect(totals[2]?.cost).toBeNull();
    store.close();
  });

  it('counts a cell written twice once, and follows deletes', () => {
    const store = new SqliteEvalStore(':memory:');
    const run = addRun(store, [{ variant: 'v', model: 'm', cases: { a: 'pc' } }]);
    store.writeCells(run, syntheticCells({ variant: 'v', model: 'm', cases: { a: 'pp' } }), []);
    const group = { runId: run, variant: 'v', model: 'm', samplingIndex: 0 };
    expect(store.caseTallies(group)).toEqual([
      { caseId: 'a', trials: 2, passed: 1, formatFailed: 0, errors: 0 },
    ]);
    store.database.prepare('DELETE FROM cells WHERE run_id = ? AND repeat = 1').run(run);
    expect(store.caseTallies(group)).toEqual([
      { caseId: 'a', trials: 1, passed: 1, formatFailed: 0, errors: 0 },
    ]);
    store.database.prepare('DELETE FROM cells WHERE run_id = ?').run(run);
    expect(store.caseTallies(group)).toEqual([]);
    store.close();
  });

  it('leaves groups with too many failed calls out of the variant tallies', () => {
    const store = new SqliteEvalStore(':memory:');
    addRun(store, [
      { variant: 'v', model: 'm', cases: { a: 'pp', b: 'cp' } },
      // 2 of 4 calls failed: incomplete at 10 %, counted at 50 %.
      { variant: 'w', model: 'm', cases: { a: 'ep', b: 'ec' } },
    ]);
    expect(store.variantCaseTallies('demo', 0.1).map((tally) => tally.variant)).toEqual(['v', 'v']);
    expect(store.variantCaseTallies('demo', 0.5).map((tally) => tally.variant)).toEqual([
      'v',
      'v',
      'w',
      'w',
    ]);
    const run = store.listRuns()[0]?.id as string;
    const reasons = store.errorReasons({ runId: run, variant: 'w', model: 'm', samplingIndex: 0 });
    expect(reasons).toEqual([{ code: expect.any(String), message: 'scripted failure', count: 2 }]);
    store.close();
  });

  it('tallies variants by case, failed checks by name and kind, and streams one group', () => {
    const store = new SqliteEvalStore(':memory:');
    const run = addRun(store, [
      { variant: 'v', model: 'm', cases: { a: 'pf', b: 'cc' } },
      { variant: 'v', model: 'n', cases: { a: 'p' } },
      { variant: 'w', model: 'm', cases: { b: 'p' } },
    ]);
    expect(store.variantCaseTallies('demo', 0.1)).toEqual([
      { variant: 'v', caseId: 'a', trials: 3, passed: 2, formatFailed: 1, errors: 0 },
      { variant: 'v', caseId: 'b', trials: 2, passed: 0, formatFailed: 0, errors: 0 },
      { variant: 'w', caseId: 'b', trials: 1, passed: 1, formatFailed: 0, errors: 0 },
    ]);
    const group = { runId: run, variant: 'v', model: 'm', samplingIndex: 0 };
    // The format failure fails both checks; the two content failures fail `right`.
    expect(store.checkFailures(group)).toEqual([
      { name: 'right', kind: 'content', failures: 3 },
      { name: 'shape', kind: 'format', failures: 1 },
    ]);
    expect([...store.iterateGroupOutputs(group)]).toEqual([
      { caseId: 'a', repeat: 0, output: 'ok', passed: true, formatPassed: true },
      { caseId: 'a', repeat: 1, output: 'bad a', passed: false, formatPassed: false },
      { caseId: 'b', repeat: 0, output: 'bad b', passed: false, formatPassed: true },
      { caseId: 'b', repeat: 1, output: 'bad b', passed: false, formatPassed: true },
    ]);
    store.close();
  });

  it('backfills the tallies when it upgrades a store written before they existed', () => {
    const file = join(directory, 'old.db');
    const old = new Database(file);
    old.exec(migrations[0] as string);
    old.exec('PRAGMA user_version = 1');
    old
      .prepare('INSERT INTO runs VALUES (?,?,?,?,?,?,?,?,?)')
      .run('r1', 'demo', 'f', 'h', '{}', 'completed', 3, '2026-01-01T00:00:00.000Z', null);
    const insert = old.prepare(
      'INSERT INTO cells VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)',
    );
    for (const cell of syntheticCells({ variant: 'v', model: 'm', cases: { a: 'pfe' } })) {
      insert.run(
        'r1',
        cell.key,
        cell.variant,
        cell.model,
        cell.samplingIndex,
        '{}',
        cell.caseId,
        cell.repeat,
        cell.status,
        cell.output,
        null,
        null,
        cell.passed === null ? null : Number(cell.passed),
        cell.formatPassed === null ? null : Number(cell.formatPassed),
        cell.inputTokens,
        cell.outputTokens,
        0,
        cell.cost,
        1,
        'stop',
        0,
        1,
      );
    }
    old.close();
    const store = new SqliteEvalStore(file);
    expect(store.getRun('r1')?.kind).toBeUndefined();
    expect(store.groupTotals('demo')).toMatchObject([
      { runKind: 'eval', cases: 1, trials: 3, passed: 1, formatFailed: 1, errors: 1 },
    ]);
    store.close();
  });
});
