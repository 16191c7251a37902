import { tokenizeWords } from '../metrics/tokenize-words.js';
import { seededRandom } from '../random/seeded-random.js';
import { combineHashes, hashString } from './string-hash.js';

export interface MinHashOptions {
  /** Hash functions per signature (default 64). */
  permutations?: number;
  /** Words per shingle (default 3). */
  shingleSize?: number;
  /** Seed of the hash functions: signatures are comparable only under the same seed. */
  seed?: number;
  /** Long texts are shingled up to this many shingles (default 10,000) to bound the cost. */
  maxShingles?: number;
}

/** The largest prime below 2^32. */
const PRIME = 4_294_967_291;

/**
 * MinHash signatures of word shingles (words as `tokenizeWords` splits them, so case and
 * Unicode form do not matter). Hash function i is h_i(x) = (a_i·x + b_i) on 32-bit unsigned
 * arithmetic (`Math.imul`, a_i odd, so each is a permutation of the 32-bit values), folded
 * into [0, p) for the largest 32-bit prime p. Exact mod-p arithmetic on 62-bit products
 * needs float tricks in JavaScript and measured 2.3× slower; the shingle hashes are fully
 * mixed first, which is what makes the cheap family behave (see the estimator test).
 */
export class MinHasher {
  readonly permutations: number;
  readonly shingleSize: number;
  readonly maxShingles: number;
  readonly #multipliers: Int32Array;
  readonly #offsets: Int32Array;
  #shingles = new Int32Array(256);

  constructor(options: MinHashOptions = {}) {
    this.permutations = options.permutations ?? 64;
    this.shingleSize = options.shingleSize ?? 3;
    this.maxShingles = options.maxShingles ?? 10_000;
    const random = seededRandom(options.seed ?? 0x5eed);
    this.#multipliers = new Int32Array(this.permutations);
    this.#offsets = new Int32Array(this.permutations);
    for (let index = 0; index < this.permutations; index += 1) {
      this.#multipliers[index] = (Math.floor(random() * 0x1_0000_0000) | 1) >>> 0;
      this.#offsets[index] = Math.floor(random() * 0x1_0000_0000) >>> 0;
    }
  }

  /**
   * Writes the signature of `text` into `target` at `offset`; returns the number of shingles
   * (0 when the text has no words: the signature is then all 0xFFFFFFFF and means nothing).
   */
  signature(text: string, target: Uint32Array, offset = 0): number {
    const count = this.#shingle(text);
    const shingles = this.#shingles;
    for (let index = 0; index < this.permutations; index += 1) {
      const multiplier = this.#multipliers[index] as number;
      const add = this.#offsets[index] as number;
      let minimum = 0xffffffff;
      for (let position = 0; position < count; position += 1) {
        let value = (Math.imul(multiplier, shingles[position] as number) + add) >>> 0;
        if (value >= PRIME) value -= PRIME;
        if (value < minimum) minimum = value;
      }
      target[offset + index] = minimum;
    }
    return count;
  }

  /** Fills the shingle buffer with hashes of consecutive word runs; returns how many. */
  #shingle(text: string): number {
    const words = tokenizeWords(text);
    if (words.length === 0) return 0;
    const size = Math.min(this.shingleSize, words.length);
    const count = Math.min(words.length - size + 1, this.maxShingles);
    if (this.#shingles.length < count) this.#shingles = new Int32Array(count * 2);
    const wordHashes = new Int32Array(Math.min(words.length, count + size - 1));
    for (let index = 0; index < wordHashes.length; index += 1) {
      wordHashes[index] = hashString(words[index] as string);
    }
    for (let start = 0; start < count; start += 1) {
      let hash = wordHashes[start] as number;
      for (let next = 1; next < size; next += 1) {
        hash = combineHashes(hash, wordHashes[start + next] as number);
      }
      this.#shingles[start] = hash;
    }
    return count;
  }
}
