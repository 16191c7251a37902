import type {
  FinetuneJobSummary,
  JobEvent,
  JobSource,
  JobStatus,
  LossPoint,
} from '../jobs/job-source.js';
import type { FinetuneJobRecord } from './finetune-job-record.js';
import type { FinetuneJobStore } from './finetune-job-store.js';

/**
 * The web app's job monitor over the persisted jobs: what `tunegate finetune` stores as it
 * follows a job is what the Jobs page shows, across restarts.
 */
export class StoreJobSource implements JobSource {
  readonly #store: FinetuneJobStore;
  readonly #taskName: string | undefined;

  /** `taskName` limits the list to one task's jobs. */
  constructor(store: FinetuneJobStore, taskName?: string) {
    this.#store = store;
    this.#taskName = taskName;
  }

  async listJobs(): Promise<FinetuneJobSummary[]> {
    return this.#store.listJobs(this.#taskName).reverse().map(toSummary);
  }

  async getJob(id: string): Promise<FinetuneJobSummary | undefined> {
    const job = this.#store.getJob(id);
    return job ? toSummary(job) : undefined;
  }

  async events(id: string): Promise<JobEvent[]> {
    return this.#store
      .events(id)
      .map((event) => ({ at: event.at, level: event.level, message: event.message }));
  }

  async lossPoints(id: string): Promise<LossPoint[]> {
    return this.#store.lossPoints(id);
  }
}

function toSummary(job: FinetuneJobRecord): FinetuneJobSummary {
  // The monitor has no separate word for checking the files: the job is waiting.
  const status: JobStatus = job.status === 'validating_files' ? 'queued' : job.status;
  return {
    id: job.id,
    engine: job.engine,
    baseModel: job.baseModel,
    status,
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
    resultModel: job.resultModel,
    progress: job.progress,
  };
}
