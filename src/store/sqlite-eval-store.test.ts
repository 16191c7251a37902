import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CellResult } from '../core/eval/cell-result.js';
import type { RunRecord } from '../core/eval/run-record.js';
import { openDatabase } from './open-database.js';
import { SqliteEvalStore } from './sqlite-eval-store.js';

let directory: string;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'tunegate-store-'));
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

const run: RunRecord = {
  id: 'run-1',
  taskName: 'demo',
  taskFile: '/tmp/tunegate.yaml',
  taskHash: 'abc',
  options: { variants: ['plain'], limit: 3 },
  status: 'running',
  totalCells: 2,
  createdAt: '2026-11-23T00:00:00.000Z',
  finishedAt: null,
};

function cell(key: string, overrides: Partial<CellResult> = {}): CellResult {
  return {
    key,
    variant: 'plain',
    model: 'double:echo',
    samplingIndex: 0,
    sampling: { temperature: 0.5 },
    caseId: key,
    repeat: 0,
    status: 'ok',
    output: `out ${key}`,
    errorCode: null,
    errorMessage: null,
    passed: true,
    formatPassed: true,
    checks: [
      { name: 'label', kind: 'format', pass: true },
      { name: 'equals', kind: 'content', pass: false, reason: 'expected "x"', score: 0.25 },
    ],
    inputTokens: 10,
    outputTokens: 2,
    tokensEstimated: false,
    cost: 0.001,
    latencyMs: 12.5,
    finishReason: 'stop',
    cached: false,
    attempts: 1,
    ...overrides,
  };
}

describe('SqliteEvalStore', () => {
  it('round-trips runs, cells with their checks, and the response cache through a real file', () => {
    const file = join(directory, 'store.db');
    const store = new SqliteEvalStore(file);
    store.createRun(run);
    const response = {
      text: 'hi',
      inputTokens: 3,
      outputTokens: 1,
      tokensEstimated: true,
      finishReason: 'length' as const,
      latencyMs: 40,
    };
    store.writeCells(
      run.id,
      [
        cell('a'),
        cell('b', { status: 'error', passed: null, output: null, checks: [], cost: null }),
      ],
      [{ key: 'k1', response }],
    );
    store.close();

    const reopened = new SqliteEvalStore(file);
    expect(reopened.getRun('run-1')).toEqual(run);
    expect(reopened.countCells('run-1')).toBe(2);
    expect(reopened.hasCell('run-1', 'a')).toBe(true);
    expect(reopened.hasCell('run-1', 'zzz')).toBe(false);
    const cells = [...reopened.iterateCells('run-1', { withChecks: true })];
    expect(cells[0]).toEqual(cell('a'));
    expect(cells[1]?.status).toBe('error');
    expect(cells[1]?.passed).toBeNull();
    expect(cells[1]?.cost).toBeNull();
    expect(reopened.readCache('k1')).toEqual(response);
    expect(reopened.readCache('missing')).toBeUndefined();
    reopened.close();
  });

  it('never duplicates a cell written twice (resume after a crash)', () => {
    const store = new SqliteEvalStore(join(directory, 'store.db'));
    store.createRun(run);
    store.writeCells(run.id, [cell('a')], []);
    store.writeCells(run.id, [cell('a', { output: 'second' }), cell('b')], []);
    const outputs = [...store.iterateCells(run.id)].map((c) => c.output);
    expect(outputs).toEqual(['out a', 'out b']);
    store.close();
  });

  it('rolls a failed batch back entirely', () => {
    const store = new SqliteEvalStore(join(directory, 'store.db'));
    store.createRun(run);
    const broken = cell('b', { checks: [{ name: 'x', kind: 'format', pass: true }] });
    // A NOT NULL column fed null makes the second insert fail inside the transaction.
    (broken as { variant: unknown }).variant = null;
    expect(() => store.writeCells(run.id, [cell('a'), broken], [])).toThrow();
    expect(store.countCells(run.id)).toBe(0);
    store.close();
  });

  it('tracks runs and their status', () => {
    const store = new SqliteEvalStore(join(directory, 'store.db'));
    store.createRun(run);
    store.createRun({ ...run, id: 'run-2', createdAt: '2026-11-24T00:00:00.000Z' });
    expect(store.latestRun()?.id).toBe('run-2');
    store.setRunStatus('run-1', 'completed', '2026-11-23T01:00:00.000Z');
    expect(store.getRun('run-1')?.status).toBe('completed');
    expect(store.listRuns().map((r) => r.id)).toEqual(['run-1', 'run-2']);
    store.close();
  });

  it('refuses a store written by a newer schema', () => {
    const file = join(directory, 'future.db');
    const database = openDatabase(file);
    database.exec('PRAGMA user_version = 999');
    database.close();
    expect(() => new SqliteEvalStore(file)).toThrow(/newer than this tunegate/);
  });
});
