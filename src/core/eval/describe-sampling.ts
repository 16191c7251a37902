import type { SamplingOptions } from '../../spec/sampling-options.js';

const unset = '–';

/**
 * The settings a group ran at, for people, always naming the same five (temperature, top-p,
 * max tokens, penalties, seed) so arms line up; `–` is unset (the provider's default). Top-k,
 * repeat penalty and stop sequences are named when set. `leaveOut` drops settings named
 * elsewhere (the axes a sweep varies).
 */
export function describeSampling(
  options: SamplingOptions,
  leaveOut: readonly (keyof SamplingOptions)[] = [],
): string {
  const value = (number: number | undefined) => (number === undefined ? unset : String(number));
  const named: [keyof SamplingOptions, string][] = [
    ['temperature', `temperature ${value(options.temperature)}`],
    ['topP', `top-p ${value(options.topP)}`],
    ['maxTokens', `max tokens ${value(options.maxTokens)}`],
    ['frequencyPenalty', `frequency penalty ${value(options.frequencyPenalty)}`],
    ['presencePenalty', `presence penalty ${value(options.presencePenalty)}`],
    ['seed', `seed ${value(options.seed)}`],
  ];
  const parts = named.filter(([key]) => !leaveOut.includes(key)).map(([, text]) => text);
  if (options.topK !== undefined) parts.push(`top-k ${options.topK}`);
  if (options.repeatPenalty !== undefined) parts.push(`repeat penalty ${options.repeatPenalty}`);
  if (options.stop !== undefined && options.stop.length > 0) {
    parts.push(`stop ${options.stop.map((stop) => JSON.stringify(stop)).join(' ')}`);
  }
  return parts.join(', ');
}
