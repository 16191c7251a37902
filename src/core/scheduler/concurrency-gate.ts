import { TunegateError } from '../../spec/tunegate-error.js';
import { WaitQueue } from './wait-queue.js';

interface GateWaiter {
  queued: boolean;
  resolve: () => void;
  detach: (() => void) | undefined;
}

/**
 * A FIFO semaphore: at most `limit` holders at once, waiters served strictly in arrival order.
 * A release hands its slot straight to the oldest waiter, so a newcomer can never overtake.
 */
export class ConcurrencyGate {
  readonly limit: number;
  #active = 0;
  #waiters = new WaitQueue<GateWaiter>();

  /** `limit` is a positive integer, or Infinity for no limit. */
  constructor(limit: number) {
    if (!(limit === Number.POSITIVE_INFINITY || (Number.isInteger(limit) && limit > 0))) {
      throw new TunegateError(
        'INVALID_ARGUMENT',
        `concurrency limit must be a positive integer, got ${limit}`,
      );
    }
    this.limit = limit;
  }

  /** Slots currently held. */
  get active(): number {
    return this.#active;
  }

  /** Callers waiting for a slot. */
  get waiting(): number {
    return this.#waiters.size;
  }

  /**
   * Takes a slot. Returns `undefined` when the slot was taken at once (the fast path: no promise
   * is created), or a Promise that resolves once the slot is held. When `signal` aborts while
   * waiting, the caller leaves the queue and the promise rejects with `signal.reason`.
   * Every successful acquire must be paired with exactly one `release`.
   */
  acquire(signal?: AbortSignal): Promise<void> | undefined {
    // Waiters exist only while every slot is held, so this check alone keeps FIFO order.
    if (this.#active < this.limit) {
      this.#active++;
      return undefined;
    }
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const waiter: GateWaiter = { queued: false, resolve, detach: undefined };
      if (signal !== undefined) {
        const onAbort = (): void => {
          if (this.#waiters.remove(waiter)) reject(signal.reason);
        };
        signal.addEventListener('abort', onAbort, { once: true });
        waiter.detach = () => signal.removeEventListener('abort', onAbort);
      }
      this.#waiters.push(waiter);
    });
  }

  release(): void {
    if (this.#active === 0) {
      throw new TunegateError('INVALID_ARGUMENT', 'release() called without a held slot');
    }
    const next = this.#waiters.shift();
    if (next === undefined) {
      this.#active--;
      return;
    }
    // The slot passes to the next waiter, so the active count does not change.
    next.detach?.();
    next.resolve();
  }

  /** Runs `fn` while holding a slot; the slot is released however `fn` ends. */
  async run<T>(fn: () => Promise<T> | T, signal?: AbortSignal): Promise<T> {
    const waiting = this.acquire(signal);
    if (waiting !== undefined) await waiting;
    try {
      return await fn();
    } finally {
      this.release();
    }
  }
}
