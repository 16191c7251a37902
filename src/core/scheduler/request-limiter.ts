/** What the retry policy needs from a limiter; a RateLimiter or a chain of them. */
export interface RequestLimiter {
  acquire(estimatedTokens?: number, signal?: AbortSignal): Promise<void> | undefined;
  settle(estimatedTokens: number, actualTokens: number): void;
  pause(ms: number): void;
}
