export { createFineTunedModelHost, type FineTunedModelSource } from './fine-tuned-model-host.js';
export { createFineTuningRoutes, type FineTuningRoutesOptions } from './fine-tuning-routes.js';
export {
  type FineTunedModelInfo,
  FineTuningService,
  type FineTuningServiceOptions,
} from './fine-tuning-service.js';
export type {
  StartTraining,
  TrainingOutcome,
  TrainingRequest,
  TrainingRun,
  TrainingRunEvent,
} from './training-run.js';
