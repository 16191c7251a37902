import { TunegateError } from '../../spec/tunegate-error.js';
import { type Clock, systemClock } from './clock.js';
import { TokenBucket } from './token-bucket.js';
import { WaitQueue } from './wait-queue.js';

export interface RateLimiterOptions {
  /** Requests allowed per minute; omitted or Infinity means no request limit. */
  requestsPerMinute?: number;
  /** Input plus output tokens allowed per minute; omitted or Infinity means no token limit. */
  tokensPerMinute?: number;
  clock?: Clock;
}

interface RateWaiter {
  queued: boolean;
  tokens: number;
  resolve: () => void;
  reject: (reason: unknown) => void;
  detach: (() => void) | undefined;
}

/**
 * Request and token budgets shared by every worker calling one provider. Both budgets are token
 * buckets refilled continuously, each holding one minute's worth. Waiters are served in arrival
 * order (a large request at the head is not overtaken by smaller ones), and one timer at most is
 * pending at any time, however many workers wait.
 */
export class RateLimiter {
  readonly #clock: Clock;
  readonly #requests: TokenBucket | undefined;
  readonly #tokens: TokenBucket | undefined;
  readonly #unlimited: boolean;
  /** Clock time before which nobody proceeds (a 429's Retry-After); 0 when not paused. */
  #pausedUntil = 0;
  #waiters = new WaitQueue<RateWaiter>();
  #pumping = false;
  /** Aborts the pump's current sleep so it re-plans after a change that may shorten the wait. */
  #wake: AbortController | undefined;

  constructor(options: RateLimiterOptions = {}) {
    this.#clock = options.clock ?? systemClock;
    const now = this.#clock.now();
    this.#requests = bucketFor('requestsPerMinute', options.requestsPerMinute, now);
    this.#tokens = bucketFor('tokensPerMinute', options.tokensPerMinute, now);
    this.#unlimited = this.#requests === undefined && this.#tokens === undefined;
  }

  /**
   * Reserves one request and `estimatedTokens` tokens. Returns `undefined` when the caller may
   * proceed at once (the fast path: with no limits and no pause it only compares two numbers),
   * or a Promise that resolves when it may proceed. When `signal` aborts while waiting, the
   * caller leaves the queue and the promise rejects with `signal.reason`.
   */
  acquire(estimatedTokens = 0, signal?: AbortSignal): Promise<void> | undefined {
    if (this.#waiters.size === 0) {
      if (this.#unlimited && this.#pausedUntil === 0) return undefined;
      if (this.#tryTake(estimatedTokens)) return undefined;
    }
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const waiter: RateWaiter = {
        queued: false,
        tokens: estimatedTokens,
        resolve,
        reject,
        detach: undefined,
      };
      if (signal !== undefined) {
        const onAbort = (): void => {
          if (!this.#waiters.remove(waiter)) return;
          reject(signal.reason);
          this.#wake?.abort(); // the next waiter may need less time
        };
        signal.addEventListener('abort', onAbort, { once: true });
        waiter.detach = () => signal.removeEventListener('abort', onAbort);
      }
      this.#waiters.push(waiter);
      if (!this.#pumping) void this.#pump();
    });
  }

  /**
   * Corrects the token budget once a call's real usage is known: charges the difference when it
   * used more than it reserved (later callers wait longer), refunds it when it used less.
   */
  settle(estimatedTokens: number, actualTokens: number): void {
    if (this.#tokens === undefined) return;
    const difference = actualTokens - estimatedTokens;
    if (difference === 0) return;
    this.#tokens.adjust(difference, this.#clock.now());
    if (difference < 0) this.#wake?.abort();
  }

  /** Blocks every caller for `ms` from now (e.g. a 429's Retry-After); never shortens a pause. */
  pause(ms: number): void {
    if (!(ms > 0)) return;
    const until = this.#clock.now() + ms;
    if (until > this.#pausedUntil) this.#pausedUntil = until;
  }

  /** Callers waiting to proceed. */
  get waiting(): number {
    return this.#waiters.size;
  }

  /** Milliseconds the caller would wait for `tokens` now, ignoring the queue; 0 when none. */
  #waitMs(tokens: number, now: number): number {
    let wait = 0;
    if (this.#pausedUntil !== 0) {
      if (now < this.#pausedUntil) wait = this.#pausedUntil - now;
      else this.#pausedUntil = 0;
    }
    if (this.#requests !== undefined) wait = Math.max(wait, this.#requests.waitMs(1, now));
    if (this.#tokens !== undefined) wait = Math.max(wait, this.#tokens.waitMs(tokens, now));
    return wait;
  }

  #tryTake(tokens: number): boolean {
    const now = this.#clock.now();
    if (this.#waitMs(tokens, now) > 0) return false;
    this.#requests?.take(1, now);
    this.#tokens?.take(tokens, now);
    return true;
  }

  /** Serves the queue head whenever it can proceed; sleeps on one timer in between. */
  async #pump(): Promise<void> {
    this.#pumping = true;
    try {
      for (let head = this.#waiters.peek(); head !== undefined; head = this.#waiters.peek()) {
        const wait = this.#waitMs(head.tokens, this.#clock.now());
        if (wait === 0) {
          this.#tryTake(head.tokens);
          this.#waiters.shift();
          head.detach?.();
          head.resolve();
          continue;
        }
        const wake = new AbortController();
        this.#wake = wake;
        try {
          await this.#clock.sleep(wait, wake.signal);
        } catch (error) {
          if (!wake.signal.aborted) throw error;
        } finally {
          this.#wake = undefined;
        }
      }
    } catch (error) {
      // The clock failed: nobody would ever be woken, so fail every waiter instead of hanging.
      for (const waiter of this.#waiters.drain()) {
        waiter.detach?.();
        waiter.reject(error);
      }
    } finally {
      this.#pumping = false;
    }
  }
}

function bucketFor(name: string, perMinute: number | undefined, now: number) {
  if (perMinute === undefined || perMinute === Number.POSITIVE_INFINITY) return undefined;
  if (!(perMinute > 0) || !Number.isFinite(perMinute)) {
    throw new TunegateError(
      'INVALID_ARGUMENT',
      `${name} must be a positive number, got ${perMinute}`,
    );
  }
  return new TokenBucket(perMinute, now);
}
