import { GrowableArray } from './growable-array.js';
import { type DatasetProblemCode, problemCodeNumber } from './problem-catalog.js';

/**
 * A few bytes per row, indexed by record index: where the row is, whether (and why) `fix`
 * drops it, its size in tokens and the shape of its output. The file-wide checks read these
 * after the pass instead of keeping rows.
 */
export class RowFacts {
  readonly #lines = new GrowableArray(Uint32Array);
  readonly #drops = new GrowableArray(Uint8Array);
  /** The line of the row a duplicate, near-duplicate or leak points at. */
  readonly #related = new GrowableArray(Uint32Array);
  readonly #tokens = new GrowableArray(Uint32Array);
  readonly #kinds = new GrowableArray(Uint8Array);

  /** Allocates room for `rows` rows at once. */
  reserve(rows: number): void {
    this.#lines.reserve(rows);
    this.#drops.reserve(rows);
    this.#related.reserve(rows);
    this.#tokens.reserve(rows);
    this.#kinds.reserve(rows);
  }

  /** Adds the row with the next record index. */
  add(line: number): number {
    this.#drops.push(0);
    this.#related.push(0);
    this.#tokens.push(0);
    this.#kinds.push(0);
    return this.#lines.push(line);
  }

  get size(): number {
    return this.#lines.length;
  }

  line(index: number): number {
    return this.#lines.get(index);
  }

  /** Marks the row as dropped by `fix`; the first reason stays. */
  drop(index: number, code: DatasetProblemCode, relatedLine = 0): void {
    if (this.#drops.get(index) !== 0) return;
    this.#drops.set(index, problemCodeNumber(code));
    if (relatedLine !== 0) this.#related.set(index, relatedLine);
  }

  isDropped(index: number): boolean {
    return this.#drops.get(index) !== 0;
  }

  setTokens(index: number, tokens: number): void {
    this.#tokens.set(index, tokens);
  }

  setKind(index: number, kind: number): void {
    this.#kinds.set(index, kind);
  }

  /** Right-sized views for the file-wide checks and for `fix`. */
  columns(): {
    lines: Uint32Array;
    drops: Uint8Array;
    related: Uint32Array;
    tokens: Uint32Array;
    kinds: Uint8Array;
  } {
    return {
      lines: this.#lines.view(),
      drops: this.#drops.view(),
      related: this.#related.view(),
      tokens: this.#tokens.view(),
      kinds: this.#kinds.view(),
    };
  }
}
