import type { CachedResponse } from '../core/eval/cached-response.js';
import type { CellResult } from '../core/eval/cell-result.js';
import type { CacheEntry, EvalStore } from '../core/eval/eval-store.js';
import type { RunKind, RunOptions, RunRecord, RunStatus } from '../core/eval/run-record.js';
import type {
  CaseTally,
  CheckFailureCount,
  ErrorReason,
  EvidenceStore,
  GroupKey,
  GroupOutput,
  GroupTotals,
  VariantCaseTally,
} from '../core/limits/evidence-store.js';
import type { CheckKind, CheckResult } from '../spec/check-result.js';
import type { FinishReason } from '../spec/finish-reason.js';
import { openDatabase, type SqliteDatabase } from './open-database.js';
import { SqliteEvidenceQueries } from './sqlite-evidence-queries.js';

interface RunRow {
  id: string;
  task_name: string;
  task_file: string;
  task_hash: string;
  options_json: string;
  status: RunStatus;
  total_cells: number;
  created_at: string;
  finished_at: string | null;
  kind: RunKind;
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
  output: string | null;
  error_code: string | null;
  error_message: string | null;
  passed: number | null;
  format_passed: number | null;
  input_tokens: number;
  output_tokens: number;
  tokens_estimated: number;
  cost: number | null;
  latency_ms: number;
  finish_reason: FinishReason | null;
  cached: number;
  attempts: number;
}

interface CheckRow {
  name: string;
  kind: CheckKind;
  pass: number;
  score: number | null;
  reason: string | null;
}

const bit = (value: boolean | null): number | null => (value === null ? null : value ? 1 : 0);
const flag = (value: number | null): boolean | null => (value === null ? null : value === 1);

function toRun(row: RunRow): RunRecord {
  const run: RunRecord = {
    id: row.id,
    taskName: row.task_name,
    taskFile: row.task_file,
    taskHash: row.task_hash,
    options: JSON.parse(row.options_json) as RunOptions,
    status: row.status,
    totalCells: row.total_cells,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
  // `eval` is the default and stays implicit, as in records written before kinds existed.
  if (row.kind !== 'eval') run.kind = row.kind;
  return run;
}

function toCheck(row: CheckRow): CheckResult {
  const result: CheckResult = { name: row.name, kind: row.kind, pass: row.pass === 1 };
  if (row.score !== null) result.score = row.score;
  if (row.reason !== null) result.reason = row.reason;
  return result;
}

/** The SQLite implementation of the core's EvalStore: one file, prepared statements, batched writes. */
export class SqliteEvalStore implements EvalStore, EvidenceStore {
  readonly database: SqliteDatabase;
  readonly #insertCell;
  readonly #insertCheck;
  readonly #insertCache;
  readonly #selectCache;
  readonly #hasCell;
  readonly #selectChecks;
  readonly #writeBatch;
  readonly #evidence: SqliteEvidenceQueries;

  constructor(file: string) {
    this.database = openDatabase(file);
    const db = this.database;
    this.#evidence = new SqliteEvidenceQueries(db);
    this.#insertCell = db.prepare(
      `INSERT INTO cells VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
       ON CONFLICT (run_id, cell_key) DO NOTHING`,
    );
    this.#insertCheck = db.prepare(
      'INSERT INTO check_results VALUES (?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING',
    );
    this.#insertCache = db.prepare(
      'INSERT OR REPLACE INTO response_cache VALUES (?,?,?,?,?,?,?,?)',
    );
    this.#selectCache = db.prepare('SELECT * FROM response_cache WHERE key = ?');
    this.#hasCell = db.prepare('SELECT 1 AS found FROM cells WHERE run_id = ? AND cell_key = ?');
    this.#selectChecks = db.prepare(
      'SELECT name, kind, pass, score, reason FROM check_results WHERE run_id = ? AND cell_key = ? ORDER BY position',
    );
    this.#writeBatch = db.transaction(
      (runId: string, cells: readonly CellResult[], cache: readonly CacheEntry[]) => {
        for (const cell of cells) this.#writeCell(runId, cell);
        const now = new Date().toISOString();
        for (const entry of cache) {
          const r = entry.response;
          this.#insertCache.run(
            entry.key,
            r.text,
            r.inputTokens,
            r.outputTokens,
            r.tokensEstimated ? 1 : 0,
            r.finishReason,
            r.latencyMs,
            now,
          );
        }
      },
    );
  }

  createRun(run: RunRecord): void {
    this.database
      .prepare(
        `INSERT INTO runs (id, task_name, task_file, task_hash, options_json, status, total_cells,
                           created_at, finished_at, kind)
         VALUES (?,?,?,?,?,?,?,?,?,?)`,
      )
      .run(
        run.id,
        run.taskName,
        run.taskFile,
        run.taskHash,
        JSON.stringify(run.options),
        run.status,
        run.totalCells,
        run.createdAt,
        run.finishedAt,
        run.kind ?? 'eval',
      );
  }

  getRun(id: string): RunRecord | undefined {
    const row = this.database.prepare('SELECT * FROM runs WHERE id = ?').get(id) as
      | RunRow
      | undefined;
    return row ? toRun(row) : undefined;
  }

  latestRun(): RunRecord | undefined {
    const row = this.database
      .prepare('SELECT * FROM runs ORDER BY created_at DESC, id DESC LIMIT 1')
      .get() as RunRow | undefined;
    return row ? toRun(row) : undefined;
  }

  listRuns(): RunRecord[] {
    const rows = this.database
      .prepare('SELECT * FROM runs ORDER BY created_at, id')
      .all() as RunRow[];
    return rows.map(toRun);
  }

  setRunStatus(id: string, status: RunStatus, finishedAt: string | null): void {
    this.database
      .prepare('UPDATE runs SET status = ?, finished_at = ? WHERE id = ?')
      .run(status, finishedAt, id);
  }

  hasCell(runId: string, key: string): boolean {
    return this.#hasCell.get(runId, key) !== undefined;
  }

  countCells(runId: string): number {
    const row = this.database
      .prepare('SELECT count(*) AS total FROM cells WHERE run_id = ?')
      .get(runId) as { total: number };
    return row.total;
  }

  writeCells(runId: string, cells: readonly CellResult[], cache: readonly CacheEntry[]): void {
    if (cells.length === 0 && cache.length === 0) return;
    this.#writeBatch(runId, cells, cache);
  }

  *iterateCells(
    runId: string,
    options: {
      withChecks?: boolean;
      group?: { variant: string; model: string; samplingIndex: number };
    } = {},
  ): IterableIterator<CellResult> {
    const group = options.group;
    // Rows are materialised into CellResult one at a time: memory stays flat for large runs.
    const statement = this.database.prepare(
      `SELECT cell_key, variant, model, sampling_index, sampling_json, case_id, repeat, status, output,
              error_code, error_message, passed, format_passed, input_tokens, output_tokens,
              tokens_estimated, cost, latency_ms, finish_reason, cached, attempts
       FROM cells WHERE run_id = ?
         ${group ? 'AND variant = ? AND model = ? AND sampling_index = ?' : ''}
       ORDER BY variant, model, sampling_index, case_id, repeat`,
    );
    const parameters = group ? [runId, group.variant, group.model, group.samplingIndex] : [runId];
    for (const raw of statement.iterate(...parameters)) {
      const row = raw as CellRow;
      const checks = options.withChecks
        ? (this.#selectChecks.all(runId, row.cell_key) as CheckRow[]).map(toCheck)
        : [];
      yield {
        key: row.cell_key,
        variant: row.variant,
        model: row.model,
        samplingIndex: row.sampling_index,
        sampling: JSON.parse(row.sampling_json),
        caseId: row.case_id,
        repeat: row.repeat,
        status: row.status,
        output: row.output,
        errorCode: row.error_code,
        errorMessage: row.error_message,
        passed: flag(row.passed),
        formatPassed: flag(row.format_passed),
        checks,
        inputTokens: row.input_tokens,
        outputTokens: row.output_tokens,
        tokensEstimated: row.tokens_estimated === 1,
        cost: row.cost,
        latencyMs: row.latency_ms,
        finishReason: row.finish_reason,
        cached: row.cached === 1,
        attempts: row.attempts,
      };
    }
  }

  readCache(key: string): CachedResponse | undefined {
    const row = this.#selectCache.get(key) as
      | {
          text: string;
          input_tokens: number;
          output_tokens: number;
          tokens_estimated: number;
          finish_reason: FinishReason;
          latency_ms: number;
        }
      | undefined;
    if (!row) return undefined;
    return {
      text: row.text,
      inputTokens: row.input_tokens,
      outputTokens: row.output_tokens,
      tokensEstimated: row.tokens_estimated === 1,
      finishReason: row.finish_reason,
      latencyMs: row.latency_ms,
    };
  }

  groupTotals(taskName: string): GroupTotals[] {
    return this.#evidence.groupTotals(taskName);
  }

  variantCaseTallies(taskName: string, maxFailedShare: number): VariantCaseTally[] {
    return this.#evidence.variantCaseTallies(taskName, maxFailedShare);
  }

  caseTallies(group: GroupKey): CaseTally[] {
    return this.#evidence.caseTallies(group);
  }

  errorReasons(group: GroupKey, limit?: number): ErrorReason[] {
    return this.#evidence.errorReasons(group, limit);
  }

  checkFailures(group: GroupKey): CheckFailureCount[] {
    return this.#evidence.checkFailures(group);
  }

  iterateGroupOutputs(group: GroupKey): IterableIterator<GroupOutput> {
    return this.#evidence.iterateGroupOutputs(group);
  }

  close(): void {
    if (this.database.open) this.database.close();
  }

  #writeCell(runId: string, cell: CellResult): void {
    const inserted = this.#insertCell.run(
      runId,
      cell.key,
      cell.variant,
      cell.model,
      cell.samplingIndex,
      JSON.stringify(cell.sampling),
      cell.caseId,
      cell.repeat,
      cell.status,
      cell.output,
      cell.errorCode,
      cell.errorMessage,
      bit(cell.passed),
      bit(cell.formatPassed),
      cell.inputTokens,
      cell.outputTokens,
      cell.tokensEstimated ? 1 : 0,
      cell.cost,
      cell.latencyMs,
      cell.finishReason,
      cell.cached ? 1 : 0,
      cell.attempts,
    );
    if (inserted.changes === 0) return;
    cell.checks.forEach((check, position) => {
      this.#insertCheck.run(
        runId,
        cell.key,
        position,
        check.name,
        check.kind,
        check.pass ? 1 : 0,
        check.score ?? null,
        check.reason ?? null,
      );
    });
  }
}
