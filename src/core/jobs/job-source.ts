/** Where a finetune job stands; `succeeded`, `failed` and `cancelled` are final. */
export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export const finalJobStatuses: ReadonlySet<JobStatus> = new Set([
  'succeeded',
  'failed',
  'cancelled',
]);

export interface FinetuneJobSummary {
  id: string;
  /** The finetune engine, e.g. `openai`, `together`, `local`. */
  engine: string;
  baseModel: string;
  status: JobStatus;
  createdAt: string;
  finishedAt: string | null;
  /** The finetuned model's `provider:model` reference, once there is one. */
  resultModel: string | null;
  /** Share of training done, 0 to 1, when the engine says. */
  progress: number | null;
}

export interface JobEvent {
  at: string;
  level: 'info' | 'warning' | 'error';
  message: string;
}

/** One point of the loss curve. */
export interface LossPoint {
  step: number;
  loss: number;
  validationLoss: number | null;
}

/**
 * What the web app's job monitor reads. Finetune jobs are persisted by the finetune engines;
 * they implement this interface, and the monitor polls it, so it survives restarts.
 */
export interface JobSource {
  listJobs(): Promise<FinetuneJobSummary[]>;
  getJob(id: string): Promise<FinetuneJobSummary | undefined>;
  /** The job's events, oldest first. */
  events(id: string): Promise<JobEvent[]>;
  /** The loss curve so far, by step. */
  lossPoints(id: string): Promise<LossPoint[]>;
}

/** The source used until a finetune engine persists jobs: there are none. */
export const emptyJobSource: JobSource = {
  listJobs: async () => [],
  getJob: async () => undefined,
  events: async () => [],
  lossPoints: async () => [],
};
