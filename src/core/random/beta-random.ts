import type { RandomSource } from './seeded-random.js';

/** A standard normal draw (Box–Muller; the second value is dropped for simplicity). */
export function normalRandom(random: RandomSource): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/**
 * A Gamma(shape, 1) draw: Marsaglia and Tsang's squeeze method, with the boost
 * Gamma(k) = Gamma(k + 1) · U^(1/k) for shapes below 1.
 */
export function gammaRandom(random: RandomSource, shape: number): number {
  if (!(shape > 0)) throw new RangeError(`gamma shape must be > 0, got ${shape}`);
  if (shape < 1) return gammaRandom(random, shape + 1) * (1 - random()) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normalRandom(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - random();
    if (u < 1 - 0.0331 * x ** 4) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * A probability from the Beta distribution with mean `mean` whose draws, used as per-case pass
 * probabilities, give trials of one case the intra-class correlation `correlation`
 * (ρ = 1 / (α + β + 1)). ρ = 0: every case has the mean; ρ = 1: cases always or never pass.
 */
export function betaProbability(random: RandomSource, mean: number, correlation: number): number {
  if (!(mean >= 0 && mean <= 1)) throw new RangeError(`mean must be in [0, 1], got ${mean}`);
  if (!(correlation >= 0 && correlation <= 1)) {
    throw new RangeError(`correlation must be in [0, 1], got ${correlation}`);
  }
  if (correlation === 0 || mean === 0 || mean === 1) return mean;
  if (correlation === 1) return random() < mean ? 1 : 0;
  const concentration = 1 / correlation - 1;
  const a = gammaRandom(random, mean * concentration);
  const b = gammaRandom(random, (1 - mean) * concentration);
  return a + b === 0 ? (random() < mean ? 1 : 0) : a / (a + b);
}
