/** Statuses worth retrying: rate limits, timeouts, conflicts and server faults. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}
