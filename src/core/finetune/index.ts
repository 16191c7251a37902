export { appendModel, appendModelToYaml, type NewModel } from './append-model.js';
export { cancelFinetuneJob } from './cancel-finetune-job.js';
export {
  type BundleOptions,
  type BundleTrainer,
  bundleTrainers,
  exportTrainingBundle,
  isBundleTrainer,
  type TrainingBundle,
} from './export-training-bundle.js';
export type { FinetuneJobRecord, StoredJobEvent } from './finetune-job-record.js';
export type { FinetuneJobStore } from './finetune-job-store.js';
export {
  type FollowOptions,
  type FollowResult,
  type FollowUpdate,
  followFinetuneJob,
} from './follow-finetune-job.js';
export { type JobTrainingTokenOptions, jobTrainingTokens } from './job-training-tokens.js';
export { defaultPollBackoff, nextPollDelay, type PollBackoffOptions } from './poll-backoff.js';
export {
  type PreparedTrainingFiles,
  type PrepareOptions,
  prepareTrainingFiles,
} from './prepare-training-files.js';
export { type Registration, registerFinetunedModel } from './register-finetuned-model.js';
export {
  type StartedFinetune,
  type StartFinetuneOptions,
  startFinetune,
} from './start-finetune.js';
export { StoreJobSource } from './store-job-source.js';
