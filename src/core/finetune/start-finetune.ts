import type {
  FinetuneEngine,
  FinetuneHyperparameters,
  FinetuneJob,
} from '../../spec/finetune-engine.js';
import type { TrainingTokenCounterSource } from '../../spec/training-token-counter.js';
import { TunegateError } from '../../spec/tunegate-error.js';
import { uploadFormat } from '../datasets/engine-exporter.js';
import { jobEpochs } from '../datasets/epoch-rule.js';
import { openTrainingTokenCounter } from '../datasets/tiktoken-training-counter.js';
import {
  countUploadTokens,
  describeTrainingTokens,
  type TrainingTokenCount,
} from '../datasets/training-token-count.js';
import type { LoadedTask } from '../task/loaded-task.js';
import type { FinetuneJobRecord } from './finetune-job-record.js';
import type { FinetuneJobStore } from './finetune-job-store.js';
import { prepareTrainingFiles } from './prepare-training-files.js';

export interface StartFinetuneOptions {
  engine: FinetuneEngine;
  /** The provider prefix of the models this engine trains (`openai`, `together`, …). */
  provider: string;
  store: FinetuneJobStore;
  /** A task model's name or a `provider:model` reference; default: `lab.finetune.model`. */
  baseModel?: string | undefined;
  /** Without `epochs`, the job gets the auto-epoch rule's, sent explicitly (`jobEpochs`). */
  hyperparameters: FinetuneHyperparameters;
  /** Who asked for `hyperparameters.epochs`, in words (default `--epochs`). */
  epochSource?: string | undefined;
  /** The base model's own tokenizer for the training-token count (local models); else tiktoken. */
  counters?: TrainingTokenCounterSource | undefined;
  suffix?: string | undefined;
  /** The name to register the finetuned model under (default: derived from the job). */
  modelName?: string | undefined;
  train?: string | undefined;
  validation?: string | undefined;
  keepInstruction?: boolean | undefined;
  /** Persisted so `--follow` reaches the same API; never a secret. */
  baseURL?: string | undefined;
  account?: string | undefined;
  signal?: AbortSignal | undefined;
  /** One line per step (checking, uploading, creating), for the front end to show. */
  onStep?: (message: string) => void;
  now?: () => Date;
}

export interface StartedFinetune {
  job: FinetuneJobRecord;
  /** The training tokens of the uploaded file before training: what `ready` priced. */
  trainingTokens: TrainingTokenCount;
  /** Settings the engine ignores, and dataset warnings. */
  warnings: string[];
}

/**
 * Checks the data, uploads it, creates the job and persists it before anything else, so a
 * killed CLI can resume following it (`followFinetuneJob`).
 */
export async function startFinetune(
  task: LoadedTask,
  options: StartFinetuneOptions,
): Promise<StartedFinetune> {
  const { engine, store } = options;
  const step = options.onStep ?? (() => undefined);
  const baseModel = resolveBaseModel(task, options.baseModel, options.provider);
  const warnings = checkHyperparameters(engine, options.hyperparameters);
  step(`checking the training data for ${engine.name}`);
  const prepared = await prepareTrainingFiles(task, {
    train: options.train,
    validation: options.validation,
    format: uploadFormat(engine.name),
    keepInstruction: options.keepInstruction ?? false,
  });
  for (const problem of prepared.warnings.slice(0, 5)) {
    warnings.push(`data: ${problem.line ? `line ${problem.line}: ` : ''}${problem.message}`);
  }
  // Every engine gets explicit epochs, so the job runs the epochs `ready` priced.
  const asked = options.hyperparameters.epochs;
  const epochs = jobEpochs(
    prepared.training.rows,
    asked === undefined ? undefined : { epochs: asked, source: options.epochSource ?? '--epochs' },
  );
  const hyperparameters = { ...options.hyperparameters, epochs: epochs.epochs };
  const counter = await openTrainingTokenCounter(baseModel, options.counters);
  let trainingTokens: TrainingTokenCount;
  try {
    trainingTokens = countUploadTokens(prepared.training.content, counter, epochs);
  } finally {
    await counter.dispose();
  }
  step(`training tokens before training: ${describeTrainingTokens(trainingTokens)}`);
  const call = options.signal ? { signal: options.signal } : {};
  step(`uploading ${prepared.training.rows} training rows (${prepared.training.filename})`);
  const training = await engine.uploadFile(
    {
      filename: prepared.training.filename,
      content: prepared.training.content,
      purpose: 'training',
    },
    call,
  );
  let validationId: string | undefined;
  if (prepared.validation) {
    step(`uploading ${prepared.validation.rows} validation rows`);
    const uploaded = await engine.uploadFile(
      {
        filename: prepared.validation.filename,
        content: prepared.validation.content,
        purpose: 'validation',
      },
      call,
    );
    validationId = uploaded.id;
  }
  step(`creating the job on ${engine.name} for ${baseModel}`);
  const job = await engine.createJob(
    {
      baseModel: modelIdOf(baseModel),
      trainingFile: training.id,
      ...(validationId ? { validationFile: validationId } : {}),
      hyperparameters,
      ...(options.suffix ? { suffix: options.suffix } : {}),
    },
    call,
  );
  const now = (options.now?.() ?? new Date()).toISOString();
  const record = recordOf(job, {
    engine: engine.name,
    baseURL: options.baseURL ?? null,
    account: options.account ?? null,
    taskName: task.config.name,
    taskFile: task.file,
    baseModel,
    trainingFile: training.id,
    validationFile: validationId ?? null,
    hyperparameters,
    suffix: options.suffix ?? null,
    modelName: options.modelName ?? defaultModelName(task, baseModel, options.suffix, job.id),
    updatedAt: now,
  });
  store.saveJob(record);
  return { job: record, trainingTokens, warnings };
}

type RecordContext = Omit<
  FinetuneJobRecord,
  | 'id'
  | 'status'
  | 'rawStatus'
  | 'createdAt'
  | 'finishedAt'
  | 'resultModel'
  | 'errorMessage'
  | 'progress'
  | 'trainedTokens'
  | 'registered'
>;

/** The persisted record of an engine's job. */
export function recordOf(job: FinetuneJob, context: RecordContext): FinetuneJobRecord {
  return {
    ...context,
    id: job.id,
    status: job.status,
    rawStatus: job.rawStatus,
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
    resultModel: job.resultModel,
    errorMessage: job.error?.message ?? null,
    progress: job.progress,
    trainedTokens: job.trainedTokens,
    registered: false,
  };
}

function resolveBaseModel(task: LoadedTask, wanted: string | undefined, provider: string): string {
  const name = wanted ?? task.config.lab?.finetune?.model;
  if (!name) {
    throw new TunegateError(
      'INVALID_ARGUMENT',
      `which model to finetune? pass --base MODEL (a ${provider}:… reference or a task model) or set lab.finetune.model`,
    );
  }
  const configured = task.config.models.find(
    (model) => (model.name ?? model.ref) === name || model.ref === name,
  );
  const ref = configured?.ref ?? name;
  if (!/^[a-z][a-z0-9-]*:.+$/.test(ref)) {
    throw new TunegateError(
      'INVALID_ARGUMENT',
      `unknown model "${name}": use a model of the task or a provider:model reference`,
    );
  }
  if (!ref.startsWith(`${provider}:`)) {
    throw new TunegateError(
      'INVALID_ARGUMENT',
      `the ${provider} engine trains ${provider}:… models, not ${ref}`,
    );
  }
  return ref;
}

function modelIdOf(ref: string): string {
  return ref.slice(ref.indexOf(':') + 1);
}

function checkHyperparameters(
  engine: FinetuneEngine,
  hyperparameters: FinetuneHyperparameters,
): string[] {
  const { capabilities } = engine;
  if (capabilities.learningRate === 'multiplier' && hyperparameters.learningRate !== undefined) {
    throw new TunegateError(
      'INVALID_ARGUMENT',
      `${engine.name} takes a learning rate multiplier: use --learning-rate-multiplier instead of --learning-rate`,
    );
  }
  if (
    capabilities.learningRate === 'absolute' &&
    hyperparameters.learningRateMultiplier !== undefined
  ) {
    throw new TunegateError(
      'INVALID_ARGUMENT',
      `${engine.name} takes an absolute learning rate: use --learning-rate instead of --learning-rate-multiplier`,
    );
  }
  const ignored: string[] = [];
  if (!capabilities.loraRank && hyperparameters.loraRank !== undefined) ignored.push('LoRA rank');
  if (!capabilities.loraRank && hyperparameters.loraAlpha !== undefined) ignored.push('LoRA alpha');
  if (!capabilities.seed && hyperparameters.seed !== undefined) ignored.push('seed');
  return ignored.map((setting) => `${engine.name} has no ${setting} setting: ignored`);
}

function defaultModelName(
  task: LoadedTask,
  baseModel: string,
  suffix: string | undefined,
  jobId: string,
): string {
  const base =
    modelIdOf(baseModel)
      .split('/')
      .at(-1)
      ?.replace(/\.gguf$/, '') ?? 'model';
  // The distinctive end of the id: `ftjob-abc123` → `abc123`.
  const tail = (jobId.split(/[-_:/.]/).at(-1) ?? jobId).replace(/[^A-Za-z0-9]/g, '').slice(-6);
  const stem = `ft-${suffix ? `${suffix}-` : ''}${base}-${tail}`;
  const taken = new Set(task.config.models.map((model) => model.name ?? model.ref));
  let name = stem;
  for (let index = 2; taken.has(name); index++) name = `${stem}-${index}`;
  return name;
}
