import { sampleIndices, seededRandom } from '../random/seeded-random.js';
import { buildNgramLevels, buildTokenCorpus, type NgramLevel } from './ngram-levels.js';

export interface SelfBleuOptions {
  /** Highest n-gram order, with uniform weights 1/maxN. Default 3. */
  maxN?: number;
  /** Above this many outputs, score a seeded sample of `cap` outputs instead. Default 5000. */
  cap?: number;
  /** Seed of the sample drawn above `cap`. Default 0. */
  seed?: number;
}

export interface SelfBleuResult {
  value: number;
  /** Outputs scored: `total`, or `cap` when a sample was drawn. Report it next to the value. */
  sampleSize: number;
  total: number;
}

export const SELF_BLEU_DEFAULT_CAP = 5000;

/** NLTK's SmoothingFunction().method1: epsilon added to the numerator of a zero precision. */
const EPSILON = 0.1;

/**
 * Self-BLEU (Zhu et al., 2018): each output in turn is the hypothesis and all the OTHER outputs
 * are its references; the sentence BLEU scores are averaged. Higher means less diverse; n
 * identical outputs of at least maxN tokens score 1. Sentence BLEU follows NLTK's
 * `sentence_bleu` with `method1` smoothing:
 *
 * - p_n = Σ_g min(count_hyp(g), max over references count_ref(g)) ÷ max(1, hypothesis n-grams),
 *   and a p_n whose numerator is 0 becomes 0.1 ÷ max(1, hypothesis n-grams) (so a hypothesis
 *   shorter than n tokens gets p_n = 0.1, as in NLTK);
 * - a hypothesis with no matching unigram (or no tokens) scores 0;
 * - brevity penalty exp(1 − ref/hyp) when hyp ≤ ref, with ref the reference length closest to
 *   the hypothesis length (ties go to the shorter one);
 * - BLEU = BP · exp(Σ_n log(p_n) / maxN).
 *
 * Tokens come from `tokenizeWords`. Fewer than 2 outputs: `undefined` (no references).
 *
 * Above `cap` outputs a seeded sample of `cap` outputs is scored among itself, which bounds
 * time and memory. Self-BLEU grows with the number of references, so compare sets at the same
 * sample size.
 */
export function selfBleu(
  outputs: readonly string[],
  options: SelfBleuOptions = {},
): SelfBleuResult | undefined {
  const maxN = options.maxN ?? 3;
  const cap = options.cap ?? SELF_BLEU_DEFAULT_CAP;
  if (!(cap >= 2) || !(Number.isInteger(cap) || cap === Number.POSITIVE_INFINITY)) {
    throw new RangeError(`cap must be an integer >= 2 or Infinity, got ${cap}`);
  }
  if (outputs.length < 2) return undefined;
  const sampled =
    outputs.length > cap
      ? sampleIndices(seededRandom(options.seed ?? 0), outputs.length, cap).map(
          (index) => outputs[index] as string,
        )
      : outputs;
  const levels = buildNgramLevels(buildTokenCorpus(sampled), maxN);
  return { value: selfBleuOfLevels(levels), sampleSize: sampled.length, total: outputs.length };
}

/**
 * Exact self-BLEU from prebuilt levels 1..maxN (maxN = levels.length), in O(total n-grams):
 * for each n-gram the largest count over all outputs, how many outputs hold it and the second
 * largest count give "max over the others" for every hypothesis without comparing pairs.
 */
export function selfBleuOfLevels(levels: readonly NgramLevel[]): number {
  const unigrams = levels[0];
  if (unigrams === undefined) throw new RangeError('self-BLEU needs at least the unigram level');
  const outputCount = unigrams.sequences.length;
  if (outputCount < 2) throw new RangeError('self-BLEU needs at least 2 outputs');
  const lengths = unigrams.sequences.map((sequence) => sequence.length);
  const logPrecisionSums = new Float64Array(outputCount);
  const unigramMatches = new Float64Array(outputCount);
  for (const level of levels) {
    const clipped = clippedCounts(level);
    for (let index = 0; index < outputCount; index += 1) {
      const matches = clipped[index] as number;
      const denominator = Math.max(1, (lengths[index] as number) - level.n + 1);
      const precision = matches > 0 ? matches / denominator : EPSILON / denominator;
      logPrecisionSums[index] = (logPrecisionSums[index] as number) + Math.log(precision);
      if (level.n === 1) unigramMatches[index] = matches;
    }
  }
  const closest = closestOtherLengths(lengths);
  let sum = 0;
  for (let index = 0; index < outputCount; index += 1) {
    if (unigramMatches[index] === 0) continue;
    const hypothesisLength = lengths[index] as number;
    const reference = closest[index] as number;
    const brevity = hypothesisLength > reference ? 1 : Math.exp(1 - reference / hypothesisLength);
    sum += brevity * Math.exp((logPrecisionSums[index] as number) / levels.length);
  }
  return sum / outputCount;
}

/** Per output: Σ_g min(own count of g, max count of g over the other outputs). */
function clippedCounts(level: NgramLevel): Float64Array {
  const distinct = level.distinctCount;
  const scratch = new Int32Array(distinct);
  const runOffsets = new Int32Array(level.sequences.length + 1);
  let totalGrams = 0;
  for (const sequence of level.sequences) totalGrams += sequence.length;
  const runIds = new Int32Array(totalGrams);
  const runCounts = new Int32Array(totalGrams);
  const best = new Int32Array(distinct);
  const bestHolders = new Int32Array(distinct);
  const second = new Int32Array(distinct);
  let runs = 0;
  level.sequences.forEach((sequence, index) => {
    runOffsets[index] = runs;
    const first = runs;
    for (const id of sequence) {
      if (scratch[id] === 0) runIds[runs++] = id;
      scratch[id] = (scratch[id] as number) + 1;
    }
    for (let run = first; run < runs; run += 1) {
      const id = runIds[run] as number;
      const count = scratch[id] as number;
      runCounts[run] = count;
      scratch[id] = 0;
      const top = best[id] as number;
      if (count > top) {
        second[id] = top;
        best[id] = count;
        bestHolders[id] = 1;
      } else if (count === top) {
        bestHolders[id] = (bestHolders[id] as number) + 1;
      } else if (count > (second[id] as number)) {
        second[id] = count;
      }
    }
  });
  runOffsets[level.sequences.length] = runs;
  const clipped = new Float64Array(level.sequences.length);
  for (let index = 0; index < level.sequences.length; index += 1) {
    let matches = 0;
    const end = runOffsets[index + 1] as number;
    for (let run = runOffsets[index] as number; run < end; run += 1) {
      const id = runIds[run] as number;
      const count = runCounts[run] as number;
      const top = best[id] as number;
      const othersMax = count === top && bestHolders[id] === 1 ? (second[id] as number) : top;
      matches += Math.min(count, othersMax);
    }
    clipped[index] = matches;
  }
  return clipped;
}

/** For each length, the closest length among the OTHER entries; ties go to the shorter. */
function closestOtherLengths(lengths: readonly number[]): Int32Array {
  const sorted = Int32Array.from(lengths).sort();
  const closest = new Int32Array(lengths.length);
  lengths.forEach((length, index) => {
    const lower = lowerBound(sorted, length);
    const upper = lowerBound(sorted, length + 1);
    if (upper - lower >= 2) {
      closest[index] = length;
      return;
    }
    const below = lower > 0 ? (sorted[lower - 1] as number) : undefined;
    const above = upper < sorted.length ? (sorted[upper] as number) : undefined;
    if (below === undefined) closest[index] = above as number;
    else if (above === undefined) closest[index] = below;
    else closest[index] = length - below <= above - length ? below : above;
  });
  return closest;
}

/** First position whose value is >= target. */
function lowerBound(sorted: Int32Array, target: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) < target) low = middle + 1;
    else high = middle;
  }
  return low;
}
