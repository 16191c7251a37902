import {
  type FinishReason as AiSdkFinishReason,
  type LanguageModel as AiSdkModelOrId,
  type CallWarning,
  generateText,
  type JSONSchema7,
  type JSONValue,
  jsonSchema,
  type LanguageModelUsage,
  NoObjectGeneratedError,
  Output,
} from 'ai';
import type { FinishReason } from '../spec/finish-reason.js';
import type { GenerateRequest, GenerateResult, LanguageModel } from '../spec/language-model.js';
import type { Prompt } from '../spec/prompt.js';
import { TunegateError } from '../spec/tunegate-error.js';
import { estimateTokens } from './estimate-tokens.js';
import type { RawCompletionFetch } from './raw-completion-fetch.js';
import { type SamplingMapper, standardSamplingMapper } from './sampling-mapper.js';
import { toProviderCallError } from './to-provider-call-error.js';

/** A model object from an AI SDK provider package (never a gateway id string). */
export type AiSdkModel = Exclude<AiSdkModelOrId, string>;

type ProviderOptions = Record<string, Record<string, JSONValue>>;

// Warnings travel in each result; the SDK's own console logging would repeat them per call.
globalThis.AI_SDK_LOG_WARNINGS ??= false;

/** We never send tools, yet the SDK warns that completion models ignore its default toolChoice. */
const toolFeatures = new Set(['tools', 'toolChoice']);

export interface AiSdkLanguageModelOptions {
  reference: string;
  provider: string;
  modelId: string;
  chatModel?: AiSdkModel | undefined;
  /** The legacy completion endpoint, with the fetch that sends its prompt verbatim. */
  completion?: { model: AiSdkModel; rawFetch: RawCompletionFetch } | undefined;
  mapSampling?: SamplingMapper | undefined;
  /** Present when the chat endpoint can constrain output to a JSON Schema. */
  structuredOutput?:
    | { providerOptions?: (schema: Record<string, unknown>) => ProviderOptions }
    | undefined;
  /** Strips credentials from error text; it closes over the key, so it is never a property. */
  redact?: ((text: string) => string) | undefined;
}

/**
 * Adapts an AI SDK model to our `LanguageModel`. The SDK model lives in private fields so it
 * never shows in JSON or inspection; retries are off because our scheduler owns them.
 */
export class AiSdkLanguageModel implements LanguageModel {
  readonly reference: string;
  readonly provider: string;
  readonly modelId: string;
  readonly supportsCompletionMode: boolean;
  readonly #options: AiSdkLanguageModelOptions;

  constructor(options: AiSdkLanguageModelOptions) {
    this.reference = options.reference;
    this.provider = options.provider;
    this.modelId = options.modelId;
    this.supportsCompletionMode = options.completion !== undefined;
    this.#options = options;
  }

  async generate(request: GenerateRequest): Promise<GenerateResult> {
    const { prompt, abortSignal } = request;
    const mapSampling = this.#options.mapSampling ?? standardSamplingMapper;
    const mapped = mapSampling(request.sampling, this.provider);
    const warnings = [...mapped.warnings];
    let providerOptions = mapped.providerOptions;
    const common = {
      maxRetries: 0,
      ...mapped.settings,
      ...(abortSignal === undefined ? {} : { abortSignal }),
    };
    const promptText = textOf(prompt);
    try {
      if (prompt.mode === 'chat') {
        const model = this.#options.chatModel;
        if (model === undefined) throw this.#unsupported('chat');
        const structured = this.#options.structuredOutput;
        const schema = request.jsonSchema;
        if (schema !== undefined && structured === undefined) {
          warnings.push(
            `${this.provider} cannot constrain output to a JSON Schema; jsonSchema ignored`,
          );
        }
        if (schema !== undefined && structured !== undefined) {
          providerOptions = mergeProviderOptions(
            providerOptions,
            structured.providerOptions?.(schema),
          );
          const result = await generateText({
            model,
            messages: prompt.messages,
            allowSystemInMessages: true,
            output: Output.object({ schema: jsonSchema(schema as JSONSchema7) }),
            ...common,
            ...(providerOptions === undefined ? {} : { providerOptions }),
          });
          return toResult(result, promptText, warnings);
        }
        const result = await generateText({
          model,
          messages: prompt.messages,
          allowSystemInMessages: true,
          ...common,
          ...(providerOptions === undefined ? {} : { providerOptions }),
        });
        return toResult(result, promptText, warnings);
      }
      const completion = this.#options.completion;
      if (completion === undefined) throw this.#unsupported('completion');
      if (request.jsonSchema !== undefined) {
        warnings.push(
          'completion mode cannot constrain output to a JSON Schema; jsonSchema ignored',
        );
      }
      const call = completion.rawFetch.register(prompt.text, request.sampling.stop);
      try {
        const result = await generateText({
          model: completion.model,
          prompt: prompt.text,
          headers: call.headers,
          ...common,
          ...(providerOptions === undefined ? {} : { providerOptions }),
        });
        return toResult(result, promptText, warnings);
      } finally {
        call.release();
      }
    } catch (error) {
      if (NoObjectGeneratedError.isInstance(error) && error.text !== undefined) {
        // The model answered but not with parseable JSON: the task's checks judge that.
        const reason = error.message.replace(/^No object generated:\s*/, '');
        warnings.push(`the output does not satisfy the requested JSON Schema: ${reason}`);
        return toResult(
          {
            text: error.text,
            usage: error.usage,
            finishReason: error.finishReason,
            rawFinishReason: undefined,
            warnings: undefined,
          },
          promptText,
          warnings,
        );
      }
      throw toProviderCallError(error, {
        reference: this.reference,
        redact: this.#options.redact ?? ((text) => text),
        abortSignal,
      });
    }
  }

  #unsupported(mode: 'chat' | 'completion'): TunegateError {
    const other = mode === 'chat' ? 'completion' : 'chat';
    return new TunegateError(
      'INVALID_ARGUMENT',
      `${this.reference} is not available in ${mode} mode; use a ${other}-mode variant or another model`,
    );
  }
}

interface SdkResult {
  text: string;
  usage: LanguageModelUsage | undefined;
  finishReason: AiSdkFinishReason | undefined;
  rawFinishReason: string | undefined;
  warnings: CallWarning[] | undefined;
}

function toResult(result: SdkResult, promptText: string, warnings: string[]): GenerateResult {
  // Some providers (Ollama without eval counts) report 0 where they mean "unknown".
  const inputTokens = reported(result.usage?.inputTokens, promptText);
  const outputTokens = reported(result.usage?.outputTokens, result.text);
  const sdkWarnings = (result.warnings ?? []).filter(
    (warning) => !('feature' in warning && toolFeatures.has(warning.feature)),
  );
  const allWarnings = [...warnings, ...sdkWarnings.map(describeWarning)];
  return {
    text: result.text,
    usage: {
      inputTokens: inputTokens ?? estimateTokens(promptText),
      outputTokens: outputTokens ?? estimateTokens(result.text),
      ...(inputTokens === undefined || outputTokens === undefined ? { estimated: true } : {}),
    },
    finishReason: toFinishReason(result.finishReason),
    ...(result.rawFinishReason === undefined ? {} : { rawFinishReason: result.rawFinishReason }),
    ...(allWarnings.length > 0 ? { warnings: allWarnings } : {}),
  };
}

function reported(tokens: number | undefined, text: string): number | undefined {
  return tokens === 0 && text !== '' ? undefined : tokens;
}

function toFinishReason(reason: AiSdkFinishReason | undefined): FinishReason {
  switch (reason) {
    case 'stop':
    case 'length':
    case 'content-filter':
    case 'error':
      return reason;
    default:
      // tool-calls, interrupted and unknown reasons have no equivalent of ours.
      return 'other';
  }
}

function describeWarning(warning: CallWarning): string {
  switch (warning.type) {
    case 'unsupported':
    case 'compatibility':
      return `${warning.type}: ${warning.feature}${warning.details ? ` (${warning.details})` : ''}`;
    case 'deprecated':
      return `deprecated: ${warning.setting}: ${warning.message}`;
    default:
      return warning.message;
  }
}

function textOf(prompt: Prompt): string {
  return prompt.mode === 'chat'
    ? prompt.messages.map((message) => message.content).join('\n')
    : prompt.text;
}

function mergeProviderOptions(
  first: ProviderOptions | undefined,
  second: ProviderOptions | undefined,
): ProviderOptions | undefined {
  if (first === undefined) return second;
  if (second === undefined) return first;
  const merged: ProviderOptions = { ...first };
  for (const [provider, options] of Object.entries(second)) {
    merged[provider] = { ...merged[provider], ...options };
  }
  return merged;
}
