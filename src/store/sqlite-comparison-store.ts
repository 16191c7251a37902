import type { Comparison } from '../core/compare/comparison.js';
import type { ComparisonStore } from '../core/compare/comparison-store.js';
import type { SweepResult } from '../core/sweep/sweep-result.js';
import { openDatabase, type SqliteDatabase } from './open-database.js';

/**
 * Comparisons and sweeps, stored whole as JSON beside the runs they were measured from (the
 * cells stay in `cells`; these are the computed figures the report and `--json` show).
 */
export class SqliteComparisonStore implements ComparisonStore {
  readonly database: SqliteDatabase;
  readonly #ownsDatabase: boolean;

  constructor(database: SqliteDatabase | string) {
    this.#ownsDatabase = typeof database === 'string';
    this.database = typeof database === 'string' ? openDatabase(database) : database;
  }

  saveComparison(comparison: Comparison): void {
    this.database
      .prepare('INSERT OR REPLACE INTO comparisons VALUES (?,?,?,?)')
      .run(comparison.id, comparison.taskName, comparison.createdAt, JSON.stringify(comparison));
  }

  latestComparison(taskName: string): Comparison | undefined {
    const row = this.database
      .prepare(
        'SELECT result_json FROM comparisons WHERE task_name = ? ORDER BY created_at DESC, rowid DESC LIMIT 1',
      )
      .get(taskName) as { result_json: string } | undefined;
    return row ? (JSON.parse(row.result_json) as Comparison) : undefined;
  }

  saveSweep(sweep: SweepResult): void {
    this.database
      .prepare('INSERT OR REPLACE INTO sweeps VALUES (?,?,?,?,?)')
      .run(sweep.id, sweep.taskName, sweep.createdAt, sweep.runId, JSON.stringify(sweep));
  }

  latestSweep(taskName: string): SweepResult | undefined {
    const row = this.database
      .prepare(
        'SELECT result_json FROM sweeps WHERE task_name = ? ORDER BY created_at DESC, rowid DESC LIMIT 1',
      )
      .get(taskName) as { result_json: string } | undefined;
    return row ? (JSON.parse(row.result_json) as SweepResult) : undefined;
  }

  close(): void {
    if (this.#ownsDatabase && this.database.open) this.database.close();
  }
}
