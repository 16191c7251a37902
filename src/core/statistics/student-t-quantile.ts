import { Z_95 } from '../metrics/wilson-interval.js';

/**
 * The 0.975 quantile of Student's t with an integer number of degrees of freedom, for two-sided
 * 95 % intervals. Up to 100 degrees of freedom it solves P(|T| ≤ t) = 0.95 on the exact
 * closed-form distribution function (Abramowitz & Stegun 26.7.3–4); above that, the
 * Cornish–Fisher expansion in 1/ν (A&S 26.7.5) is accurate to better than 1e-9.
 */
export function studentTQuantile975(degreesOfFreedom: number): number {
  if (degreesOfFreedom === Number.POSITIVE_INFINITY) return Z_95;
  if (!Number.isInteger(degreesOfFreedom) || degreesOfFreedom < 1) {
    throw new RangeError(`degrees of freedom must be an integer >= 1, got ${degreesOfFreedom}`);
  }
  if (degreesOfFreedom > 100) return cornishFisher(degreesOfFreedom);
  let low = Z_95;
  let high = degreesOfFreedom === 1 ? 13 : cornishFisher(degreesOfFreedom) + 1;
  for (let step = 0; step < 80; step += 1) {
    const middle = (low + high) / 2;
    if (centralProbability(middle, degreesOfFreedom) < 0.95) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

function cornishFisher(nu: number): number {
  const z = Z_95;
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * (5 * z2 * z2 + 16 * z2 + 3)) / 96;
  const g3 = (z * (3 * z2 ** 3 + 19 * z2 * z2 + 17 * z2 - 15)) / 384;
  const g4 = (z * (79 * z2 ** 4 + 776 * z2 ** 3 + 1482 * z2 * z2 - 1920 * z2 - 945)) / 92_160;
  return z + g1 / nu + g2 / nu ** 2 + g3 / nu ** 3 + g4 / nu ** 4;
}

/** P(|T| ≤ t) for integer ν, by the finite series in cos θ with θ = atan(t / √ν). */
function centralProbability(t: number, nu: number): number {
  const theta = Math.atan(t / Math.sqrt(nu));
  const cosine2 = Math.cos(theta) ** 2;
  const sine = Math.sin(theta);
  if (nu % 2 === 1) {
    let term = 1;
    let sum = nu > 1 ? 1 : 0;
    for (let k = 3; k <= nu - 2; k += 2) {
      term *= ((k - 1) / k) * cosine2;
      sum += term;
    }
    return (2 / Math.PI) * (theta + sine * Math.cos(theta) * sum);
  }
  let term = 1;
  let sum = 1;
  for (let k = 2; k <= nu - 2; k += 2) {
    term *= ((k - 1) / k) * cosine2;
    sum += term;
  }
  return sine * sum;
}
