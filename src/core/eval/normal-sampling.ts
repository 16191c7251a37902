import type { SamplingOptions } from '../../spec/sampling-options.js';
import { samplingNumberKeys } from './sampling-points.js';

const numericKeys = samplingNumberKeys;

/**
 * Values that switch a setting off: unset and set to this sample alike (no nucleus cut, no
 * penalty). Temperature, top-k, max tokens and seed have no such value (providers' defaults
 * differ, and an unset seed is a random one), so for them unset and any value differ.
 */
const neutral: Partial<Record<(typeof numericKeys)[number], number>> = {
  topP: 1,
  frequencyPenalty: 0,
  presencePenalty: 0,
  repeatPenalty: 1,
};

/**
 * The sampling a call effectively ran at, in one spelling: unset and neutral values dropped,
 * stop sequences de-duplicated and sorted (their order does not change where output stops),
 * keys in a fixed order.
 */
export function normalSampling(options: SamplingOptions): SamplingOptions {
  const normal: SamplingOptions = {};
  for (const key of numericKeys) {
    const value = options[key];
    if (value === undefined || value === neutral[key]) continue;
    normal[key] = value;
  }
  if (options.stop !== undefined && options.stop.length > 0) {
    normal.stop = [...new Set(options.stop)].sort();
  }
  return normal;
}

/** Whether two sampling settings sample alike (see `normalSampling`). */
export function sameSampling(a: SamplingOptions, b: SamplingOptions): boolean {
  return JSON.stringify(normalSampling(a)) === JSON.stringify(normalSampling(b));
}

/** How `stored` differs from `wanted`, key by key: `maxTokens 8, not 16; seed unset, not 1`. */
export function samplingDifference(stored: SamplingOptions, wanted: SamplingOptions): string {
  const a = normalSampling(stored);
  const b = normalSampling(wanted);
  const show = (value: unknown) => (value === undefined ? 'unset' : JSON.stringify(value));
  const parts: string[] = [];
  for (const key of [...numericKeys, 'stop'] as const) {
    if (JSON.stringify(a[key]) === JSON.stringify(b[key])) continue;
    parts.push(`${key} ${show(stored[key])}, not ${show(wanted[key])}`);
  }
  return parts.join('; ');
}
