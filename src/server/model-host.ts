import type { GenerateRequest, GenerateResult } from '../spec/language-model.js';

/** A generation request that may also receive the output piece by piece. */
export interface StreamingGenerateRequest extends GenerateRequest {
  /** Called with each piece of output as it is generated; the pieces join to the result's text. */
  onTextDelta?: (delta: string) => void;
}

/** One model the server offers under an id. */
export interface ServedModel {
  readonly id: string;
  /** Unix seconds, as `GET /v1/models` reports it. */
  readonly created: number;
  readonly ownedBy: string;
  readonly supportsChat: boolean;
  readonly supportsCompletion: boolean;
  /** Generations that run at once. */
  readonly parallelism: number;
  /** Requests running now. */
  readonly active: number;
  /** Requests waiting for a turn, oldest first. */
  readonly queued: number;
  /**
   * Runs one generation when the model has a free slot (requests wait first come, first
   * served); `onTextDelta` receives the output as it is produced.
   */
  generate(request: StreamingGenerateRequest): Promise<GenerateResult>;
}

/**
 * What the OpenAI-compatible server serves: a fixed set of models today, and the fine-tuning
 * API's models later. The server knows nothing else about where models come from.
 */
export interface ModelHost {
  listModels(): readonly ServedModel[];
  getModel(id: string): ServedModel | undefined;
  /** Frees the models (called once the server has finished its in-flight requests). */
  close(): Promise<void>;
}
