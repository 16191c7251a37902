import type {
  JobError,
  ResolvedHyperparameters,
  ServerCheckpointRecord,
  ServerFileRecord,
  ServerJobEventRecord,
  ServerJobRecord,
  ServerJobStatus,
} from './server-fine-tuning-records.js';

/** Rows of the fine-tuning API's tables and their conversion to and from records. */

export interface FileRow {
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

export interface JobRow {
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

export interface EventRow {
  id: string;
  job_id: string;
  created_at: number;
  level: ServerJobEventRecord['level'];
  type: ServerJobEventRecord['type'];
  message: string;
  data_json: string | null;
}

export interface CheckpointRow {
  id: string;
  job_id: string;
  created_at: number;
  step_number: number;
  model_name: string;
  adapter_path: string;
  metrics_json: string;
}

export type JobPatch = Partial<Omit<ServerJobRecord, 'id'>>;

const json = (value: unknown): string | null => (value === null ? null : JSON.stringify(value));

/** Each job field's column and how it is written. */
export const jobColumns: {
  [K in keyof JobPatch]-?: [string, (value: ServerJobRecord[K]) => unknown];
} = {
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

export function toFile(row: FileRow): ServerFileRecord {
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

export function toJob(row: JobRow): ServerJobRecord {
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
      row.metadata_json === null ? null : (JSON.parse(row.metadata_json) as Record<string, string>),
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

export function toEvent(row: EventRow): ServerJobEventRecord {
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

export function toCheckpoint(row: CheckpointRow): ServerCheckpointRecord {
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

/** A job field's value as its column stores it. */
export function encodeJobField(key: keyof JobPatch, value: unknown): unknown {
  const [, write] = jobColumns[key] as [string, (value: unknown) => unknown];
  return write(value);
}
