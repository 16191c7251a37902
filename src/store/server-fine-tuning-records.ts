/**
 * What `tunegate serve` persists for its OpenAI-style fine-tuning API (files, jobs, events,
 * checkpoints). Times are Unix seconds, as the API reports them. These are the server's own
 * records; the CLI's `finetune_jobs` (jobs tunegate follows on remote engines) are separate.
 */

export type ServerJobStatus =
  | 'validating_files'
  | 'queued'
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'cancelled';

export const finalServerJobStatuses: ReadonlySet<ServerJobStatus> = new Set([
  'succeeded',
  'failed',
  'cancelled',
]);

export interface ServerFileRecord {
  id: string;
  filename: string;
  /** `fine-tune` for uploads, `fine-tune-results` for the metrics CSV of a finished job. */
  purpose: string;
  bytes: number;
  createdAt: number;
  /** Where the content lies on disk. */
  path: string;
  /** Training examples in the file (0 for result files). */
  examples: number;
  /** `openai-chat`, `prompt-completion` or `csv`. */
  format: string;
  /** Warnings found on upload (duplicates, …), a few listed. */
  warnings: string[];
}

/** The settings a job trains with, every `auto` already resolved. */
export interface ResolvedHyperparameters {
  nEpochs: number;
  batchSize: number;
  learningRateMultiplier: number;
  /** The trainer's learning rate: its base rate times the multiplier. */
  learningRate: number;
  loraRank: number;
  loraAlpha: number;
  loraDropout: number;
  loraTargetModules: string[];
  /** Tokens per training row; `undefined` means the longest example, up to the context. */
  sequenceLength: number | undefined;
}

export interface JobError {
  code: string;
  message: string;
  param: string | null;
}

export interface ServerJobRecord {
  id: string;
  createdAt: number;
  /** The served model id fine-tuned (the API's `model`). */
  baseModel: string;
  /** The base model's GGUF, so the result stays servable while that file exists. */
  baseModelPath: string;
  suffix: string | null;
  /** `ft:BASE:SUFFIX:ID`, fixed at creation; reported as `fine_tuned_model` once succeeded. */
  modelName: string;
  trainingFile: string;
  validationFile: string | null;
  seed: number;
  status: ServerJobStatus;
  hyperparameters: ResolvedHyperparameters;
  /** Which hyperparameters the request left `auto`, to echo the request faithfully. */
  autoHyperparameters: string[];
  metadata: Record<string, string> | null;
  /** The adapter written when the job succeeded. */
  adapterPath: string | null;
  finishedAt: number | null;
  trainedTokens: number | null;
  error: JobError | null;
  estimatedFinish: number | null;
  resultFiles: string[];
  /** `HOST/PID/INSTANCE` of the server training it, while running. */
  owner: string | null;
  /** Last sign of life from the owner while running. */
  heartbeatAt: number | null;
}

export interface ServerJobEventRecord {
  id: string;
  jobId: string;
  createdAt: number;
  level: 'info' | 'warn' | 'error';
  type: 'message' | 'metrics';
  message: string;
  data: Record<string, unknown> | null;
}

export interface ServerCheckpointRecord {
  id: string;
  jobId: string;
  createdAt: number;
  stepNumber: number;
  /** `ft:BASE:SUFFIX:ID:ckpt-step-N`, servable like the final model. */
  modelName: string;
  adapterPath: string;
  metrics: Record<string, number>;
}

/** A page request: items after (older than) the item with id `after`, at most `limit`. */
export interface PageRequest {
  after?: string | undefined;
  limit: number;
}

export interface Page<T> {
  items: T[];
  hasMore: boolean;
}
