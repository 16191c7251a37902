import {
  buildNgramLevels,
  buildTokenCorpus,
  type NgramLevel,
  ngramTotal,
  type TokenCorpus,
} from './ngram-levels.js';

/**
 * N-gram diversity score: Σ_{n=1}^{4} distinct n-grams ÷ total n-grams of ONE sequence made of
 * all outputs' tokens (`tokenizeWords`) concatenated in order. Unlike distinct-n, n-grams here
 * may cross from one output into the next. In [0, 4]; 4 means no n-gram repeats. An order with
 * no n-grams adds 0, so no tokens at all gives 0.
 */
export function ngramDiversity(outputs: readonly string[], maxN = 4): number {
  return ngramDiversityOfCorpus(buildTokenCorpus(outputs), maxN);
}

/** The same score from an already tokenised corpus. */
export function ngramDiversityOfCorpus(corpus: TokenCorpus, maxN = 4): number {
  const joined = concatenate(corpus.sequences);
  const levels = buildNgramLevels(
    { sequences: [joined], vocabularySize: corpus.vocabularySize },
    maxN,
  );
  return levels.reduce((score, level: NgramLevel) => {
    const total = ngramTotal(level);
    return total === 0 ? score : score + level.distinctCount / total;
  }, 0);
}

function concatenate(sequences: readonly Int32Array[]): Int32Array {
  let length = 0;
  for (const sequence of sequences) length += sequence.length;
  const joined = new Int32Array(length);
  let offset = 0;
  for (const sequence of sequences) {
    joined.set(sequence, offset);
    offset += sequence.length;
  }
  return joined;
}
