/**
 * Percentile with linear interpolation between the closest ranks (numpy's default 'linear'
 * method): sort ascending, h = (n − 1) · p / 100, and return x[⌊h⌋] + (h − ⌊h⌋) · (x[⌊h⌋+1] −
 * x[⌊h⌋]). Like numpy, a fraction ≥ ½ interpolates back from the upper value, so results
 * agree with numpy.percentile to the last bit. p is in [0, 100]. No values: `undefined`.
 * Values must be finite.
 */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  return percentileOfSorted(sortedFinite(values), p);
}

/** The same on values already sorted ascending (no copy, no check of the order). */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`p must be in [0, 100], got ${p}`);
  if (sorted.length === 0) throw new RangeError('percentile of no values');
  const position = (p / 100) * (sorted.length - 1);
  const below = Math.floor(position);
  const low = sorted[below] as number;
  if (below === sorted.length - 1) return low;
  const high = sorted[below + 1] as number;
  const fraction = position - below;
  return fraction >= 0.5 ? high - (high - low) * (1 - fraction) : low + (high - low) * fraction;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  mean: number;
  min: number;
  max: number;
}

/** p50, p95, mean and range of latencies (any unit; milliseconds in runs). */
export function latencySummary(values: readonly number[]): LatencySummary | undefined {
  if (values.length === 0) return undefined;
  const sorted = sortedFinite(values);
  let sum = 0;
  for (const value of sorted) sum += value;
  return {
    count: sorted.length,
    p50: percentileOfSorted(sorted, 50),
    p95: percentileOfSorted(sorted, 95),
    mean: sum / sorted.length,
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
  };
}

function sortedFinite(values: readonly number[]): Float64Array {
  const sorted = Float64Array.from(values);
  for (const value of sorted) {
    if (!Number.isFinite(value)) throw new RangeError(`values must be finite, got ${value}`);
  }
  return sorted.sort();
}
