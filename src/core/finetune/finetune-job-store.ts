import type { LossPoint } from '../jobs/job-source.js';
import type { FinetuneJobRecord, StoredJobEvent } from './finetune-job-record.js';

/** What the finetune service needs from persistence; `store/` implements it on SQLite. */
export interface FinetuneJobStore {
  /** Inserts or replaces the job's record. */
  saveJob(job: FinetuneJobRecord): void;
  getJob(id: string): FinetuneJobRecord | undefined;
  /** Oldest first; only the named task's when given. */
  listJobs(taskName?: string): FinetuneJobRecord[];
  /** Adds events not stored yet (by id) in the given order; returns those added. */
  addEvents(jobId: string, events: readonly StoredJobEvent[]): StoredJobEvent[];
  /** The job's events in the order they were stored. */
  events(jobId: string): StoredJobEvent[];
  /** The id of the event stored last, to ask the engine only for newer ones. */
  lastEventId(jobId: string): string | undefined;
  /** Adds or replaces loss points by step. */
  addLossPoints(jobId: string, points: readonly LossPoint[]): void;
  lossPoints(jobId: string): LossPoint[];
}
