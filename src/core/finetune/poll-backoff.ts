export interface PollBackoffOptions {
  /** The first wait and the wait after any change, in milliseconds. */
  minMs: number;
  /** The longest wait. */
  maxMs: number;
  /** Growth of the wait while nothing changes. */
  factor: number;
}

export const defaultPollBackoff: PollBackoffOptions = { minMs: 2000, maxMs: 30_000, factor: 1.5 };

/**
 * The next wait between polls: back to the minimum when the job moved (new status, event or
 * loss point), else a little longer, up to the maximum. A quiet queue is polled rarely, a
 * training job that reports often is followed closely.
 */
export function nextPollDelay(
  previousMs: number,
  changed: boolean,
  options: PollBackoffOptions = defaultPollBackoff,
): number {
  if (changed) return options.minMs;
  return Math.min(options.maxMs, Math.max(options.minMs, Math.round(previousMs * options.factor)));
}
