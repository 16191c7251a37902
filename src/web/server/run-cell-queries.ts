import { cellKey } from '../../core/eval/prepare-run.js';
import { samplingLabel } from '../../core/eval/sampling-points.js';
import { casePassRateFromMoments } from '../../core/statistics/case-pass-rate.js';
import type { SqliteDatabase } from '../../store/open-database.js';
import {
  type ShareMomentsRow,
  shareMomentsColumns,
  toShareMoments,
} from '../../store/share-moments-columns.js';
import type {
  CellDetail,
  CellFilter,
  CellPage,
  CellRowView,
  CheckView,
  GroupRef,
  MatrixGroup,
} from '../api-contract.js';

interface GroupRow extends ShareMomentsRow {
  variant: string;
  model: string;
  sampling_index: number;
  cases: number;
  trials: number;
  passed: number;
  errors: number;
  format_failed: number;
  input_tokens: number;
  output_tokens: number;
  cost: number;
  cost_unknown: number;
  disagreeing: number;
}

interface CellRow {
  cell_key: string;
  variant: string;
  model: string;
  sampling_index: number;
  sampling_json: string;
  case_id: string;
  repeat: number;
  status: 'ok' | 'error';
  preview: string | null;
  error_message: string | null;
  passed: number | null;
  latency_ms: number;
  cost: number | null;
}

interface DetailRow extends CellRow {
  output: string | null;
  error_code: string | null;
  input_tokens: number;
  output_tokens: number;
  finish_reason: string | null;
  cached: number;
  attempts: number;
}

export interface CellQuery {
  runId: string;
  filter: CellFilter;
  group: GroupRef | undefined;
  offset: number;
  limit: number;
}

const previewLength = 160;
const order = 'ORDER BY c.variant, c.model, c.sampling_index, c.case_id, c.repeat';
const sameCase = `o.run_id = c.run_id AND o.variant = c.variant AND o.model = c.model
  AND o.sampling_index = c.sampling_index AND o.case_id = c.case_id`;
const rowColumns = `c.cell_key, c.variant, c.model, c.sampling_index, c.sampling_json, c.case_id,
  c.repeat, c.status, substr(c.output, 1, ${previewLength}) AS preview, c.error_message, c.passed,
  c.latency_ms, c.cost`;

/** Per filter: which cells it keeps, and how to count them from the per-case tallies. */
const filters: Record<CellFilter, { join: string; where: string; count: string }> = {
  all: { join: '', where: '', count: 'sum(trials)' },
  failures: { join: '', where: 'AND c.passed IS NOT 1', count: 'sum(trials - passed)' },
  errors: { join: '', where: "AND c.status = 'error'", count: 'sum(errors)' },
  disagreements: {
    join: `JOIN case_outcomes o ON ${sameCase}`,
    where: 'AND o.passed > 0 AND o.passed < o.trials',
    count: 'sum(CASE WHEN passed > 0 AND passed < trials THEN trials ELSE 0 END)',
  },
};

/**
 * The Runs page's reads, straight from SQLite so a 100,000-cell run stays interactive: the
 * matrix and every count come from the per-case tallies the store keeps; a page of cells is
 * found on the covering index first, then only its rows are read.
 */
export class RunCellQueries {
  readonly #database: SqliteDatabase;
  readonly #groups;
  readonly #groupSampling;
  readonly #totals;
  readonly #row;
  readonly #checks;
  readonly #prepared = new Map<string, ReturnType<SqliteDatabase['prepare']>>();

  constructor(database: SqliteDatabase) {
    this.#database = database;
    this.#groups = database.prepare(
      `SELECT variant, model, sampling_index, count(*) AS cases, sum(trials) AS trials,
              sum(passed) AS passed, sum(errors) AS errors, sum(format_failed) AS format_failed,
              sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens,
              sum(cost) AS cost, sum(cost_unknown) AS cost_unknown,
              sum(passed > 0 AND passed < trials - errors) AS disagreeing,
              ${shareMomentsColumns('o')}
       FROM case_outcomes o WHERE run_id = ?
       GROUP BY variant, model, sampling_index ORDER BY variant, model, sampling_index`,
    );
    // ORDER BY steers the planner onto the group index; without it SQLite scans the run.
    this.#groupSampling = database.prepare(
      `SELECT sampling_json FROM cells
       WHERE run_id = ? AND variant = ? AND model = ? AND sampling_index = ?
       ORDER BY case_id, repeat LIMIT 1`,
    );
    this.#totals = database.prepare(
      `SELECT coalesce(sum(trials), 0) AS stored, coalesce(sum(passed), 0) AS passed,
              coalesce(sum(errors), 0) AS errors
       FROM case_outcomes WHERE run_id = ?`,
    );
    this.#row = database.prepare(
      `SELECT ${rowColumns}, c.output, c.error_code, c.input_tokens, c.output_tokens,
              c.finish_reason, c.cached, c.attempts
       FROM cells c WHERE c.run_id = ? AND c.cell_key = ?`,
    );
    this.#checks = database.prepare(
      `SELECT name, kind, pass, score, reason FROM check_results
       WHERE run_id = ? AND cell_key = ? ORDER BY position`,
    );
  }

  matrix(runId: string): MatrixGroup[] {
    const rows = this.#groups.all(runId) as GroupRow[];
    return rows.map((row) => {
      const interval = casePassRateFromMoments(toShareMoments(row));
      const sampling = this.#groupSampling.get(runId, row.variant, row.model, row.sampling_index) as
        | { sampling_json: string }
        | undefined;
      return {
        variant: row.variant,
        model: row.model,
        samplingIndex: row.sampling_index,
        sampling: sampling ? samplingLabel(JSON.parse(sampling.sampling_json)) : 'default',
        cases: row.cases,
        trials: row.trials,
        passed: row.passed,
        errors: row.errors,
        formatFailed: row.format_failed,
        passRate: interval.rate,
        lower: interval.lower,
        upper: interval.upper,
        inputTokens: row.input_tokens,
        outputTokens: row.output_tokens,
        // Failed calls carry no price; only an answered cell without one makes the cost unknown.
        cost: row.cost_unknown > row.errors ? null : row.cost,
        disagreeingCases: row.disagreeing,
      };
    });
  }

  totals(runId: string): { stored: number; passed: number; errors: number } {
    return this.#totals.get(runId) as { stored: number; passed: number; errors: number };
  }

  page(query: CellQuery): CellPage {
    const { join, where, count } = filters[query.filter];
    const groupWhere = query.group
      ? 'AND c.variant = ? AND c.model = ? AND c.sampling_index = ?'
      : '';
    const groupParameters: (string | number)[] = query.group
      ? [query.group.variant, query.group.model, query.group.samplingIndex]
      : [];
    const countSql = `SELECT coalesce(${count}, 0) AS total FROM case_outcomes
      WHERE run_id = ? ${query.group ? 'AND variant = ? AND model = ? AND sampling_index = ?' : ''}`;
    const { total } = this.#statement(countSql).get([query.runId, ...groupParameters]) as {
      total: number;
    };
    const keysSql = `SELECT c.cell_key FROM cells c ${join}
      WHERE c.run_id = ? ${groupWhere} ${where} ${order} LIMIT ? OFFSET ?`;
    const keys = this.#statement(keysSql).all([
      query.runId,
      ...groupParameters,
      query.limit,
      query.offset,
    ]) as { cell_key: string }[];
    const rows: CellRowView[] = [];
    for (const { cell_key } of keys) {
      const row = this.#row.get(query.runId, cell_key) as DetailRow | undefined;
      if (row) rows.push(toRowView(row));
    }
    return { total, offset: query.offset, rows };
  }

  detail(runId: string, key: string, variants: readonly string[]): CellDetail | undefined {
    const row = this.#row.get(runId, key) as DetailRow | undefined;
    if (!row) return undefined;
    const checks = (
      this.#checks.all(runId, key) as {
        name: string;
        kind: 'format' | 'content';
        pass: number;
        score: number | null;
        reason: string | null;
      }[]
    ).map(
      (check): CheckView => ({
        name: check.name,
        kind: check.kind,
        pass: check.pass === 1,
        score: check.score,
        reason: check.reason,
      }),
    );
    // The same coordinates under another variant have a key we can build and look up directly.
    const otherVariants = variants
      .filter((variant) => variant !== row.variant)
      .map((variant) => ({
        variant,
        key: cellKey(variant, row.model, row.sampling_index, row.case_id, row.repeat),
      }))
      .filter((other) => this.#row.get(runId, other.key) !== undefined);
    return {
      ...toRowView(row),
      output: row.output,
      errorCode: row.error_code,
      errorMessage: row.error_message,
      checks,
      inputTokens: row.input_tokens,
      outputTokens: row.output_tokens,
      finishReason: row.finish_reason,
      sampling: samplingLabel(JSON.parse(row.sampling_json)),
      cached: row.cached === 1,
      attempts: row.attempts,
      otherVariants,
    };
  }

  #statement(sql: string): ReturnType<SqliteDatabase['prepare']> {
    let statement = this.#prepared.get(sql);
    if (!statement) {
      statement = this.#database.prepare(sql);
      this.#prepared.set(sql, statement);
    }
    return statement;
  }
}

function toRowView(row: CellRow): CellRowView {
  return {
    key: row.cell_key,
    variant: row.variant,
    model: row.model,
    samplingIndex: row.sampling_index,
    caseId: row.case_id,
    repeat: row.repeat,
    status: row.status,
    passed: row.passed === null ? null : row.passed === 1,
    preview: row.status === 'error' ? (row.error_message ?? 'error') : (row.preview ?? ''),
    latencyMs: row.latency_ms,
    cost: row.cost,
  };
}
