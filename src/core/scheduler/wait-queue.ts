/** An entry of a WaitQueue; `queued` is owned by the queue. */
export interface Queued {
  queued: boolean;
}

/**
 * FIFO queue of waiters with O(1) push, shift and removal. Removal (an aborted waiter) only marks
 * the entry; marked entries are skipped when they reach the head. Avoids `Array.shift`, which is
 * linear on the 100,000-entry queues a large run can build.
 */
export class WaitQueue<T extends Queued> {
  #items: (T | undefined)[] = [];
  #head = 0;
  #size = 0;

  /** Entries still waiting (removed ones excluded). */
  get size(): number {
    return this.#size;
  }

  push(item: T): void {
    item.queued = true;
    this.#items.push(item);
    this.#size++;
  }

  /** The oldest waiting entry, without taking it. */
  peek(): T | undefined {
    while (this.#head < this.#items.length) {
      const item = this.#items[this.#head];
      if (item?.queued) return item;
      this.#items[this.#head] = undefined;
      this.#head++;
    }
    this.#reset();
    return undefined;
  }

  shift(): T | undefined {
    const item = this.peek();
    if (item === undefined) return undefined;
    item.queued = false;
    this.#items[this.#head] = undefined;
    this.#head++;
    this.#size--;
    if (this.#size === 0) this.#reset();
    else if (this.#head > 1024 && this.#head * 2 > this.#items.length) this.#compact();
    return item;
  }

  /** Removes a waiting entry; false when it had already left the queue. */
  remove(item: T): boolean {
    if (!item.queued) return false;
    item.queued = false;
    this.#size--;
    if (this.#size === 0) this.#reset();
    return true;
  }

  /** Takes every waiting entry, oldest first. */
  drain(): T[] {
    const waiting: T[] = [];
    for (let item = this.shift(); item !== undefined; item = this.shift()) waiting.push(item);
    return waiting;
  }

  #reset(): void {
    this.#items = [];
    this.#head = 0;
  }

  #compact(): void {
    this.#items = this.#items.slice(this.#head);
    this.#head = 0;
  }
}
