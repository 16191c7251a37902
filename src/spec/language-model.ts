import type { ContextMeter } from './context-meter.js';
import type { FinishReason } from './finish-reason.js';
import type { Prompt } from './prompt.js';
import type { SamplingOptions } from './sampling-options.js';
import type { Usage } from './usage.js';

export interface GenerateRequest {
  prompt: Prompt;
  sampling: SamplingOptions;
  /** JSON Schema the output must follow, when the provider can constrain decoding. */
  jsonSchema?: Record<string, unknown>;
  abortSignal?: AbortSignal;
  /**
   * Which repeat of the same prompt this call is (0-based). Real providers ignore it; the local
   * engine and the scripted double derive per-repeat randomness from it so runs are reproducible.
   */
  repeat?: number;
}

export interface GenerateResult {
  text: string;
  usage: Usage;
  finishReason: FinishReason;
  /** The provider's own finish reason, unnormalised. */
  rawFinishReason?: string;
  warnings?: string[];
}

/** One model behind one provider. Implementations never expose credentials. */
export interface LanguageModel {
  /** The `provider:model` reference this model was created from. */
  readonly reference: string;
  readonly provider: string;
  readonly modelId: string;
  readonly supportsCompletionMode: boolean;
  generate(request: GenerateRequest): Promise<GenerateResult>;
  /**
   * The model's own token counts and context size, for checking a run before it starts; models
   * that cannot count their tokens themselves (hosted APIs) leave it out. May load the model,
   * which later calls then reuse.
   */
  contextMeter?(): Promise<ContextMeter>;
}
