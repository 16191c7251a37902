interface Waiter<T> {
  resolve: (item: T) => void;
  reject: (reason: unknown) => void;
  detach: () => void;
}

/**
 * A fixed set of reusable items (context sequences) handed out first come, first served:
 * `acquire` waits while every item is in use, and an aborted waiter leaves the queue.
 */
export class SequencePool<T> {
  readonly #free: T[];
  readonly #waiters: Waiter<T>[] = [];
  readonly size: number;

  constructor(items: readonly T[]) {
    this.#free = [...items];
    this.size = items.length;
  }

  /** Calls waiting for an item. */
  get waiting(): number {
    return this.#waiters.length;
  }

  /** Items in use. */
  get active(): number {
    return this.size - this.#free.length;
  }

  acquire(signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const item = this.#free.pop();
    if (item !== undefined) return Promise.resolve(item);
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = { resolve, reject, detach: () => {} };
      if (signal !== undefined) {
        const onAbort = () => {
          const index = this.#waiters.indexOf(waiter);
          if (index === -1) return;
          this.#waiters.splice(index, 1);
          reject(signal.reason);
        };
        signal.addEventListener('abort', onAbort, { once: true });
        waiter.detach = () => signal.removeEventListener('abort', onAbort);
      }
      this.#waiters.push(waiter);
    });
  }

  /** Returns an item; the oldest waiter gets it at once. */
  release(item: T): void {
    const next = this.#waiters.shift();
    if (next === undefined) {
      this.#free.push(item);
      return;
    }
    next.detach();
    next.resolve(item);
  }

  /** Rejects every waiter, e.g. when the model is disposed. */
  rejectWaiting(reason: unknown): void {
    for (const waiter of this.#waiters.splice(0)) {
      waiter.detach();
      waiter.reject(reason);
    }
  }
}
