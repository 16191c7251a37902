import { ErrorReasonCounter } from '../core/eval/error-reason-counter.js';
import type { RunKind } from '../core/eval/run-record.js';
import type {
  CaseTally,
  CheckFailureCount,
  ErrorReason,
  GroupKey,
  GroupOutput,
  GroupTotals,
  VariantCaseTally,
} from '../core/limits/evidence-store.js';
import type { SqliteDatabase } from './open-database.js';
import {
  type ShareMomentsRow,
  shareMomentsColumns,
  toShareMoments,
} from './share-moments-columns.js';

interface TallyRow {
  case_id: string;
  trials: number;
  passed: number;
  format_failed: number;
  errors: number;
}

interface GroupTotalsRow extends Omit<TallyRow, 'case_id'>, ShareMomentsRow {
  run_id: string;
  kind: RunKind;
  created_at: string;
  variant: string;
  model: string;
  sampling_index: number;
  sampling_json: string | null;
  cases: number;
  input_tokens: number;
  output_tokens: number;
  cost: number;
  cost_unknown: number;
}

interface OutputRow {
  case_id: string;
  repeat: number;
  output: string | null;
  passed: number | null;
  format_passed: number | null;
}

function toTally(row: TallyRow): CaseTally {
  return {
    caseId: row.case_id,
    trials: row.trials,
    passed: row.passed,
    formatFailed: row.format_failed,
    errors: row.errors,
  };
}

const flag = (value: number | null): boolean | null => (value === null ? null : value === 1);

/**
 * The evidence reads behind limits, gates and reports. They aggregate `case_outcomes` (one row
 * per run, group and case, kept by triggers) rather than the cells, so a million-cell store
 * costs a few hundred thousand rows; only one group's outputs are ever streamed.
 */
export class SqliteEvidenceQueries {
  readonly #groupTotals;
  readonly #variantCaseTallies;
  readonly #caseTallies;
  readonly #checkFailures;
  readonly #groupOutputs;
  readonly #errorReasons;

  constructor(database: SqliteDatabase) {
    // Compare and sweep runs measure a finetune or a sampling grid, not a prompt: not evidence.
    const completedRunsOf = `FROM case_outcomes o JOIN runs r ON r.id = o.run_id
       WHERE r.task_name = ? AND r.status = 'completed' AND r.kind IN ('eval', 'probe')`;
    const inGroup = 'run_id = ? AND variant = ? AND model = ? AND sampling_index = ?';
    // The sampling settings are looked up once per group, after grouping (in the grouped
    // SELECT, SQLite would run the subquery once per tally row), through the group index:
    // left to itself the planner scans the run's cells by primary key.
    this.#groupTotals = database.prepare(
      `SELECT g.*,
              (SELECT sampling_json FROM cells c INDEXED BY cells_by_group
               WHERE c.run_id = g.run_id AND c.variant = g.variant AND c.model = g.model
                 AND c.sampling_index = g.sampling_index LIMIT 1) AS sampling_json
       FROM (SELECT o.run_id, r.kind, r.created_at, o.variant, o.model, o.sampling_index,
                    count(*) AS cases, sum(o.trials) AS trials, sum(o.passed) AS passed,
                    sum(o.format_failed) AS format_failed, sum(o.errors) AS errors,
                    sum(o.input_tokens) AS input_tokens, sum(o.output_tokens) AS output_tokens,
                    sum(o.cost) AS cost, sum(o.cost_unknown) AS cost_unknown,
                    ${shareMomentsColumns('o')}
             ${completedRunsOf}
             GROUP BY o.run_id, o.variant, o.model, o.sampling_index) g
       ORDER BY g.created_at, g.run_id, g.variant, g.model, g.sampling_index`,
    );
    this.#variantCaseTallies = database.prepare(
      // The SQL form of isIncomplete (core/eval/failed-calls.ts): at most the allowed share of
      // failed calls, and at least one answer.
      `WITH complete AS (
         SELECT o.run_id, o.variant, o.model, o.sampling_index ${completedRunsOf}
         GROUP BY o.run_id, o.variant, o.model, o.sampling_index
         HAVING sum(o.errors) <= ? * sum(o.trials) AND sum(o.errors) < sum(o.trials))
       SELECT o.variant, o.case_id, sum(o.trials) AS trials, sum(o.passed) AS passed,
              sum(o.format_failed) AS format_failed, sum(o.errors) AS errors
       FROM case_outcomes o JOIN complete g ON g.run_id = o.run_id AND g.variant = o.variant
         AND g.model = o.model AND g.sampling_index = o.sampling_index
       GROUP BY o.variant, o.case_id ORDER BY o.variant, o.case_id`,
    );
    this.#errorReasons = database.prepare(
      `SELECT error_code AS code, error_message AS message FROM cells INDEXED BY cells_by_group
       WHERE ${inGroup} AND status = 'error'`,
    );
    this.#caseTallies = database.prepare(
      `SELECT case_id, trials, passed, format_failed, errors FROM case_outcomes
       WHERE ${inGroup} ORDER BY case_id`,
    );
    // CROSS JOIN fixes the loop order: the group's cells by index, then each cell's checks
    // by primary key (the planner would otherwise scan every check result of the run).
    this.#checkFailures = database.prepare(
      `SELECT k.name AS name, k.kind AS kind, count(*) AS failures
       FROM cells c INDEXED BY cells_by_group
       CROSS JOIN check_results k ON k.run_id = c.run_id AND k.cell_key = c.cell_key
       WHERE c.run_id = ? AND c.variant = ? AND c.model = ? AND c.sampling_index = ?
         AND k.pass = 0
       GROUP BY k.name, k.kind ORDER BY failures DESC, k.name`,
    );
    this.#groupOutputs = database.prepare(
      `SELECT case_id, repeat, output, passed, format_passed FROM cells INDEXED BY cells_by_group
       WHERE ${inGroup} ORDER BY case_id, repeat`,
    );
  }

  groupTotals(taskName: string): GroupTotals[] {
    const rows = this.#groupTotals.all(taskName) as GroupTotalsRow[];
    return rows.map((row) => ({
      runId: row.run_id,
      runKind: row.kind,
      runCreatedAt: row.created_at,
      variant: row.variant,
      model: row.model,
      samplingIndex: row.sampling_index,
      sampling: row.sampling_json === null ? {} : JSON.parse(row.sampling_json),
      cases: row.cases,
      trials: row.trials,
      passed: row.passed,
      formatFailed: row.format_failed,
      errors: row.errors,
      inputTokens: row.input_tokens,
      outputTokens: row.output_tokens,
      // Failed calls carry no price; only an answered cell without one makes the cost unknown.
      cost: row.cost_unknown > row.errors ? null : row.cost,
      shares: toShareMoments(row),
    }));
  }

  variantCaseTallies(taskName: string, maxFailedShare: number): VariantCaseTally[] {
    const rows = this.#variantCaseTallies.all(taskName, maxFailedShare) as (TallyRow & {
      variant: string;
    })[];
    return rows.map((row) => ({ variant: row.variant, ...toTally(row) }));
  }

  caseTallies(group: GroupKey): CaseTally[] {
    return (this.#caseTallies.all(...groupParameters(group)) as TallyRow[]).map(toTally);
  }

  errorReasons(group: GroupKey, limit = 3): ErrorReason[] {
    const reasons = new ErrorReasonCounter();
    for (const raw of this.#errorReasons.iterate(...groupParameters(group))) {
      const row = raw as { code: string | null; message: string | null };
      reasons.add(row.code, row.message);
    }
    return reasons.top(limit);
  }

  checkFailures(group: GroupKey): CheckFailureCount[] {
    return this.#checkFailures.all(...groupParameters(group)) as CheckFailureCount[];
  }

  *iterateGroupOutputs(group: GroupKey): IterableIterator<GroupOutput> {
    for (const raw of this.#groupOutputs.iterate(...groupParameters(group))) {
      const row = raw as OutputRow;
      yield {
        caseId: row.case_id,
        repeat: row.repeat,
        output: row.output,
        passed: flag(row.passed),
        formatPassed: flag(row.format_passed),
      };
    }
  }
}

function groupParameters(group: GroupKey): [string, string, string, number] {
  return [group.runId, group.variant, group.model, group.samplingIndex];
}
