import type { CheckResult } from '../../spec/check-result.js';

/**
 * Format validity rate: the share of outputs whose `format`-kind checks all pass. `content`
 * checks are ignored here (they judge correctness, not shape), and an output with no format
 * checks counts as valid. `results[i]` holds the check results of output i. With no outputs:
 * `undefined`.
 */
export function formatValidity(results: readonly (readonly CheckResult[])[]): number | undefined {
  if (results.length === 0) return undefined;
  const valid = results.filter((checks) =>
    checks.every((check) => check.kind !== 'format' || check.pass),
  ).length;
  return valid / results.length;
}
