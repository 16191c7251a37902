export interface PlateauOptions {
  /** Smallest gain in the best pass rate that counts as progress (0.02 = 2 points). */
  delta: number;
  /** How many of the latest iterations the rule looks back over. */
  window: number;
}

export const defaultPlateauOptions: PlateauOptions = { delta: 0.02, window: 3 };

export interface ScoredPoint {
  passRate: number;
  lower: number;
  upper: number;
}

/** The best pass rate after iteration `index` (1-based), and the iteration that set it. */
export interface BestSoFar extends ScoredPoint {
  index: number;
  bestIndex: number;
}

export interface Plateau extends PlateauOptions {
  reached: boolean;
  bestSoFar: BestSoFar[];
  /** Best after the last iteration, and after the one `window` iterations before it. */
  current: BestSoFar | undefined;
  previous: BestSoFar | undefined;
  improvement: number | null;
  overlaps: boolean | null;
  /** The iterations the rule looked at, 1-based and inclusive; null with too few iterations. */
  windowStart: number | null;
  windowEnd: number | null;
  reason: string;
}

const points = (value: number) => `${(value * 100).toFixed(1)} points`;

/**
 * The plateau rule: after n > window iterations, the best pass rate so far improved by less
 * than `delta` over the last `window` iterations, and the current best's Wilson interval
 * overlaps the interval of the best before them (the gain, if any, is within noise).
 */
export function detectPlateau(
  iterations: readonly ScoredPoint[],
  options: PlateauOptions = defaultPlateauOptions,
): Plateau {
  const { delta, window } = options;
  const bestSoFar: BestSoFar[] = [];
  let best: BestSoFar | undefined;
  iterations.forEach((point, position) => {
    const index = position + 1;
    if (
      !best ||
      point.passRate > best.passRate ||
      (point.passRate === best.passRate && point.lower > best.lower)
    ) {
      best = { index, bestIndex: index, ...pick(point) };
    } else best = { ...best, index };
    bestSoFar.push(best);
  });
  const count = iterations.length;
  const base = {
    delta,
    window,
    bestSoFar,
    current: bestSoFar.at(-1),
    previous: undefined,
    improvement: null,
    overlaps: null,
    windowStart: null,
    windowEnd: null,
  };
  if (count <= window) {
    const reason =
      count === 0
        ? 'no iterations yet: evaluate some prompt variants'
        : `only ${count} iteration${count === 1 ? '' : 's'}; the plateau rule needs more than ${window}`;
    return { ...base, reached: false, reason };
  }
  const current = bestSoFar[count - 1] as BestSoFar;
  const previous = bestSoFar[count - 1 - window] as BestSoFar;
  const improvement = current.passRate - previous.passRate;
  const overlaps = current.lower <= previous.upper && previous.lower <= current.upper;
  // A gain of exactly delta is progress; the epsilon absorbs rounding in differences of rates.
  const stalled = improvement < delta - 1e-9;
  const reached = stalled && overlaps;
  const span = `over the last ${window} iterations (${count - window + 1}–${count})`;
  let reason: string;
  if (reached) {
    reason = `the best pass rate moved ${points(improvement)} ${span}, less than the ${points(delta)} that counts as progress, and its 95% interval overlaps the previous best's`;
  } else if (!stalled) {
    reason = `the best pass rate rose ${points(improvement)} ${span}: prompting is still improving`;
  } else {
    reason = `the best pass rate moved only ${points(improvement)} ${span}, but its 95% interval no longer overlaps the previous best's: the gain is real`;
  }
  return {
    ...base,
    reached,
    current,
    previous,
    improvement,
    overlaps,
    windowStart: count - window + 1,
    windowEnd: count,
    reason,
  };
}

function pick(point: ScoredPoint): ScoredPoint {
  return { passRate: point.passRate, lower: point.lower, upper: point.upper };
}
