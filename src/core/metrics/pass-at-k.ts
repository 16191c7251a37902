/**
 * pass@k and pass^k from c passing outputs among r samples of one case (Chen et al., 2021,
 * unbiased estimator; pass^k as in τ-bench). Both are ratios of binomial coefficients,
 * computed as a product of k factors so that nothing overflows:
 *
 *   C(r−c, k) / C(r, k) = ∏_{j=0}^{k−1} (r−c−j) / (r−j)
 *   C(c, k)   / C(r, k) = ∏_{j=0}^{k−1} (c−j)   / (r−j)
 */

/** Probability that at least one of k outputs drawn without replacement passes. */
export function passAtK(r: number, c: number, k: number): number {
  validate(r, c, k);
  return 1 - chooseRatio(r - c, r, k);
}

/** Probability that all k outputs drawn without replacement pass: consistency, not luck. */
export function passHatK(r: number, c: number, k: number): number {
  validate(r, c, k);
  return chooseRatio(c, r, k);
}

/** C(top, k) / C(bottom, k) for top <= bottom; 0 when top < k. */
function chooseRatio(top: number, bottom: number, k: number): number {
  if (top < k) return 0;
  let ratio = 1;
  for (let j = 0; j < k; j += 1) ratio *= (top - j) / (bottom - j);
  return ratio;
}

function validate(r: number, c: number, k: number): void {
  if (!Number.isInteger(r) || r < 1) throw new RangeError(`r must be an integer >= 1, got ${r}`);
  if (!Number.isInteger(c) || c < 0 || c > r) {
    throw new RangeError(`c must be an integer in [0, ${r}], got ${c}`);
  }
  if (!Number.isInteger(k) || k < 1 || k > r) {
    throw new RangeError(`k must be an integer in [1, r = ${r}], got ${k}`);
  }
}
