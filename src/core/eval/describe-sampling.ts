import type { SamplingOptions } from '../../spec/sampling-options.js';

const unset = '–';

/**
 * The settings a group ran at, for people, always naming the same five (temperature, top-p,
 * max tokens, penalties, seed) so arms line up; `–` is unset (the provider's default). Top-k,
 * repeat penalty and stop sequences are named when set.
 */
export function describeSampling(options: SamplingOptions): string {
  const value = (number: number | undefined) => (number === undefined ? unset : String(number));
  const parts = [
    `temperature ${value(options.temperature)}`,
    `top-p ${value(options.topP)}`,
    `max tokens ${value(options.maxTokens)}`,
    `frequency penalty ${value(options.frequencyPenalty)}`,
    `presence penalty ${value(options.presencePenalty)}`,
    `seed ${value(options.seed)}`,
  ];
  if (options.topK !== undefined) parts.push(`top-k ${options.topK}`);
  if (options.repeatPenalty !== undefined) parts.push(`repeat penalty ${options.repeatPenalty}`);
  if (options.stop !== undefined && options.stop.length > 0) {
    parts.push(`stop ${options.stop.map((stop) => JSON.stringify(stop)).join(' ')}`);
  }
  return parts.join(', ');
}
