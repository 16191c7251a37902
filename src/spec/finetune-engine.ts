/**
 * Where a finetune job stands, the same words for every engine (OpenAI's own set). The
 * engine's own word stays in `rawStatus`. `succeeded`, `failed` and `cancelled` are final.
 */
export type FinetuneJobStatus =
  | 'validating_files'
  | 'queued'
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'cancelled';

/** Hyperparameters as tunegate names them; an engine sends those it has and says which it dropped. */
export interface FinetuneHyperparameters {
  epochs?: number;
  batchSize?: number;
  /** An absolute learning rate (Together, Fireworks, local). */
  learningRate?: number;
  /** OpenAI's multiplier on its own default learning rate. */
  learningRateMultiplier?: number;
  /** LoRA rank, where the engine trains adapters. */
  loraRank?: number;
  loraAlpha?: number;
  seed?: number;
}

/** A training or validation file as the engine stored it. */
export interface UploadedFinetuneFile {
  id: string;
  filename: string;
  bytes: number;
}

export interface FinetuneFileUpload {
  filename: string;
  content: Uint8Array;
  purpose: 'training' | 'validation';
}

export interface CreateFinetuneJobRequest {
  /** The engine's own id of the base model (no `provider:` prefix). */
  baseModel: string;
  trainingFile: string;
  validationFile?: string;
  hyperparameters: FinetuneHyperparameters;
  /** Added to the finetuned model's name. */
  suffix?: string;
}

export interface FinetuneJob {
  id: string;
  status: FinetuneJobStatus;
  rawStatus: string;
  baseModel: string;
  /** ISO 8601. */
  createdAt: string;
  finishedAt: string | null;
  /** The finetuned model as a `provider:model` reference, once the engine names it. */
  resultModel: string | null;
  /** Why the job failed (or was cancelled), in the engine's words. */
  error: { message: string; code: string | null } | null;
  /** Share of training done, 0 to 1, when the engine says. */
  progress: number | null;
  trainedTokens: number | null;
}

export interface FinetuneEvent {
  /** Stable per job, so events fetched twice are stored once. */
  id: string;
  at: string;
  level: 'info' | 'warning' | 'error';
  message: string;
  /** Training metrics carried by the event, when it reports them. */
  metrics?: FinetuneMetrics;
}

export interface FinetuneMetrics {
  step: number;
  loss: number;
  validationLoss: number | null;
  totalSteps: number | null;
}

export interface FinetuneCheckpoint {
  id: string;
  step: number;
  /** A usable model reference for the checkpoint, when the engine serves checkpoints. */
  model: string | null;
  loss: number | null;
  validationLoss: number | null;
}

export interface FinetuneCallOptions {
  signal?: AbortSignal;
}

/** What an engine can take, so the service can warn before it sends a job. */
export interface FinetuneEngineCapabilities {
  learningRate: 'absolute' | 'multiplier';
  loraRank: boolean;
  seed: boolean;
  validationFile: boolean;
  /** False when the engine has no event log: the service records status changes itself. */
  events: boolean;
}

/**
 * One finetuning service behind one interface (OpenAI, Together, Fireworks, tunegate's own
 * local API). Implementations hold their credentials and never expose them.
 */
export interface FinetuneEngine {
  /** Registry name, e.g. `openai`. */
  readonly name: string;
  readonly capabilities: FinetuneEngineCapabilities;
  uploadFile(
    file: FinetuneFileUpload,
    options?: FinetuneCallOptions,
  ): Promise<UploadedFinetuneFile>;
  createJob(request: CreateFinetuneJobRequest, options?: FinetuneCallOptions): Promise<FinetuneJob>;
  getJob(id: string, options?: FinetuneCallOptions): Promise<FinetuneJob>;
  /** Events newer than `since` (an event id), oldest first; all of them without it. */
  listEvents(
    id: string,
    options?: FinetuneCallOptions & { since?: string | undefined },
  ): Promise<FinetuneEvent[]>;
  cancel(id: string, options?: FinetuneCallOptions): Promise<FinetuneJob>;
  checkpoints(id: string, options?: FinetuneCallOptions): Promise<FinetuneCheckpoint[]>;
}

export const finalFinetuneStatuses: ReadonlySet<FinetuneJobStatus> = new Set([
  'succeeded',
  'failed',
  'cancelled',
]);
