import type { FinetuneHyperparameters, FinetuneJobStatus } from '../../spec/finetune-engine.js';

/** A finetune job as tunegate persists it, so following survives a restart. */
export interface FinetuneJobRecord {
  /** The engine's job id. */
  id: string;
  engine: string;
  /** The API address used, when not the engine's default (not a secret; keys never are stored). */
  baseURL: string | null;
  /** Fireworks' account id. */
  account: string | null;
  taskName: string;
  taskFile: string;
  /** The base model as a `provider:model` reference. */
  baseModel: string;
  trainingFile: string;
  validationFile: string | null;
  hyperparameters: FinetuneHyperparameters;
  suffix: string | null;
  /** The name the finetuned model gets in the task's `models:` list. */
  modelName: string;
  status: FinetuneJobStatus;
  rawStatus: string;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
  resultModel: string | null;
  errorMessage: string | null;
  progress: number | null;
  trainedTokens: number | null;
  /** The resulting model has been added to the task file. */
  registered: boolean;
}

/** One line of a job's log, as stored. */
export interface StoredJobEvent {
  id: string;
  at: string;
  level: 'info' | 'warning' | 'error';
  message: string;
}
