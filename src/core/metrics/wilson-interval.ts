/** z for a two-sided 95 % interval: the 0.975 quantile of the standard normal. */
export const Z_95 = 1.959963984540054;

export interface RateInterval {
  rate: number;
  lower: number;
  upper: number;
}

/**
 * Wilson score interval for a binomial proportion. Unlike the normal ("Wald") interval it
 * stays inside [0, 1] and behaves at 0 and `total` successes, which small eval sets hit often.
 * With no trials the rate is reported as 0 and the interval as the whole of [0, 1].
 */
export function wilsonInterval(successes: number, total: number, z = Z_95): RateInterval {
  if (!Number.isInteger(total) || total < 0) {
    throw new RangeError(`total must be a non-negative integer, got ${total}`);
  }
  if (!Number.isInteger(successes) || successes < 0 || successes > total) {
    throw new RangeError(`successes must be an integer in [0, ${total}], got ${successes}`);
  }
  if (!(z >= 0) || !Number.isFinite(z)) throw new RangeError(`z must be finite and >= 0, got ${z}`);
  if (total === 0) return { rate: 0, lower: 0, upper: 1 };
  const rate = successes / total;
  const zSquared = z * z;
  const denominator = 1 + zSquared / total;
  const center = (rate + zSquared / (2 * total)) / denominator;
  const halfWidth =
    (z * Math.sqrt((rate * (1 - rate)) / total + zSquared / (4 * total * total))) / denominator;
  // Rounding can push a bound a hair past the rate at 0 or `total` successes; clamp it back.
  const lower = successes === 0 ? 0 : Math.max(0, Math.min(rate, center - halfWidth));
  const upper = successes === total ? 1 : Math.min(1, Math.max(rate, center + halfWidth));
  return { rate, lower, upper };
}
