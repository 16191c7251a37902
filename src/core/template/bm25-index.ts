import { tokenizeWords as wordTokens } from '../metrics/tokenize-words.js';

export interface Bm25Hit {
  index: number;
  score: number;
}

const k1 = 1.2;
const b = 0.75;
/** Above this many hits a full sort beats insertion into a short list. */
const smallLimit = 32;

function terms(text: string): string[] {
  return wordTokens(text.toLowerCase());
}

/** The documents holding one term, with that term's BM25 weight in each. */
interface Postings {
  indexes: Int32Array;
  weights: Float64Array;
}

/**
 * Okapi BM25 over lower-cased Unicode word tokens, with the non-negative idf
 * ln(1 + (N - n + 0.5) / (n + 0.5)). A query term counts once however often it repeats.
 * A term's weight in a document does not depend on the query, so it is computed once here
 * and scoring a query only adds weights.
 */
export class Bm25Index {
  readonly size: number;
  readonly #postings = new Map<string, Postings>();

  constructor(documents: string[]) {
    this.size = documents.length;
    const counted = documents.map((document) => {
      const tokens = terms(document);
      const counts = new Map<string, number>();
      for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
      return { length: tokens.length, counts };
    });
    const averageLength = counted.reduce((sum, { length }) => sum + length, 0) / (this.size || 1);

    const raw = new Map<string, { indexes: number[]; frequencies: number[] }>();
    counted.forEach(({ counts }, index) => {
      for (const [term, frequency] of counts) {
        let entry = raw.get(term);
        if (!entry) {
          entry = { indexes: [], frequencies: [] };
          raw.set(term, entry);
        }
        entry.indexes.push(index);
        entry.frequencies.push(frequency);
      }
    });
    for (const [term, { indexes, frequencies }] of raw) {
      const idf = Math.log(1 + (this.size - indexes.length + 0.5) / (indexes.length + 0.5));
      const weights = new Float64Array(indexes.length);
      indexes.forEach((index, position) => {
        const frequency = frequencies[position] as number;
        // averageLength > 0 here: this document holds the term, so it has tokens.
        const length = (counted[index] as { length: number }).length;
        const norm = k1 * (1 - b + (b * length) / averageLength);
        weights[position] = (idf * frequency * (k1 + 1)) / (frequency + norm);
      });
      this.#postings.set(term, { indexes: Int32Array.from(indexes), weights });
    }
  }

  /** Scores every document against the query; zero for documents sharing no term. */
  scores(query: string): Float64Array {
    const scores = new Float64Array(this.size);
    for (const term of new Set(terms(query))) {
      const postings = this.#postings.get(term);
      if (!postings) continue;
      const { indexes, weights } = postings;
      for (let position = 0; position < indexes.length; position++) {
        const index = indexes[position] as number;
        scores[index] = (scores[index] as number) + (weights[position] as number);
      }
    }
    return scores;
  }

  /**
   * The k best documents, by score descending then index ascending. Documents with score
   * zero are included after the matches, so callers always get min(k, size) hits.
   */
  search(query: string, k: number): Bm25Hit[] {
    const scores = this.scores(query);
    const limit = Math.min(Math.max(0, Math.floor(k)), this.size);
    if (limit > smallLimit) {
      const hits = Array.from(scores, (score, index) => ({ index, score }));
      hits.sort((left, right) => right.score - left.score || left.index - right.index);
      return hits.slice(0, limit);
    }
    // Few hits wanted (the few-shot case): keep a short sorted list instead of sorting all.
    const hits: Bm25Hit[] = [];
    for (let index = 0; index < scores.length && limit > 0; index++) {
      const score = scores[index] as number;
      // Indexes arrive in ascending order, so an equal score never displaces an earlier hit.
      if (hits.length === limit && score <= (hits[limit - 1] as Bm25Hit).score) continue;
      let position = hits.length;
      while (position > 0 && (hits[position - 1] as Bm25Hit).score < score) position--;
      hits.splice(position, 0, { index, score });
      if (hits.length > limit) hits.pop();
    }
    return hits;
  }
}
