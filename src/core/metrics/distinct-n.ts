import { buildNgramLevels, buildTokenCorpus, type NgramLevel, ngramTotal } from './ngram-levels.js';

/**
 * distinct-n (Li et al., 2016) over a set of outputs: distinct n-grams ÷ total n-grams, pooled
 * over all outputs, with n-grams taken inside each output (never across two outputs) from
 * `tokenizeWords`. In [0, 1]; higher means more varied wording. With no n-grams at all (every
 * output shorter than n tokens, or no outputs) the value is 0: nothing varied was produced.
 */
export function distinctN(outputs: readonly string[], n: number): number {
  const levels = buildNgramLevels(buildTokenCorpus(outputs), n);
  return distinctNOfLevel(levels[n - 1] as NgramLevel);
}

/** distinct-n for n = 1..maxN (default 4), tokenising once. */
export function distinctNs(outputs: readonly string[], maxN = 4): number[] {
  return buildNgramLevels(buildTokenCorpus(outputs), maxN).map(distinctNOfLevel);
}

export function distinctNOfLevel(level: NgramLevel): number {
  const total = ngramTotal(level);
  return total === 0 ? 0 : level.distinctCount / total;
}
