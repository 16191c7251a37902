import { PairInterner } from './pair-interner.js';
import { tokenizeWords } from './tokenize-words.js';

/** Outputs as sequences of integer token ids, tokenised once with `tokenizeWords`. */
export interface TokenCorpus {
  sequences: Int32Array[];
  vocabularySize: number;
}

/**
 * The n-grams of order n of every sequence, as integer ids: `sequences[i][j]` is the id of the
 * n-gram that starts at token j of sequence i. Equal n-grams get equal ids across sequences,
 * and ids run from 0 to `distinctCount − 1`. N-grams never cross sequence boundaries.
 */
export interface NgramLevel {
  n: number;
  sequences: Int32Array[];
  distinctCount: number;
}

export function buildTokenCorpus(outputs: readonly string[]): TokenCorpus {
  const vocabulary = new Map<string, number>();
  const sequences = outputs.map((output) => {
    const tokens = tokenizeWords(output);
    const ids = new Int32Array(tokens.length);
    for (let index = 0; index < tokens.length; index += 1) {
      const token = tokens[index] as string;
      let id = vocabulary.get(token);
      if (id === undefined) {
        id = vocabulary.size;
        vocabulary.set(token, id);
      }
      ids[index] = id;
    }
    return ids;
  });
  return { sequences, vocabularySize: vocabulary.size };
}

/**
 * Levels 1..maxN. Level n is built from level n−1: an n-gram is (its first n−1 tokens, its last
 * token), so its id is interned from the pair (id at level n−1, token id): integer pairs
 * rather than strings, and the whole build O(total tokens × maxN).
 */
export function buildNgramLevels(corpus: TokenCorpus, maxN: number): NgramLevel[] {
  if (!Number.isInteger(maxN) || maxN < 1) {
    throw new RangeError(`maxN must be an integer >= 1, got ${maxN}`);
  }
  const levels: NgramLevel[] = [
    { n: 1, sequences: corpus.sequences, distinctCount: corpus.vocabularySize },
  ];
  for (let n = 2; n <= maxN; n += 1) {
    levels.push(extendLevel(levels[levels.length - 1] as NgramLevel, corpus));
  }
  return levels;
}

function extendLevel(previous: NgramLevel, corpus: TokenCorpus): NgramLevel {
  const n = previous.n + 1;
  let maximumPairs = 0;
  for (const tokens of corpus.sequences) maximumPairs += Math.max(0, tokens.length - n + 1);
  const interner = new PairInterner(maximumPairs);
  const sequences = corpus.sequences.map((tokens, sequenceIndex) => {
    const prefixes = previous.sequences[sequenceIndex] as Int32Array;
    const count = Math.max(0, tokens.length - n + 1);
    const level = new Int32Array(count);
    for (let start = 0; start < count; start += 1) {
      level[start] = interner.intern(prefixes[start] as number, tokens[start + n - 1] as number);
    }
    return level;
  });
  return { n, sequences, distinctCount: interner.size };
}

/** Total number of n-grams in a level. */
export function ngramTotal(level: NgramLevel): number {
  let total = 0;
  for (const sequence of level.sequences) total += sequence.length;
  return total;
}
