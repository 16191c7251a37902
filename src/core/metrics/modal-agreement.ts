import { type NormalizeOutputOptions, normalizeOutput } from './normalize-output.js';

/**
 * Modal agreement over r repeats of one case: the share of outputs equal, after
 * `normalizeOutput`, to the most common one. 1 means every repeat said the same thing; 1/r
 * means all differed. With no outputs there is nothing to agree on: `undefined`.
 */
export function modalAgreement(
  outputs: readonly string[],
  options: NormalizeOutputOptions = {},
): number | undefined {
  if (outputs.length === 0) return undefined;
  const counts = new Map<string, number>();
  let modalCount = 0;
  for (const output of outputs) {
    const key = normalizeOutput(output, options);
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    if (count > modalCount) modalCount = count;
  }
  return modalCount / outputs.length;
}
