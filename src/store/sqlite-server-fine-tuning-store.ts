import { openDatabase, type SqliteDatabase } from './open-database.js';
import type {
  JobError,
  Page,
  PageRequest,
  ResolvedHyperparameters,
  ServerCheckpointRecord,
  ServerFileRecord,
  ServerJobEventRecord,
  ServerJobRecord,
  ServerJobStatus,
} from './server-fine-tuning-records.js';

interface FileRow {
  id: string;
  filename: string;
  purpose: string;
  bytes: number;
  created_at: number;
  path: string;
  examples: number;
  format: string;
  warnings_json: string;
}

interface JobRow {
  id: string;
  created_at: number;
  base_model: string;
  base_model_path: string;
  suffix: string | null;
  model_name: string;
  training_file: string;
  validation_file: string | null;
  seed: number;
  status: ServerJobStatus;
  hyperparameters_json: string;
  auto_json: string;
  metadata_json: string | null;
  adapter_path: string | null;
  finished_at: number | null;
  trained_tokens: number | null;
  error_json: string | null;
  estimated_finish: number | null;
  result_files_json: string;
  owner: string | null;
  heartbeat_at: number | null;
}

interface EventRow {
  id: string;
  job_id: string;
  created_at: number;
  level: ServerJobEventRecord['level'];
  type: ServerJobEventRecord['type'];
  message: string;
  data_json: string | null;
}

interface CheckpointRow {
  id: string;
  job_id: string;
  created_at: number;
  step_number: number;
  model_name: string;
  adapter_path: string;
  metrics_json: string;
}

type JobPatch = Partial<Omit<ServerJobRecord, 'id'>>;

const json = (value: unknown): string | null => (value === null ? null : JSON.stringify(value));

/** Each job field's column and how it is written. */
const jobColumns: { [K in keyof JobPatch]-?: [string, (value: ServerJobRecord[K]) => unknown] } = {
  createdAt: ['created_at', (value) => value],
  baseModel: ['base_model', (value) => value],
  baseModelPath: ['base_model_path', (value) => value],
  suffix: ['suffix', (value) => value],
  modelName: ['model_name', (value) => value],
  trainingFile: ['training_file', (value) => value],
  validationFile: ['validation_file', (value) => value],
  seed: ['seed', (value) => value],
  status: ['status', (value) => value],
  hyperparameters: ['hyperparameters_json', json],
  autoHyperparameters: ['auto_json', json],
  metadata: ['metadata_json', json],
  adapterPath: ['adapter_path', (value) => value],
  finishedAt: ['finished_at', (value) => value],
  trainedTokens: ['trained_tokens', (value) => value],
  error: ['error_json', json],
  estimatedFinish: ['estimated_finish', (value) => value],
  resultFiles: ['result_files_json', json],
  owner: ['owner', (value) => value],
  heartbeatAt: ['heartbeat_at', (value) => value],
};

function toFile(row: FileRow): ServerFileRecord {
  return {
    id: row.id,
    filename: row.filename,
    purpose: row.purpose,
    bytes: row.bytes,
    createdAt: row.created_at,
    path: row.path,
    examples: row.examples,
    format: row.format,
    warnings: JSON.parse(row.warnings_json) as string[],
  };
}

function toJob(row: JobRow): ServerJobRecord {
  return {
    id: row.id,
    createdAt: row.created_at,
    baseModel: row.base_model,
    baseModelPath: row.base_model_path,
    suffix: row.suffix,
    modelName: row.model_name,
    trainingFile: row.training_file,
    validationFile: row.validation_file,
    seed: row.seed,
    status: row.status,
    hyperparameters: JSON.parse(row.hyperparameters_json) as ResolvedHyperparameters,
    autoHyperparameters: JSON.parse(row.auto_json) as string[],
    metadata:
      row.metadata_json === null
        ? null
        : (JSON.parse(row.metadata_json) as Record<string, string>),
    adapterPath: row.adapter_path,
    finishedAt: row.finished_at,
    trainedTokens: row.trained_tokens,
    error: row.error_json === null ? null : (JSON.parse(row.error_json) as JobError),
    estimatedFinish: row.estimated_finish,
    resultFiles: JSON.parse(row.result_files_json) as string[],
    owner: row.owner,
    heartbeatAt: row.heartbeat_at,
  };
}

function toEvent(row: EventRow): ServerJobEventRecord {
  return {
    id: row.id,
    jobId: row.job_id,
    createdAt: row.created_at,
    level: row.level,
    type: row.type,
    message: row.message,
    data: row.data_json === null ? null : (JSON.parse(row.data_json) as Record<string, unknown>),
  };
}

function toCheckpoint(row: CheckpointRow): ServerCheckpointRecord {
  return {
    id: row.id,
    jobId: row.job_id,
    createdAt: row.created_at,
    stepNumber: row.step_number,
    modelName: row.model_name,
    adapterPath: row.adapter_path,
    metrics: JSON.parse(row.metrics_json) as Record<string, number>,
  };
}

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
    const values = [id, ...entries.map(([key, value]) => encode(key, value))];
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
    const values = entries.map(([key, value]) => encode(key, value));
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
    const rows = this.#page<EventRow>('server_fine_tuning_events', 'AND job_id = ?', [jobId], request);
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

function encode(key: keyof JobPatch, value: unknown): unknown {
  const [, write] = jobColumns[key] as [string, (value: unknown) => unknown];
  return write(value);
}
