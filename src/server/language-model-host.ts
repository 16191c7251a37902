import { ConcurrencyGate } from '../core/scheduler/concurrency-gate.js';
import type { GenerateResult, LanguageModel } from '../spec/language-model.js';
import { TunegateError } from '../spec/tunegate-error.js';
import type { ModelHost, ServedModel, StreamingGenerateRequest } from './model-host.js';

export interface HostedLanguageModel {
  /** The id clients send as `model`. */
  id: string;
  model: LanguageModel;
  /** Generations at once; further requests queue (default 1). */
  parallelism?: number;
  ownedBy?: string;
}

export interface LanguageModelHostOptions {
  /** Unix seconds reported as each model's `created` (default: now). */
  created?: number;
  /** Called by `close`, e.g. to free llama.cpp. */
  dispose?: () => Promise<void>;
}

/**
 * Serves `LanguageModel`s. Each model gets a FIFO gate of `parallelism` slots, so a busy model
 * queues requests in arrival order. A model that streams (calls `onTextDelta`) streams through;
 * one that does not has its whole text sent as one piece.
 */
export function createLanguageModelHost(
  models: readonly HostedLanguageModel[],
  options: LanguageModelHostOptions = {},
): ModelHost {
  const created = options.created ?? Math.floor(Date.now() / 1000);
  const served = new Map<string, ServedModel>();
  for (const entry of models) {
    if (served.has(entry.id)) {
      throw new TunegateError('INVALID_ARGUMENT', `model id "${entry.id}" is served twice`);
    }
    served.set(entry.id, new GatedModel(entry, created));
  }
  return {
    listModels: () => [...served.values()],
    getModel: (id) => served.get(id),
    close: async () => {
      await options.dispose?.();
    },
  };
}

class GatedModel implements ServedModel {
  readonly id: string;
  readonly created: number;
  readonly ownedBy: string;
  readonly supportsChat = true;
  readonly supportsCompletion: boolean;
  readonly #model: LanguageModel;
  readonly #gate: ConcurrencyGate;

  constructor(entry: HostedLanguageModel, created: number) {
    this.id = entry.id;
    this.created = created;
    this.ownedBy = entry.ownedBy ?? entry.model.provider;
    this.supportsCompletion = entry.model.supportsCompletionMode;
    this.#model = entry.model;
    this.#gate = new ConcurrencyGate(entry.parallelism ?? 1);
  }

  get parallelism(): number {
    return this.#gate.limit;
  }

  get active(): number {
    return this.#gate.active;
  }

  get queued(): number {
    return this.#gate.waiting;
  }

  generate(request: StreamingGenerateRequest): Promise<GenerateResult> {
    return this.#gate.run(async () => {
      const onTextDelta = request.onTextDelta;
      if (onTextDelta === undefined) return this.#model.generate(request);
      let streamed = false;
      const result = await this.#model.generate({
        ...request,
        onTextDelta: (delta: string) => {
          streamed = true;
          onTextDelta(delta);
        },
      } as StreamingGenerateRequest);
      if (!streamed && result.text !== '') onTextDelta(result.text);
      return result;
    }, request.abortSignal);
  }
}
