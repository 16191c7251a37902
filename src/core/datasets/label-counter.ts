/**
 * Counts distinct outputs up to a cap: below it they may be labels (classification), past it
 * the outputs are free text and counting stops.
 */
export class LabelCounter {
  readonly #cap: number;
  readonly #ids = new Map<string, number>();
  #counts: number[] = [];
  #overflowed = false;
  #total = 0;

  constructor(cap = 1000) {
    this.#cap = cap;
  }

  /** Returns the label's id (its order of first appearance), or -1 past the cap. */
  add(label: string): number {
    this.#total += 1;
    if (this.#overflowed) return -1;
    const id = this.#ids.get(label);
    if (id !== undefined) {
      this.#counts[id] = (this.#counts[id] as number) + 1;
      return id;
    }
    if (this.#ids.size >= this.#cap) {
      this.#overflowed = true;
      this.#ids.clear();
      this.#counts = [];
      return -1;
    }
    this.#ids.set(label, this.#counts.length);
    this.#counts.push(1);
    return this.#counts.length - 1;
  }

  get overflowed(): boolean {
    return this.#overflowed;
  }

  get total(): number {
    return this.#total;
  }

  get distinct(): number {
    return this.#ids.size;
  }

  /** The labels in order of first appearance (index = id). */
  labels(): string[] {
    return [...this.#ids.keys()];
  }

  /** Labels by count, most common first (ties by label). */
  distribution(): { label: string; count: number }[] {
    return [...this.#ids]
      .map(([label, id]) => ({ label, count: this.#counts[id] as number }))
      .sort((left, right) => right.count - left.count || left.label.localeCompare(right.label));
  }
}
