/**
 * Exact two-sided McNemar test for paired pass/fail outcomes of two configurations on the
 * same cases. Only discordant cases carry evidence: b = cases only the first passed, c = cases
 * only the second passed. Under "no difference" b ~ Binomial(b + c, ½), so
 *
 *   p = min(1, 2 · P(X ≤ min(b, c))),  X ~ Binomial(b + c, ½);  p = 1 when b + c = 0.
 *
 * The tail is summed relative to its largest term, P(X = min(b, c)), whose logarithm is
 * ln C(n, m) − n ln 2, so nothing underflows for b + c up to millions.
 */
export function mcnemarExact(b: number, c: number): number {
  for (const [name, value] of [
    ['b', b],
    ['c', c],
  ] as const) {
    if (!Number.isInteger(value) || value < 0) {
      throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
    }
  }
  const n = b + c;
  if (n === 0) return 1;
  const m = Math.min(b, c);
  // Terms of the lower tail fall going down from m: t(i−1) / t(i) = i / (n − i + 1) < 1.
  let ratio = 1;
  let tailOverTop = 1;
  for (let i = m; i >= 1; i -= 1) {
    ratio *= i / (n - i + 1);
    tailOverTop += ratio;
    if (ratio < tailOverTop * 1e-17) break;
  }
  const logTop = logChoose(n, m) - n * Math.LN2;
  return Math.min(1, 2 * Math.exp(logTop + Math.log(tailOverTop)));
}

/**
 * ln C(n, k) as a sum of k logarithms of ratios. The sum reaches about n·ln 2, so plain
 * addition would lose about 1e-8 of relative accuracy at n = 10^6; Neumaier's compensated
 * summation keeps it near 1e-10. O(k).
 */
function logChoose(n: number, k: number): number {
  let sum = 0;
  let compensation = 0;
  for (let i = 1; i <= k; i += 1) {
    const term = Math.log((n - k + i) / i);
    const next = sum + term;
    compensation += Math.abs(sum) >= Math.abs(term) ? sum - next + term : term - next + sum;
    sum = next;
  }
  return sum + compensation;
}
