type TypedArray = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

interface TypedArrayConstructor<T extends TypedArray> {
  new (length: number): T;
}

/**
 * A typed array that doubles when full: per-row facts for a million rows cost bytes, not
 * objects. `width` values per row (e.g. a 64-value MinHash signature).
 */
export class GrowableArray<T extends TypedArray> {
  readonly #create: TypedArrayConstructor<T>;
  readonly width: number;
  #values: T;
  #length = 0;

  constructor(create: TypedArrayConstructor<T>, width = 1, initialRows = 1024) {
    this.#create = create;
    this.width = width;
    this.#values = new create(initialRows * width);
  }

  /** Rows stored. */
  get length(): number {
    return this.#length;
  }

  /** Appends a zeroed row and returns its index; write it through `values` at `index * width`. */
  addRow(): number {
    if ((this.#length + 1) * this.width > this.#values.length) this.#grow();
    this.#length += 1;
    return this.#length - 1;
  }

  /** Drops the last row (e.g. one that turned out not to be needed). */
  removeLast(): void {
    if (this.#length > 0) this.#length -= 1;
  }

  /** Makes room for `rows` rows in total without further copies. */
  reserve(rows: number): void {
    if (rows * this.width <= this.#values.length) return;
    const next = new this.#create(rows * this.width);
    next.set(this.#values);
    this.#values = next;
  }

  push(value: number): number {
    const index = this.addRow();
    this.#values[index * this.width] = value;
    return index;
  }

  get(index: number, offset = 0): number {
    return this.#values[index * this.width + offset] as number;
  }

  set(index: number, value: number, offset = 0): void {
    this.#values[index * this.width + offset] = value;
  }

  /** The backing store; only the first `length * width` values are meaningful. */
  get values(): T {
    return this.#values;
  }

  /** A right-sized view of the stored rows (no copy). */
  view(): T {
    return this.#values.subarray(0, this.#length * this.width) as T;
  }

  #grow(): void {
    const next = new this.#create(Math.max(this.width, this.#values.length * 2));
    next.set(this.#values);
    this.#values = next;
  }
}
