/** Default share of failed calls above which a group is incomplete (task `policy.maxFailedShare`). */
export const defaultMaxFailedShare = 0.1;

/** More than `maxFailedShare` of the calls failed, or none was answered. */
export function isIncomplete(
  counts: { trials: number; errors: number },
  maxFailedShare: number = defaultMaxFailedShare,
): boolean {
  if (counts.trials === 0) return true;
  return counts.errors >= counts.trials || counts.errors > maxFailedShare * counts.trials;
}

/** A reason with what to do about it; null for no reason. */
export function withFix<T extends { code: string | null; message: string }>(
  reason: T | undefined,
): (T & { fix: string }) | null {
  return reason ? { ...reason, fix: failedCallAdvice(reason.code, reason.message) } : null;
}

/** What to do about a failed call, from its error code and message. */
export function failedCallAdvice(code: string | null, message: string): string {
  if (/context holds|context (length|window)|too many tokens|maximum context/i.test(message)) {
    return 'the prompt does not fit the model context: shorten the instruction, use fewer few-shot examples, or give the model a larger context';
  }
  switch (code) {
    case 'MISSING_API_KEY':
      return 'set the API key the message names in the environment, then evaluate again';
    case 'UNKNOWN_PROVIDER':
      return 'fix the model reference in the task file (provider:model)';
    case 'RATE_LIMITED':
      return 'lower run.concurrency or set run.providers limits (requestsPerMinute), then evaluate again';
    case 'TIMEOUT':
      return 'raise run.timeoutMs or lower run.concurrency, then evaluate again';
    default:
      return 'fix the cause in the message, then evaluate this variant and model again';
  }
}
