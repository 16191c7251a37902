import { GrowableArray } from './growable-array.js';
import { sortIndicesByKey } from './radix-sort.js';
import { fingerprint } from './string-hash.js';

export interface ExactDuplicate {
  /** The caller's id of the repeated text. */
  id: number;
  /** The caller's id of its first occurrence. */
  of: number;
}

/**
 * Exact duplicates by 64-bit fingerprint (two independent 32-bit hashes: for a million rows
 * the chance of any false match is about 3 in 100 million). Eight bytes per row, no strings
 * kept.
 */
export class ExactDuplicateFinder {
  readonly #fingerprints = new GrowableArray(Uint32Array, 2);
  readonly #ids = new GrowableArray(Uint32Array);

  reserve(rows: number): void {
    this.#fingerprints.reserve(rows);
    this.#ids.reserve(rows);
  }

  add(id: number, text: string): void {
    const [high, low] = fingerprint(text);
    const row = this.#fingerprints.addRow();
    this.#fingerprints.set(row, high, 0);
    this.#fingerprints.set(row, low, 1);
    this.#ids.push(id);
  }

  get size(): number {
    return this.#ids.length;
  }

  /** Every repeat with the first occurrence it repeats, in the order rows were added. */
  find(): ExactDuplicate[] {
    const size = this.size;
    const high = new Uint32Array(size);
    for (let row = 0; row < size; row += 1) high[row] = this.#fingerprints.get(row, 0);
    const order = sortIndicesByKey(high);
    const firstOf = new Int32Array(size).fill(-1);
    let start = 0;
    while (start < size) {
      const key = high[order[start] as number];
      let end = start + 1;
      while (end < size && high[order[end] as number] === key) end += 1;
      // Equal high halves are rare; compare low halves within the run (ascending rows).
      for (let position = start + 1; position < end; position += 1) {
        const row = order[position] as number;
        const low = this.#fingerprints.get(row, 1);
        for (let earlier = start; earlier < position; earlier += 1) {
          const candidate = order[earlier] as number;
          if (firstOf[candidate] === -1 && this.#fingerprints.get(candidate, 1) === low) {
            firstOf[row] = candidate;
            break;
          }
        }
      }
      start = end;
    }
    const found: ExactDuplicate[] = [];
    for (let row = 0; row < size; row += 1) {
      const first = firstOf[row] as number;
      if (first !== -1) found.push({ id: this.#ids.get(row), of: this.#ids.get(first) });
    }
    return found;
  }
}
