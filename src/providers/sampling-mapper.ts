import type { JSONValue, LanguageModelCallOptions } from 'ai';
import type { SamplingOptions } from '../spec/sampling-options.js';

/** What one provider's call takes from our sampling options. */
export interface MappedSampling {
  settings: LanguageModelCallOptions;
  providerOptions?: Record<string, Record<string, JSONValue>>;
  /** Settings the provider cannot honour, said in words. */
  warnings: string[];
}

export type SamplingMapper = (sampling: SamplingOptions, provider: string) => MappedSampling;

/** The AI SDK's standard call settings; repeat penalty has no standard name, so it is dropped. */
export const standardSamplingMapper: SamplingMapper = (sampling, provider) => {
  const settings: LanguageModelCallOptions = {};
  if (sampling.temperature !== undefined) settings.temperature = sampling.temperature;
  if (sampling.topP !== undefined) settings.topP = sampling.topP;
  if (sampling.topK !== undefined) settings.topK = sampling.topK;
  if (sampling.maxTokens !== undefined) settings.maxOutputTokens = sampling.maxTokens;
  if (sampling.stop !== undefined && sampling.stop.length > 0) {
    settings.stopSequences = sampling.stop;
  }
  if (sampling.seed !== undefined) settings.seed = sampling.seed;
  if (sampling.frequencyPenalty !== undefined) {
    settings.frequencyPenalty = sampling.frequencyPenalty;
  }
  if (sampling.presencePenalty !== undefined) settings.presencePenalty = sampling.presencePenalty;
  const warnings =
    sampling.repeatPenalty === undefined
      ? []
      : [`repeatPenalty is not supported by ${provider}; ignored`];
  return { settings, warnings };
};

/**
 * Ollama reads sampling from its `options` object (num_predict, top_k, seed, stop,
 * repeat_penalty); the AI SDK provider only forwards that through provider options.
 */
export const ollamaSamplingMapper: SamplingMapper = (sampling, provider) => {
  const options: Record<string, JSONValue> = {};
  if (sampling.temperature !== undefined) options.temperature = sampling.temperature;
  if (sampling.topP !== undefined) options.top_p = sampling.topP;
  if (sampling.topK !== undefined) options.top_k = sampling.topK;
  if (sampling.maxTokens !== undefined) options.num_predict = sampling.maxTokens;
  if (sampling.stop !== undefined && sampling.stop.length > 0) options.stop = sampling.stop;
  if (sampling.seed !== undefined) options.seed = sampling.seed;
  if (sampling.repeatPenalty !== undefined) options.repeat_penalty = sampling.repeatPenalty;
  const warnings: string[] = [];
  if (sampling.frequencyPenalty !== undefined) {
    warnings.push(`frequencyPenalty is not supported by ${provider}; ignored`);
  }
  if (sampling.presencePenalty !== undefined) {
    warnings.push(`presencePenalty is not supported by ${provider}; ignored`);
  }
  return { settings: {}, providerOptions: { ollama: { options } }, warnings };
};
