const millisecondsPerMinute = 60_000;

/** Rounding slack so float refill arithmetic never leaves a waiter a hair short. */
const epsilon = 1e-9;

/**
 * A bucket refilled continuously at `perMinute` units per minute, holding at most one minute's
 * worth. The level may go negative (a debt) when a call used more than it reserved.
 */
export class TokenBucket {
  readonly perMinute: number;
  #level: number;
  #updatedAt: number;

  constructor(perMinute: number, now: number) {
    this.perMinute = perMinute;
    this.#level = perMinute;
    this.#updatedAt = now;
  }

  /** The level after refilling up to `now`. */
  level(now: number): number {
    this.#refill(now);
    return this.#level;
  }

  /**
   * Milliseconds until `amount` units are available (0 when they are now). An amount above the
   * capacity only waits for a full bucket, so an oversized request is delayed, never stuck.
   */
  waitMs(amount: number, now: number): number {
    this.#refill(now);
    const missing = Math.min(amount, this.perMinute) - this.#level;
    if (missing <= epsilon) return 0;
    return Math.ceil((missing * millisecondsPerMinute) / this.perMinute);
  }

  take(amount: number, now: number): void {
    this.#refill(now);
    this.#level -= amount;
  }

  /** Gives back (negative) or charges (positive) units without waiting; capped at capacity. */
  adjust(amount: number, now: number): void {
    this.#refill(now);
    this.#level = Math.min(this.perMinute, this.#level - amount);
  }

  #refill(now: number): void {
    const elapsed = now - this.#updatedAt;
    if (elapsed <= 0) return;
    this.#updatedAt = now;
    this.#level = Math.min(
      this.perMinute,
      this.#level + (elapsed * this.perMinute) / millisecondsPerMinute,
    );
  }
}
