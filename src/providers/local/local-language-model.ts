import type { LlamaGrammar } from 'node-llama-cpp';
import type { ContextMeter } from '../../spec/context-meter.js';
import type { FinishReason } from '../../spec/finish-reason.js';
import type { GenerateRequest, GenerateResult, LanguageModel } from '../../spec/language-model.js';
import { TunegateError } from '../../spec/tunegate-error.js';
import type { LoadedLocalModel } from './loaded-local-model.js';
import { type LocalEngine, loadLocalEngine } from './local-engine-loader.js';
import type { LocalEngineSettings, LocalLoraAdapter } from './local-engine-settings.js';
import { toLlamaSampling } from './local-sampling.js';
import type { LocalGenerationOutcome } from './run-local-generation.js';
import { unenforcedSchemaKeywords } from './unenforced-schema-keywords.js';

export interface LocalGenerateRequest extends GenerateRequest {
  /** Called with each piece of output as it is generated; the pieces join to the result's text. */
  onTextDelta?: (delta: string) => void;
}

export interface LocalLanguageModelOptions {
  reference: string;
  modelId: string;
  /**
   * The GGUF file, or the base GGUF with the LoRA adapters of a finetune; called on first use,
   * so building the model touches no file.
   */
  resolvePath: () => string | LocalModelFiles;
  settings: LocalEngineSettings;
  /** Restrict the model to one prompt mode; unset means both. */
  mode?: 'chat' | 'completion' | undefined;
}

/** A base model file with adapters applied on top. */
export interface LocalModelFiles {
  path: string;
  adapters: readonly LocalLoraAdapter[];
}

/** What a loaded local model offers, for front ends that describe it. */
export interface LocalModelDescription {
  path: string;
  contextSize: number;
  trainContextSize: number;
  hasChatTemplate: boolean;
  /** Generations that run at once; more calls wait in arrival order. */
  parallelism: number;
  threads: number;
  deterministic: boolean;
}

/**
 * A GGUF model run in-process by llama.cpp (node-llama-cpp). Every call gets a cleared sequence
 * of a context shared with the other calls on the same file, so calls are independent, cost no
 * context creation, and concurrent ones are decoded in one batch.
 */
export class LocalLanguageModel implements LanguageModel {
  readonly reference: string;
  readonly provider = 'local';
  readonly modelId: string;
  readonly supportsCompletionMode: boolean;
  readonly #options: LocalLanguageModelOptions;
  #files: LocalModelFiles | undefined;

  constructor(options: LocalLanguageModelOptions) {
    this.reference = options.reference;
    this.modelId = options.modelId;
    this.supportsCompletionMode = options.mode !== 'chat';
    this.#options = options;
  }

  /** Loads the model now rather than on the first call, and describes it. */
  async load(): Promise<LocalModelDescription> {
    const loaded = await this.#open();
    return {
      path: this.#files?.path ?? '',
      contextSize: loaded.contextSize,
      trainContextSize: loaded.model.trainContextSize,
      hasChatTemplate: loaded.hasChatTemplate,
      parallelism: loaded.pool.size,
      threads: loaded.threads,
      deterministic: loaded.deterministic,
    };
  }

  /**
   * Loads the model (once: calls share it) and counts as calls do. A reference that names no
   * model file is an unknown model, so a run stops at plan time rather than failing every cell.
   */
  async contextMeter(): Promise<ContextMeter> {
    try {
      this.#files ??= toFiles(this.#options.resolvePath());
    } catch (error) {
      if (!(error instanceof TunegateError && error.code === 'FILE_NOT_FOUND')) throw error;
      const message = `unknown model ${this.reference}: ${error.message}`;
      throw new TunegateError('INVALID_ARGUMENT', message, { cause: error });
    }
    const engine = await loadLocalEngine();
    return engine.localContextMeter(await this.#open(engine));
  }

  async generate(request: LocalGenerateRequest): Promise<GenerateResult> {
    const { prompt, abortSignal } = request;
    if (abortSignal?.aborted) throw this.#aborted(abortSignal);
    if (prompt.mode === 'chat' && this.#options.mode === 'completion')
      throw this.#unsupported('chat');
    if (prompt.mode === 'completion' && this.#options.mode === 'chat') {
      throw this.#unsupported('completion');
    }
    const sampling = toLlamaSampling(request.sampling, request.repeat);
    const engine = await loadLocalEngine();
    const loaded = await this.#open(engine);
    const warnings: string[] = [];
    const grammar = await this.#grammar(engine, request.jsonSchema, warnings);
    let sequence: Awaited<ReturnType<LoadedLocalModel['pool']['acquire']>>;
    try {
      sequence = await loaded.pool.acquire(abortSignal);
    } catch (error) {
      throw abortSignal?.aborted ? this.#aborted(abortSignal) : error;
    }
    try {
      await sequence.clearHistory();
      const before = sequence.tokenMeter.getState();
      const options = {
        sampling,
        grammar,
        signal: abortSignal,
        onTextDelta: request.onTextDelta,
      };
      const outcome =
        prompt.mode === 'chat'
          ? await engine.runLocalChat(loaded, sequence, prompt.messages, options)
          : await engine.runLocalCompletion(loaded, sequence, prompt.text, options);
      const sampled = sequence.tokenMeter.diff(before).usedOutputTokens;
      return toResult(outcome, sampled, warnings);
    } catch (error) {
      if (abortSignal?.aborted) throw this.#aborted(abortSignal);
      if (error instanceof TunegateError) throw error;
      throw new TunegateError('PROVIDER_ERROR', `${this.reference}: ${describe(error)}`, {
        cause: error,
      });
    } finally {
      loaded.pool.release(sequence);
    }
  }

  async #open(engine?: LocalEngine): Promise<LoadedLocalModel> {
    this.#files ??= toFiles(this.#options.resolvePath());
    const { path, adapters } = this.#files;
    const settings =
      adapters.length === 0 ? this.#options.settings : { ...this.#options.settings, adapters };
    return (engine ?? (await loadLocalEngine())).openLocalModel(path, settings);
  }

  async #grammar(
    engine: LocalEngine,
    schema: Record<string, unknown> | undefined,
    warnings: string[],
  ): Promise<LlamaGrammar | undefined> {
    if (schema === undefined) return undefined;
    const unenforced = unenforcedSchemaKeywords(schema);
    if (unenforced.length > 0) {
      warnings.push(
        `the local engine does not enforce the JSON Schema keywords ${unenforced.join(', ')}; the output may break them`,
      );
    }
    try {
      return await engine.grammarForJsonSchema(schema);
    } catch (error) {
      warnings.push(
        `cannot constrain output to this JSON Schema (${describe(error)}); jsonSchema ignored`,
      );
      return undefined;
    }
  }

  #unsupported(mode: 'chat' | 'completion'): TunegateError {
    const other = mode === 'chat' ? 'completion' : 'chat';
    return new TunegateError(
      'INVALID_ARGUMENT',
      `${this.reference} is configured for ${other} mode only; use a ${other}-mode variant`,
    );
  }

  #aborted(signal: AbortSignal): TunegateError {
    const reason: unknown = signal.reason;
    if (reason instanceof Error && reason.name === 'TimeoutError') {
      return new TunegateError('TIMEOUT', `${this.reference}: the call timed out`, {
        isRetryable: true,
      });
    }
    return new TunegateError('ABORTED', `${this.reference}: the call was aborted`);
  }
}

function toFiles(resolved: string | LocalModelFiles): LocalModelFiles {
  return typeof resolved === 'string' ? { path: resolved, adapters: [] } : resolved;
}

/**
 * Output tokens are every token the model sampled (stop-sequence tokens included) except the
 * end-of-generation token, which is not part of the text.
 */
function toResult(
  outcome: LocalGenerationOutcome,
  sampledTokens: number,
  warnings: string[],
): GenerateResult {
  const endToken = outcome.stopReason === 'eogToken' ? 1 : 0;
  return {
    text: outcome.text,
    usage: {
      inputTokens: outcome.inputTokens,
      outputTokens: Math.max(0, sampledTokens - endToken),
      estimated: false,
    },
    finishReason: toFinishReason(outcome.stopReason),
    rawFinishReason: outcome.stopReason,
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

function toFinishReason(stopReason: string): FinishReason {
  switch (stopReason) {
    case 'eogToken':
    case 'stopGenerationTrigger':
    case 'customStopTrigger':
    case 'stopSequence':
      return 'stop';
    case 'maxTokens':
      return 'length';
    default:
      return 'other';
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
