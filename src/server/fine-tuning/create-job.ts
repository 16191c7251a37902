import { randomInt } from 'node:crypto';
import type { ServerFileRecord, ServerJobRecord } from '../../store/server-fine-tuning-records.js';
import type { SqliteServerFineTuningStore } from '../../store/sqlite-server-fine-tuning-store.js';
import { invalidRequest } from '../openai-http-error.js';
import { createJobRequestSchema } from './create-job-request.js';
import { fineTunedModelName, newId } from './fine-tuning-ids.js';
import type { BaseModelFacts } from './inspect-base-model.js';
import { recordJobEvent } from './record-job-event.js';
import { resolveHyperparameters } from './resolve-hyperparameters.js';

export interface CreateJobContext {
  /** Opens the store on first use. */
  store: () => SqliteServerFineTuningStore;
  baseModels: ReadonlyMap<string, string>;
  inspectBaseModel: (path: string) => Promise<BaseModelFacts>;
  now: () => number;
}

/**
 * `POST /v1/fine_tuning/jobs`: checks what can be checked at once (the request's shape, a
 * servable F32 llama base model, uploaded fine-tune files, supervised method only), resolves
 * `auto` hyperparameters and records the job as `validating_files`. Mistakes are 400s naming
 * the parameter, as OpenAI's API answers them.
 */
export async function createJob(
  body: Record<string, unknown>,
  context: CreateJobContext,
): Promise<ServerJobRecord> {
  const parsed = createJobRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const param = issue === undefined || issue.path.length === 0 ? null : issue.path.join('.');
    const message = issue?.message ?? 'invalid request';
    throw invalidRequest(param === null ? message : `${param}: ${message}`, param);
  }
  const request = parsed.data;
  if (
    request.method !== undefined &&
    request.method !== null &&
    request.method.type !== 'supervised'
  ) {
    throw invalidRequest(
      `This server supports the supervised method only, not ${request.method.type}.`,
      'method.type',
    );
  }
  if ((request.integrations?.length ?? 0) > 0) {
    throw invalidRequest('Integrations are not supported by this server.', 'integrations');
  }
  const basePath = context.baseModels.get(request.model);
  if (basePath === undefined) {
    const served = [...context.baseModels.keys()];
    throw invalidRequest(
      `Model ${request.model} is not available for fine-tuning on this server; it fine-tunes the local GGUF models it serves (${served.length > 0 ? served.join(', ') : 'none'}).`,
      'model',
      'model_not_available',
    );
  }
  let facts: BaseModelFacts;
  try {
    facts = await context.inspectBaseModel(basePath);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw invalidRequest(
      `Model ${request.model} cannot be fine-tuned: ${reason}`,
      'model',
      'model_not_available',
    );
  }
  const store = context.store();
  const training = fineTuneFile(store, request.training_file, 'training_file');
  const validation =
    request.validation_file === undefined || request.validation_file === null
      ? undefined
      : fineTuneFile(store, request.validation_file, 'validation_file');
  const requested = request.method?.supervised?.hyperparameters ?? request.hyperparameters;
  const { hyperparameters, auto } = resolveHyperparameters(requested, training.examples);
  if (
    hyperparameters.sequenceLength !== undefined &&
    hyperparameters.sequenceLength > facts.contextLength
  ) {
    throw invalidRequest(
      `sequence_length ${hyperparameters.sequenceLength} is over the context length of ${request.model} (${facts.contextLength}).`,
      'hyperparameters.sequence_length',
    );
  }
  const suffix = request.suffix ?? null;
  const job: ServerJobRecord = {
    id: newId.job(),
    createdAt: context.now(),
    baseModel: request.model,
    baseModelPath: basePath,
    suffix,
    modelName: fineTunedModelName(request.model, suffix),
    trainingFile: training.id,
    validationFile: validation?.id ?? null,
    seed: request.seed ?? randomInt(0, 2_147_483_647),
    status: 'validating_files',
    hyperparameters,
    autoHyperparameters: auto,
    metadata: request.metadata ?? null,
    adapterPath: null,
    finishedAt: null,
    trainedTokens: null,
    error: null,
    estimatedFinish: null,
    resultFiles: [],
    owner: null,
    heartbeatAt: null,
  };
  store.transaction(() => {
    store.insertJob(job);
    recordJobEvent(store, job.id, job.createdAt, `Created fine-tuning job: ${job.id}`);
    const files = [training.id, ...(validation === undefined ? [] : [validation.id])];
    recordJobEvent(
      store,
      job.id,
      job.createdAt,
      `Validating training file: ${files.join(' and ')}`,
    );
  });
  return job;
}

function fineTuneFile(
  store: SqliteServerFineTuningStore,
  id: string,
  param: 'training_file' | 'validation_file',
): ServerFileRecord {
  const file = store.getFile(id);
  if (file === undefined) {
    throw invalidRequest(`invalid ${param}: ${id} does not exist.`, param, `invalid_${param}`);
  }
  if (file.purpose !== 'fine-tune') {
    throw invalidRequest(
      `invalid ${param}: ${id} was uploaded for '${file.purpose}', not 'fine-tune'.`,
      param,
      `invalid_${param}`,
    );
  }
  return file;
}
