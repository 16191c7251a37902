import type { ChatWrapper, LlamaContext, LlamaContextSequence, LlamaModel } from 'node-llama-cpp';
import { TunegateError } from '../../spec/tunegate-error.js';
import { chooseChatWrapper } from './local-chat-wrapper.js';
import type { LocalEngineSettings } from './local-engine-settings.js';
import { SequencePool } from './sequence-pool.js';

/** The context size when neither the user nor a smaller training context says otherwise. */
const defaultMaximumContextSize = 4096;

/** One model with its context, a pool of its sequences and its chat wrapper. */
export class LoadedLocalModel {
  readonly model: LlamaModel;
  readonly context: LlamaContext;
  readonly pool: SequencePool<LlamaContextSequence>;
  readonly chatWrapper: ChatWrapper;
  /** Whether the GGUF carries a chat template (otherwise chat uses the fallback wrapper). */
  readonly hasChatTemplate: boolean;
  readonly threads: number;
  readonly deterministic: boolean;

  private constructor(
    model: LlamaModel,
    context: LlamaContext,
    settings: LocalEngineSettings & { threads: number },
  ) {
    this.model = model;
    this.context = context;
    const sequences: LlamaContextSequence[] = [];
    while (context.sequencesLeft > 0) sequences.push(context.getSequence());
    this.pool = new SequencePool(sequences);
    const chat = chooseChatWrapper(model);
    this.chatWrapper = chat.wrapper;
    this.hasChatTemplate = chat.fromTemplate;
    this.threads = settings.threads;
    this.deterministic = settings.deterministic;
  }

  static async create(
    model: LlamaModel,
    settings: LocalEngineSettings & { threads: number },
  ): Promise<LoadedLocalModel> {
    const contextSize =
      settings.contextSize ?? Math.min(model.trainContextSize, defaultMaximumContextSize);
    const context = await model.createContext({
      sequences: settings.sequences,
      contextSize,
      threads: settings.threads,
      // A fixed size fails loudly rather than silently shrinking when memory is short.
      failedCreationRemedy: false,
      ...(settings.adapters !== undefined && settings.adapters.length > 0
        ? {
            lora: {
              adapters: settings.adapters.map(({ path, scale }) => ({ filePath: path, scale })),
            },
          }
        : {}),
      ...(settings.deterministic
        ? { experimentalKvCacheKeyType: 'F32', experimentalKvCacheValueType: 'F32' }
        : {}),
    });
    return new LoadedLocalModel(model, context, settings);
  }

  /** Tokens one sequence holds: prompt plus output. */
  get contextSize(): number {
    return this.context.contextSize;
  }

  async dispose(): Promise<void> {
    this.pool.rejectWaiting(new TunegateError('ABORTED', 'local: the model was unloaded'));
    if (!this.context.disposed) await this.context.dispose();
  }
}
