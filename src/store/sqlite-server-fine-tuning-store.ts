import { openDatabase, type SqliteDatabase } from './open-database.js';
import type {
  Page,
  PageRequest,
  ServerCheckpointRecord,
  ServerFileRecord,
  ServerJobEventRecord,
  ServerJobRecord,
  ServerJobStatus,
} from './server-fine-tuning-records.js';
import {
  type CheckpointRow,
  type EventRow,
  encodeJobField,
  type FileRow,
  type JobPatch,
  type JobRow,
  jobColumns,
  toCheckpoint,
  toEvent,
  toFile,
  toJob,
} from './server-fine-tuning-rows.js';

/**
 * The SQLite store behind `tunegate serve`'s fine-tuning API. Lists come newest first and
 * page with `after` (an item id), as the API does; writes are single statements, so a crash
 * never leaves half a record.
 */
export class SqliteServerFineTuningStore {
  readonly database: SqliteDatabase;

  constructor(file: string) {
    this.database = openDatabase(file);
  }

  insertFile(file: ServerFileRecord): void {
    this.database
      .prepare(
        `INSERT INTO server_files (id, filename, purpose, bytes, created_at, path, examples, format,
                                   warnings_json)
         VALUES (?,?,?,?,?,?,?,?,?)`,
      )
      .run(
        file.id,
        file.filename,
        file.purpose,
        file.bytes,
        file.createdAt,
        file.path,
        file.examples,
        file.format,
        JSON.stringify(file.warnings),
      );
  }

  getFile(id: string): ServerFileRecord | undefined {
    const row = this.database.prepare('SELECT * FROM server_files WHERE id = ?').get(id) as
      | FileRow
      | undefined;
    return row ? toFile(row) : undefined;
  }

  listFiles(
    request: PageRequest & { purpose?: string | undefined; order?: 'asc' | 'desc' },
  ): Page<ServerFileRecord> {
    const filter = request.purpose === undefined ? '' : 'AND purpose = ?';
    const params = request.purpose === undefined ? [] : [request.purpose];
    const rows = this.#page<FileRow>('server_files', filter, params, request, request.order);
    return { items: rows.items.map(toFile), hasMore: rows.hasMore };
  }

  deleteFile(id: string): boolean {
    return this.database.prepare('DELETE FROM server_files WHERE id = ?').run(id).changes > 0;
  }

  insertJob(job: ServerJobRecord): void {
    const { id, ...fields } = job;
    const entries = Object.entries(fields) as [keyof JobPatch, unknown][];
    const columns = ['id', ...entries.map(([key]) => jobColumns[key][0])];
    const values = [id, ...entries.map(([key, value]) => encodeJobField(key, value))];
    this.database
      .prepare(
        `INSERT INTO server_fine_tuning_jobs (${columns.join(', ')})
         VALUES (${columns.map(() => '?').join(',')})`,
      )
      .run(...values);
  }

  getJob(id: string): ServerJobRecord | undefined {
    const row = this.database
      .prepare('SELECT * FROM server_fine_tuning_jobs WHERE id = ?')
      .get(id) as JobRow | undefined;
    return row ? toJob(row) : undefined;
  }

  listJobs(request: PageRequest): Page<ServerJobRecord> {
    const rows = this.#page<JobRow>('server_fine_tuning_jobs', '', [], request);
    return { items: rows.items.map(toJob), hasMore: rows.hasMore };
  }

  /** Jobs in these states, oldest first. */
  jobsWithStatus(statuses: readonly ServerJobStatus[]): ServerJobRecord[] {
    const rows = this.database
      .prepare(
        `SELECT * FROM server_fine_tuning_jobs WHERE status IN (${statuses.map(() => '?').join(',')})
         ORDER BY position`,
      )
      .all(...statuses) as JobRow[];
    return rows.map(toJob);
  }

  /** The job whose fine-tuned model has this name. */
  jobByModelName(modelName: string): ServerJobRecord | undefined {
    const row = this.database
      .prepare('SELECT * FROM server_fine_tuning_jobs WHERE model_name = ?')
      .get(modelName) as JobRow | undefined;
    return row ? toJob(row) : undefined;
  }

  /**
   * Applies `patch` only while the job is in one of `from` (all states when omitted); true when
   * it did. The condition makes state changes race-free, e.g. a cancel against a finishing run.
   */
  updateJob(id: string, patch: JobPatch, from?: readonly ServerJobStatus[]): boolean {
    const entries = Object.entries(patch).filter(([, value]) => value !== undefined) as [
      keyof JobPatch,
      unknown,
    ][];
    if (entries.length === 0) return this.getJob(id) !== undefined;
    const assignments = entries.map(([key]) => `${jobColumns[key][0]} = ?`).join(', ');
    const values = entries.map(([key, value]) => encodeJobField(key, value));
    const condition = from === undefined ? '' : `AND status IN (${from.map(() => '?').join(',')})`;
    const result = this.database
      .prepare(`UPDATE server_fine_tuning_jobs SET ${assignments} WHERE id = ? ${condition}`)
      .run(...values, id, ...(from ?? []));
    return result.changes > 0;
  }

  insertEvent(event: ServerJobEventRecord): void {
    this.database
      .prepare(
        `INSERT INTO server_fine_tuning_events (id, job_id, created_at, level, type, message, data_json)
         VALUES (?,?,?,?,?,?,?)`,
      )
      .run(
        event.id,
        event.jobId,
        event.createdAt,
        event.level,
        event.type,
        event.message,
        event.data === null ? null : JSON.stringify(event.data),
      );
  }

  listEvents(jobId: string, request: PageRequest): Page<ServerJobEventRecord> {
    const rows = this.#page<EventRow>(
      'server_fine_tuning_events',
      'AND job_id = ?',
      [jobId],
      request,
    );
    return { items: rows.items.map(toEvent), hasMore: rows.hasMore };
  }

  insertCheckpoint(checkpoint: ServerCheckpointRecord): void {
    this.database
      .prepare(
        `INSERT INTO server_fine_tuning_checkpoints (id, job_id, created_at, step_number, model_name,
                                                     adapter_path, metrics_json)
         VALUES (?,?,?,?,?,?,?)`,
      )
      .run(
        checkpoint.id,
        checkpoint.jobId,
        checkpoint.createdAt,
        checkpoint.stepNumber,
        checkpoint.modelName,
        checkpoint.adapterPath,
        JSON.stringify(checkpoint.metrics),
      );
  }

  listCheckpoints(jobId: string, request: PageRequest): Page<ServerCheckpointRecord> {
    const rows = this.#page<CheckpointRow>(
      'server_fine_tuning_checkpoints',
      'AND job_id = ?',
      [jobId],
      request,
    );
    return { items: rows.items.map(toCheckpoint), hasMore: rows.hasMore };
  }

  getCheckpointByModel(modelName: string): ServerCheckpointRecord | undefined {
    const row = this.database
      .prepare('SELECT * FROM server_fine_tuning_checkpoints WHERE model_name = ?')
      .get(modelName) as CheckpointRow | undefined;
    return row ? toCheckpoint(row) : undefined;
  }

  /** Runs `work` in one transaction: all of its writes land, or none. */
  transaction<T>(work: () => T): T {
    return this.database.transaction(work)();
  }

  close(): void {
    this.database.close();
  }

  /** One page of `table` in `order` of insertion (default newest first), after the id `after`. */
  #page<Row>(
    table: string,
    filter: string,
    params: unknown[],
    request: PageRequest,
    order: 'asc' | 'desc' = 'desc',
  ): Page<Row> {
    const comparison = order === 'desc' ? '<' : '>';
    const cursor =
      request.after === undefined
        ? ''
        : `AND position ${comparison} coalesce((SELECT position FROM ${table} WHERE id = ?), ${order === 'desc' ? '-1' : '9223372036854775807'})`;
    const rows = this.database
      .prepare(
        `SELECT * FROM ${table} WHERE 1 = 1 ${filter} ${cursor}
         ORDER BY position ${order.toUpperCase()} LIMIT ?`,
      )
      .all(
        ...params,
        ...(request.after === undefined ? [] : [request.after]),
        request.limit + 1,
      ) as Row[];
    return { items: rows.slice(0, request.limit), hasMore: rows.length > request.limit };
  }
}
