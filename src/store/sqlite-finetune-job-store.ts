import type { FinetuneJobRecord, StoredJobEvent } from '../core/finetune/finetune-job-record.js';
import type { FinetuneJobStore } from '../core/finetune/finetune-job-store.js';
import type { LossPoint } from '../core/jobs/job-source.js';
import type { FinetuneJobStatus } from '../spec/finetune-engine.js';
import { openDatabase, type SqliteDatabase } from './open-database.js';

interface JobRow {
  id: string;
  engine: string;
  base_url: string | null;
  account: string | null;
  task_name: string;
  task_file: string;
  base_model: string;
  training_file: string;
  validation_file: string | null;
  hyperparameters_json: string;
  suffix: string | null;
  model_name: string;
  status: FinetuneJobStatus;
  raw_status: string;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
  result_model: string | null;
  error_message: string | null;
  progress: number | null;
  trained_tokens: number | null;
  registered: number;
}

function toRecord(row: JobRow): FinetuneJobRecord {
  return {
    id: row.id,
    engine: row.engine,
    baseURL: row.base_url,
    account: row.account,
    taskName: row.task_name,
    taskFile: row.task_file,
    baseModel: row.base_model,
    trainingFile: row.training_file,
    validationFile: row.validation_file,
    hyperparameters: JSON.parse(row.hyperparameters_json),
    suffix: row.suffix,
    modelName: row.model_name,
    status: row.status,
    rawStatus: row.raw_status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
    resultModel: row.result_model,
    errorMessage: row.error_message,
    progress: row.progress,
    trainedTokens: row.trained_tokens,
    registered: row.registered === 1,
  };
}

/**
 * Finetune jobs, their events and loss curves in the same SQLite file as the runs. Pass the
 * database of an open `SqliteEvalStore` to share its connection, or a file to open one.
 */
export class SqliteFinetuneJobStore implements FinetuneJobStore {
  readonly database: SqliteDatabase;
  readonly #ownsDatabase: boolean;
  readonly #insertEvent;
  readonly #addEvents;

  constructor(database: SqliteDatabase | string) {
    this.#ownsDatabase = typeof database === 'string';
    this.database = typeof database === 'string' ? openDatabase(database) : database;
    this.#insertEvent = this.database.prepare(
      `INSERT INTO finetune_events (job_id, event_id, at, level, message) VALUES (?,?,?,?,?)
       ON CONFLICT (job_id, event_id) DO NOTHING`,
    );
    this.#addEvents = this.database.transaction(
      (jobId: string, events: readonly StoredJobEvent[]) => {
        const added: StoredJobEvent[] = [];
        for (const event of events) {
          const result = this.#insertEvent.run(
            jobId,
            event.id,
            event.at,
            event.level,
            event.message,
          );
          if (result.changes > 0) added.push(event);
        }
        return added;
      },
    );
  }

  saveJob(job: FinetuneJobRecord): void {
    this.database
      .prepare(
        `INSERT INTO finetune_jobs VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
         ON CONFLICT (id) DO UPDATE SET
           status = excluded.status, raw_status = excluded.raw_status,
           updated_at = excluded.updated_at, finished_at = excluded.finished_at,
           result_model = excluded.result_model, error_message = excluded.error_message,
           progress = excluded.progress, trained_tokens = excluded.trained_tokens,
           registered = excluded.registered, model_name = excluded.model_name`,
      )
      .run(
        job.id,
        job.engine,
        job.baseURL,
        job.account,
        job.taskName,
        job.taskFile,
        job.baseModel,
        job.trainingFile,
        job.validationFile,
        JSON.stringify(job.hyperparameters),
        job.suffix,
        job.modelName,
        job.status,
        job.rawStatus,
        job.createdAt,
        job.updatedAt,
        job.finishedAt,
        job.resultModel,
        job.errorMessage,
        job.progress,
        job.trainedTokens,
        job.registered ? 1 : 0,
      );
  }

  getJob(id: string): FinetuneJobRecord | undefined {
    const row = this.database.prepare('SELECT * FROM finetune_jobs WHERE id = ?').get(id) as
      | JobRow
      | undefined;
    return row ? toRecord(row) : undefined;
  }

  listJobs(taskName?: string): FinetuneJobRecord[] {
    const rows =
      taskName === undefined
        ? this.database.prepare('SELECT * FROM finetune_jobs ORDER BY created_at, id').all()
        : this.database
            .prepare('SELECT * FROM finetune_jobs WHERE task_name = ? ORDER BY created_at, id')
            .all(taskName);
    return (rows as JobRow[]).map(toRecord);
  }

  addEvents(jobId: string, events: readonly StoredJobEvent[]): StoredJobEvent[] {
    if (events.length === 0) return [];
    return this.#addEvents(jobId, events) as StoredJobEvent[];
  }

  events(jobId: string): StoredJobEvent[] {
    const rows = this.database
      .prepare(
        'SELECT event_id AS id, at, level, message FROM finetune_events WHERE job_id = ? ORDER BY rowid',
      )
      .all(jobId);
    return rows as StoredJobEvent[];
  }

  lastEventId(jobId: string): string | undefined {
    const row = this.database
      .prepare('SELECT event_id FROM finetune_events WHERE job_id = ? ORDER BY rowid DESC LIMIT 1')
      .get(jobId) as { event_id: string } | undefined;
    return row?.event_id;
  }

  addLossPoints(jobId: string, points: readonly LossPoint[]): void {
    if (points.length === 0) return;
    const statement = this.database.prepare(
      'INSERT OR REPLACE INTO finetune_loss (job_id, step, loss, validation_loss) VALUES (?,?,?,?)',
    );
    this.database.transaction(() => {
      for (const point of points)
        statement.run(jobId, point.step, point.loss, point.validationLoss);
    })();
  }

  lossPoints(jobId: string): LossPoint[] {
    const rows = this.database
      .prepare(
        'SELECT step, loss, validation_loss FROM finetune_loss WHERE job_id = ? ORDER BY step',
      )
      .all(jobId) as { step: number; loss: number; validation_loss: number | null }[];
    return rows.map((row) => ({
      step: row.step,
      loss: row.loss,
      validationLoss: row.validation_loss,
    }));
  }

  /** Closes the database only when this store opened it. */
  close(): void {
    if (this.#ownsDatabase && this.database.open) this.database.close();
  }
}
