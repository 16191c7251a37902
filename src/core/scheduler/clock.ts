/**
 * The scheduler's only source of time. Every primitive takes a clock, so tests drive time with a
 * ManualClock and never wait in real time.
 */
export interface Clock {
  /** Milliseconds on a monotonic scale; only differences are meaningful. */
  now(): number;
  /**
   * Resolves after `ms`. When `signal` aborts first, the timer is cleared and the promise rejects
   * with `signal.reason`.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  // Monotonic: wall-clock jumps (NTP, DST) must not stretch or skip a backoff.
  now: () => performance.now(),
  sleep(ms, signal) {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (ms <= 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
};

interface Sleeper {
  wakeAt: number;
  /** Registration order: sleepers due at the same instant wake in the order they slept. */
  order: number;
  resolve: () => void;
}

/** A clock for tests: time moves only when `advance` is called. */
export class ManualClock implements Clock {
  #now: number;
  #sleepers = new Set<Sleeper>();
  #registered = 0;

  constructor(startMs = 0) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  /** Number of sleeps (timers) currently pending; 0 proves every timer was cleared. */
  get pendingSleeps(): number {
    return this.#sleepers.size;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (ms <= 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        this.#sleepers.delete(sleeper);
        reject(signal?.reason);
      };
      const sleeper: Sleeper = {
        wakeAt: this.#now + ms,
        order: this.#registered++,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      this.#sleepers.add(sleeper);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /**
   * Moves time forward by `ms`, waking due sleepers one at a time in wake order. After each wake
   * it lets pending promise callbacks run, so sleeps they start inside the window also wake.
   */
  async advance(ms: number): Promise<void> {
    const target = this.#now + ms;
    for (;;) {
      await this.flush();
      const next = this.#earliestDue(target);
      if (next === undefined) break;
      this.#sleepers.delete(next);
      this.#now = next.wakeAt;
      next.resolve();
    }
    this.#now = target;
    await this.flush();
  }

  /** Lets every pending promise callback run without moving time. */
  flush(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
  }

  #earliestDue(target: number): Sleeper | undefined {
    let earliest: Sleeper | undefined;
    for (const sleeper of this.#sleepers) {
      if (sleeper.wakeAt > target) continue;
      if (
        earliest === undefined ||
        sleeper.wakeAt < earliest.wakeAt ||
        (sleeper.wakeAt === earliest.wakeAt && sleeper.order < earliest.order)
      ) {
        earliest = sleeper;
      }
    }
    return earliest;
  }
}
