import type { RequestLimiter } from './request-limiter.js';

/**
 * Applies several limiters in order (a model's own, then its provider's shared one). A 429
 * pauses all of them: the provider told us the shared budget is spent.
 */
export class LimiterChain implements RequestLimiter {
  readonly #limiters: readonly RequestLimiter[];

  constructor(limiters: readonly RequestLimiter[]) {
    this.#limiters = limiters;
  }

  acquire(estimatedTokens = 0, signal?: AbortSignal): Promise<void> | undefined {
    for (let index = 0; index < this.#limiters.length; index++) {
      const waiting = this.#limiters[index]?.acquire(estimatedTokens, signal);
      if (waiting) return waiting.then(() => this.#acquireFrom(index + 1, estimatedTokens, signal));
    }
    return undefined;
  }

  settle(estimatedTokens: number, actualTokens: number): void {
    for (const limiter of this.#limiters) limiter.settle(estimatedTokens, actualTokens);
  }

  pause(ms: number): void {
    for (const limiter of this.#limiters) limiter.pause(ms);
  }

  async #acquireFrom(start: number, estimatedTokens: number, signal?: AbortSignal): Promise<void> {
    for (let index = start; index < this.#limiters.length; index++) {
      const waiting = this.#limiters[index]?.acquire(estimatedTokens, signal);
      if (waiting) await waiting;
    }
  }
}
