import type {
  Page,
  ResolvedHyperparameters,
  ServerCheckpointRecord,
  ServerFileRecord,
  ServerJobEventRecord,
  ServerJobRecord,
} from '../../store/server-fine-tuning-records.js';

/** The organization this server reports as owner of its jobs and fine-tuned models. */
export const organization = 'tunegate';

/** The response bodies of the files and fine-tuning API, in OpenAI's shapes. */

export function fileObject(file: ServerFileRecord) {
  return {
    id: file.id,
    object: 'file',
    bytes: file.bytes,
    created_at: file.createdAt,
    filename: file.filename,
    purpose: file.purpose,
    status: 'processed',
  };
}

export function fileList(page: Page<ServerFileRecord>) {
  const data = page.items.map(fileObject);
  return {
    object: 'list',
    data,
    first_id: data[0]?.id ?? '',
    last_id: data.at(-1)?.id ?? '',
    has_more: page.hasMore,
  };
}

/**
 * OpenAI's three hyperparameters, resolved, plus this server's LoRA and sequence settings as
 * extra fields (`sequence_length` stays `auto` until the trainer has measured the examples).
 */
export function hyperparametersBody(values: ResolvedHyperparameters) {
  return {
    n_epochs: values.nEpochs,
    batch_size: values.batchSize,
    learning_rate_multiplier: values.learningRateMultiplier,
    lora_rank: values.loraRank,
    lora_alpha: values.loraAlpha,
    lora_dropout: values.loraDropout,
    lora_target_modules: values.loraTargetModules,
    sequence_length: values.sequenceLength ?? 'auto',
  };
}

export function jobObject(job: ServerJobRecord) {
  const hyperparameters = hyperparametersBody(job.hyperparameters);
  return {
    object: 'fine_tuning.job',
    id: job.id,
    model: job.baseModel,
    created_at: job.createdAt,
    finished_at: job.finishedAt,
    fine_tuned_model: job.status === 'succeeded' ? job.modelName : null,
    organization_id: organization,
    result_files: job.resultFiles,
    status: job.status,
    validation_file: job.validationFile,
    training_file: job.trainingFile,
    hyperparameters,
    trained_tokens: job.trainedTokens,
    error: job.error,
    integrations: [],
    seed: job.seed,
    estimated_finish: job.status === 'running' ? job.estimatedFinish : null,
    method: { type: 'supervised', supervised: { hyperparameters } },
    metadata: job.metadata,
  };
}

export function jobList(page: Page<ServerJobRecord>) {
  return { object: 'list', data: page.items.map(jobObject), has_more: page.hasMore };
}

export function eventObject(event: ServerJobEventRecord) {
  return {
    object: 'fine_tuning.job.event',
    id: event.id,
    created_at: event.createdAt,
    level: event.level,
    message: event.message,
    type: event.type,
    data: event.data ?? {},
  };
}

export function eventList(page: Page<ServerJobEventRecord>) {
  return { object: 'list', data: page.items.map(eventObject), has_more: page.hasMore };
}

export function checkpointObject(checkpoint: ServerCheckpointRecord) {
  return {
    object: 'fine_tuning.job.checkpoint',
    id: checkpoint.id,
    created_at: checkpoint.createdAt,
    fine_tuned_model_checkpoint: checkpoint.modelName,
    fine_tuning_job_id: checkpoint.jobId,
    step_number: checkpoint.stepNumber,
    metrics: checkpoint.metrics,
  };
}

export function checkpointList(page: Page<ServerCheckpointRecord>) {
  const data = page.items.map(checkpointObject);
  return {
    object: 'list',
    data,
    first_id: data[0]?.id ?? null,
    last_id: data.at(-1)?.id ?? null,
    has_more: page.hasMore,
  };
}
