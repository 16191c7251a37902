import { TunegateError } from '../../spec/tunegate-error.js';
import { appendModel } from './append-model.js';
import type { FinetuneJobRecord } from './finetune-job-record.js';
import type { FinetuneJobStore } from './finetune-job-store.js';

export interface Registration {
  ref: string;
  name: string;
  /** False when the task already listed the model. */
  added: boolean;
}

/**
 * Adds a succeeded job's model to its task's `models:` list (once: a job marked registered,
 * or a model already listed, is left alone), under the job's model name, with a comment
 * saying where it came from. A model trained behind a non-default API address keeps it.
 */
export async function registerFinetunedModel(
  job: FinetuneJobRecord,
  store: FinetuneJobStore,
): Promise<Registration> {
  if (job.status !== 'succeeded' || !job.resultModel) {
    throw new TunegateError(
      'INVALID_ARGUMENT',
      `job ${job.id} has no finetuned model to register (status ${job.rawStatus})`,
    );
  }
  const registration = { ref: job.resultModel, name: job.modelName, added: false };
  if (job.registered) return registration;
  const keepsAddress = job.baseURL !== null && job.engine !== 'local';
  const added = await appendModel(job.taskFile, {
    ref: job.resultModel,
    name: job.modelName,
    ...(keepsAddress ? { baseURL: job.baseURL ?? undefined } : {}),
    finetunedFrom: job.baseModel,
    comment: `finetuned from ${job.baseModel} by tunegate finetune (${job.engine} job ${job.id}, ${job.finishedAt ?? job.updatedAt})`,
  });
  store.saveJob({ ...job, registered: true });
  return { ...registration, added };
}
