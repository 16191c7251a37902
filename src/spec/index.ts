export type { ChatMessage, ChatRole } from './chat-message.js';
export type { CheckKind, CheckResult } from './check-result.js';
export type { ContextMeter } from './context-meter.js';
export type { Embedder } from './embedder.js';
export {
  type CreateFinetuneJobRequest,
  type FinetuneCallOptions,
  type FinetuneCheckpoint,
  type FinetuneEngine,
  type FinetuneEngineCapabilities,
  type FinetuneEvent,
  type FinetuneFileUpload,
  type FinetuneHyperparameters,
  type FinetuneJob,
  type FinetuneJobStatus,
  type FinetuneMetrics,
  finalFinetuneStatuses,
  type UploadedFinetuneFile,
} from './finetune-engine.js';
export type { FinishReason } from './finish-reason.js';
export type { GenerateRequest, GenerateResult, LanguageModel } from './language-model.js';
export { formatProblem, type Problem } from './problem.js';
export type { Prompt } from './prompt.js';
export type { SamplingOptions } from './sampling-options.js';
export type { TrainingTokenCounter, TrainingTokenCounterSource } from './training-token-counter.js';
export { type ErrorCode, ProviderCallError, TunegateError } from './tunegate-error.js';
export type { Usage } from './usage.js';
