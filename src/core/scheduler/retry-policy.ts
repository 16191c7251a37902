import { ProviderCallError, TunegateError } from '../../spec/tunegate-error.js';
import { type Clock, systemClock } from './clock.js';
import type { RequestLimiter } from './request-limiter.js';

export interface RetryInfo {
  /** The attempt about to be made (1 is the first retry; the first call is attempt 0). */
  attempt: number;
  delayMs: number;
  /** Why the previous attempt failed. */
  error: unknown;
}

export interface RetryOptions<T> {
  /** Retries after the first attempt; 0 calls `fn` once. */
  retries: number;
  /** Backoff scale; default 500 ms. */
  baseDelayMs?: number;
  /** Backoff ceiling before jitter; default 30 s. Does not cap a Retry-After. */
  maxDelayMs?: number;
  /** Per-attempt limit; omitted means no timer at all. */
  timeoutMs?: number;
  /** Uniform in [0, 1); default Math.random. */
  random?: () => number;
  clock?: Clock;
  /** Aborting stops everything at once with TunegateError('ABORTED'); no further attempts. */
  signal?: AbortSignal;
  onRetry?: (info: RetryInfo) => void;
  /** Shared budget of one provider: a Retry-After pauses every worker that uses it. */
  rateLimiter?: RequestLimiter;
  /**
   * When set (0 for a request-only limit), every attempt first acquires one request and this many
   * tokens from `rateLimiter`, before its timeout starts, so time spent queued behind a limit or
   * a pause never counts as a timeout. Leave it unset when `fn` acquires by itself.
   */
  estimatedTokens?: number;
  /** Real tokens a successful call used; with `estimatedTokens`, settles the limiter's estimate. */
  actualTokens?: (value: T) => number;
}

/** The error `callWithRetry` throws: its own `code` and class, plus how many attempts ran. */
export type RetryFailure = Error & { attempts: number };

/** How many attempts ran before `callWithRetry` threw `error`; undefined for other errors. */
export function attemptsOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('attempts' in error)) return undefined;
  return typeof error.attempts === 'number' ? error.attempts : undefined;
}

/** A signal nobody can abort, shared so the no-signal path allocates nothing per call. */
const neverAborted = new AbortController().signal;

/**
 * Calls `fn` until it succeeds, retrying only retryable failures (a TunegateError or
 * ProviderCallError with `isRetryable`, which includes this function's own TIMEOUT).
 *
 * Delay before attempt n (n >= 1): `random() * min(maxDelayMs, baseDelayMs * 2^(n-1))` (full
 * jitter). When the failure is a ProviderCallError with `retryAfterMs`, the delay is
 * `max(retryAfterMs, jittered)`, so the server's wish is a floor, and `rateLimiter.pause(retryAfterMs)`
 * holds back every other worker too.
 *
 * With no `timeoutMs` and no `signal`, no timer, listener or controller is created.
 * On failure it throws the last error itself (class and `code` kept) with an `attempts` property.
 */
export async function callWithRetry<T>(
  fn: (attempt: number, signal: AbortSignal) => Promise<T>,
  options: RetryOptions<T>,
): Promise<T> {
  const { retries, signal, rateLimiter, timeoutMs } = options;
  const baseDelayMs = options.baseDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const random = options.random ?? Math.random;
  const clock = options.clock ?? systemClock;
  const { estimatedTokens } = options;
  const acquiring = rateLimiter !== undefined && estimatedTokens !== undefined;

  for (let attempt = 0; ; attempt++) {
    if (signal?.aborted) throw abortedError(signal, attempt);
    try {
      if (acquiring) {
        const waiting = rateLimiter.acquire(estimatedTokens, signal);
        if (waiting !== undefined) await waiting;
      }
      const value =
        timeoutMs === undefined && signal === undefined
          ? await fn(attempt, neverAborted)
          : await guardedAttempt(fn, attempt, clock, timeoutMs, signal);
      if (acquiring && options.actualTokens !== undefined) {
        rateLimiter.settle(estimatedTokens, options.actualTokens(value));
      }
      return value;
    } catch (error) {
      const attempts = attempt + 1;
      if (signal?.aborted) throw abortedError(signal, attempts, error);
      if (attempt >= retries || !isRetryable(error)) throw withAttempts(error, attempts);
      const jittered = random() * Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
      const retryAfterMs = error instanceof ProviderCallError ? error.retryAfterMs : undefined;
      const delayMs = retryAfterMs === undefined ? jittered : Math.max(retryAfterMs, jittered);
      if (retryAfterMs !== undefined) rateLimiter?.pause(retryAfterMs);
      options.onRetry?.({ attempt: attempts, delayMs, error });
      try {
        await clock.sleep(delayMs, signal);
      } catch (sleepError) {
        if (signal?.aborted) throw abortedError(signal, attempts, error);
        throw sleepError;
      }
    }
  }
}

function isRetryable(error: unknown): boolean {
  return error instanceof TunegateError && error.isRetryable;
}

/**
 * Runs one attempt under its own AbortController, failing it on timeout or outer abort even when
 * `fn` ignores its signal. The timeout timer and the outer listener are removed when it settles.
 */
function guardedAttempt<T>(
  fn: (attempt: number, signal: AbortSignal) => Promise<T>,
  attempt: number,
  clock: Clock,
  timeoutMs: number | undefined,
  outer: AbortSignal | undefined,
): Promise<T> {
  const controller = new AbortController();
  const timeoutCancel = timeoutMs === undefined ? undefined : new AbortController();
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (): boolean => {
      if (settled) return false;
      settled = true;
      timeoutCancel?.abort(); // clears the timeout's sleep
      outer?.removeEventListener('abort', onOuterAbort);
      return true;
    };
    const onOuterAbort = (): void => {
      if (!finish()) return;
      reject(outer?.reason);
      controller.abort(outer?.reason);
    };
    outer?.addEventListener('abort', onOuterAbort, { once: true });
    if (timeoutCancel !== undefined && timeoutMs !== undefined) {
      clock.sleep(timeoutMs, timeoutCancel.signal).then(
        () => {
          if (!finish()) return;
          const timeout = new TunegateError('TIMEOUT', `attempt timed out after ${timeoutMs} ms`, {
            isRetryable: true,
          });
          reject(timeout);
          controller.abort(timeout);
        },
        () => {}, // cleared because the attempt settled first
      );
    }
    let pending: Promise<T>;
    try {
      pending = fn(attempt, controller.signal);
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      (value) => {
        if (finish()) resolve(value);
      },
      (error: unknown) => {
        if (finish()) reject(error);
      },
    );
  });
}

function abortedError(signal: AbortSignal, attempts: number, lastError?: unknown): RetryFailure {
  const cause = lastError ?? signal.reason;
  const error = new TunegateError('ABORTED', 'call aborted', { cause });
  return Object.assign(error, { attempts });
}

function withAttempts(error: unknown, attempts: number): RetryFailure {
  const failure =
    error instanceof Error
      ? error
      : new TunegateError('PROVIDER_ERROR', String(error), { cause: error });
  try {
    Object.defineProperty(failure, 'attempts', {
      value: attempts,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } catch {
    // A frozen error keeps its identity; attemptsOf() then reports undefined.
  }
  return failure as RetryFailure;
}
