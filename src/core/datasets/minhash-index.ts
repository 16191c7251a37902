import { GrowableArray } from './growable-array.js';
import { MinHasher, type MinHashOptions } from './minhasher.js';
import { sortIndicesByKey } from './radix-sort.js';
import { mix32 } from './string-hash.js';

export interface MinHashIndexOptions extends MinHashOptions {
  /** LSH bands (default 16); permutations / bands values per band. */
  bands?: number;
  /** Texts expected: storage for them is allocated once, not grown by copying. */
  expectedSize?: number;
}

/**
 * Signatures of many texts in one typed array (64 values of 4 bytes per text: a million
 * texts take 256 MB and no objects), with locality-sensitive hashing over bands: texts whose
 * signatures agree on every value of some band land in the same bucket and become candidates.
 * Candidates are found in batch by sorting each band's keys, not with per-bucket maps.
 */
export class MinHashIndex {
  readonly hasher: MinHasher;
  readonly bands: number;
  readonly rowsPerBand: number;
  readonly #signatures: GrowableArray<Uint32Array>;
  /** The caller's id of each indexed text (e.g. its row in the file). */
  readonly #ids = new GrowableArray(Uint32Array);

  constructor(options: MinHashIndexOptions = {}) {
    this.hasher = new MinHasher(options);
    this.bands = options.bands ?? 16;
    this.rowsPerBand = Math.floor(this.hasher.permutations / this.bands);
    if (this.rowsPerBand < 1) {
      throw new RangeError(`${this.bands} bands need at least as many permutations`);
    }
    this.#signatures = new GrowableArray(Uint32Array, this.hasher.permutations);
    if (options.expectedSize !== undefined) {
      this.#signatures.reserve(options.expectedSize);
      this.#ids.reserve(options.expectedSize);
    }
  }

  get size(): number {
    return this.#ids.length;
  }

  /** Indexes `text` under `id`; a text without words is not indexed (returns false). */
  add(id: number, text: string): boolean {
    // Written straight into the store; a text without words gives the row back.
    const row = this.#signatures.addRow();
    const shingles = this.hasher.signature(
      text,
      this.#signatures.values,
      row * this.hasher.permutations,
    );
    if (shingles === 0) {
      this.#signatures.removeLast();
      return false;
    }
    this.#ids.push(id);
    return true;
  }

  idOf(row: number): number {
    return this.#ids.get(row);
  }

  /** Estimated Jaccard similarity: the share of signature positions that agree. */
  similarity(left: number, right: number): number {
    const width = this.hasher.permutations;
    const values = this.#signatures.values;
    const leftStart = left * width;
    const rightStart = right * width;
    let equal = 0;
    for (let index = 0; index < width; index += 1) {
      if (values[leftStart + index] === values[rightStart + index]) equal += 1;
    }
    return equal / width;
  }

  /**
   * Calls `visit` once per band for every bucket holding two or more texts, with the index
   * rows of the bucket in ascending order (`order[start..end)`).
   */
  forEachBucket(visit: (order: Uint32Array, start: number, end: number) => void): void {
    const count = this.size;
    const keys = new Uint32Array(count);
    const width = this.hasher.permutations;
    const values = this.#signatures.values;
    for (let band = 0; band < this.bands; band += 1) {
      const bandStart = band * this.rowsPerBand;
      for (let row = 0; row < count; row += 1) {
        let key = band;
        const base = row * width + bandStart;
        for (let index = 0; index < this.rowsPerBand; index += 1) {
          key = mix32(Math.imul(key, 0x9e3779b1) ^ (values[base + index] as number));
        }
        keys[row] = key;
      }
      const order = sortIndicesByKey(keys);
      let start = 0;
      while (start < count) {
        const key = keys[order[start] as number];
        let end = start + 1;
        while (end < count && keys[order[end] as number] === key) end += 1;
        if (end - start > 1) visit(order, start, end);
        start = end;
      }
    }
  }
}
