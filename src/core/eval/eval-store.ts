import type { CachedResponse } from './cached-response.js';
import type { CellResult } from './cell-result.js';
import type { RunRecord, RunStatus } from './run-record.js';

/** What a run needs from persistence; `store/` implements it on SQLite. Reads are streamed. */
export interface EvalStore {
  createRun(run: RunRecord): void;
  getRun(id: string): RunRecord | undefined;
  latestRun(): RunRecord | undefined;
  listRuns(): RunRecord[];
  setRunStatus(id: string, status: RunStatus, finishedAt: string | null): void;
  hasCell(runId: string, key: string): boolean;
  countCells(runId: string): number;
  /** Writes a batch atomically; a cell already stored is left as it is (no duplicates). */
  writeCells(runId: string, cells: readonly CellResult[], cache: readonly CacheEntry[]): void;
  /**
   * A run's cells in variant, model, sampling, case, repeat order; with `group`, only that
   * (variant, model, sampling point) group's, read through its index.
   */
  iterateCells(
    runId: string,
    options?: {
      withChecks?: boolean;
      group?: { variant: string; model: string; samplingIndex: number };
    },
  ): IterableIterator<CellResult>;
  readCache(key: string): CachedResponse | undefined;
  close(): void;
}

export interface CacheEntry {
  key: string;
  response: CachedResponse;
}
