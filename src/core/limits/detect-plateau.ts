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
  /**
   * Whether the current best differs from the best before the window by the paired test over
   * cases (p < 0.05); null with too few iterations.
   */
  gainSignificant: boolean | null;
  /** The paired test behind it: p and what was paired; null when not run. */
  pairedP: number | null;
  pairing: string | null;
  /** The iterations the rule looked at, 1-based and inclusive; null with too few iterations. */
  windowStart: number | null;
  windowEnd: number | null;
  reason: string;
}

const points = (value: number) => `${(value * 100).toFixed(1)} points`;

/**
 * Paired comparison of two iterations (1-based indices) over the cases both answered;
 * undefined when they share no case.
 */
export type PairedIterations = (
  current: number,
  previous: number,
) => { p: number; pairing: string } | undefined;

/**
 * The plateau rule: after n > window iterations, the best pass rate so far improved by less
 * than `delta` over the last `window` iterations, and the paired test over cases does not tell
 * the current best from the best before them (the gain, if any, is within noise). Without a
 * paired test (`compare` absent or no shared case), non-overlapping 95 % intervals stand in.
 */
export function detectPlateau(
  iterations: readonly ScoredPoint[],
  options: PlateauOptions = defaultPlateauOptions,
  compare?: PairedIterations,
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
    gainSignificant: null,
    pairedP: null,
    pairing: null,
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
  let pairedP: number | null = null;
  let pairing: string | null = null;
  let gainSignificant: boolean;
  if (current.bestIndex === previous.bestIndex) {
    gainSignificant = false;
  } else {
    const test = compare?.(current.bestIndex, previous.bestIndex);
    if (test) {
      pairedP = test.p;
      pairing = test.pairing;
      gainSignificant = test.p < 0.05;
    } else {
      gainSignificant = current.lower > previous.upper || previous.lower > current.upper;
    }
  }
  // A gain of exactly delta is progress; the epsilon absorbs rounding in differences of rates.
  const stalled = improvement < delta - 1e-9;
  const reached = stalled && !gainSignificant;
  const span = `over the last ${window} iterations (${count - window + 1}–${count})`;
  const test =
    pairedP === null
      ? current.bestIndex === previous.bestIndex
        ? 'the best is the same iteration'
        : 'by their 95% intervals'
      : `paired test p = ${pairedP.toPrecision(2)} over ${pairing}`;
  let reason: string;
  if (reached) {
    reason = `the best pass rate moved ${points(improvement)} ${span}, less than the ${points(delta)} that counts as progress, and is not distinguishable from the previous best (${test})`;
  } else if (!stalled) {
    reason = `the best pass rate rose ${points(improvement)} ${span}: prompting is still improving`;
  } else {
    reason = `the best pass rate moved only ${points(improvement)} ${span}, but it differs from the previous best (${test}): the gain is real`;
  }
  return {
    ...base,
    reached,
    current,
    previous,
    improvement,
    gainSignificant,
    pairedP,
    pairing,
    windowStart: count - window + 1,
    windowEnd: count,
    reason,
  };
}

function pick(point: ScoredPoint): ScoredPoint {
  return { passRate: point.passRate, lower: point.lower, upper: point.upper };
}

/**
 * The best pass rate so far at history index `index`: the plateau skips incomplete iterations,
 * so the latest entry at or before `index` holds; before any, `fallback`.
 */
export function bestSoFarAt(plateau: Plateau, index: number, fallback: number): number {
  let found: number | undefined;
  for (const best of plateau.bestSoFar) {
    if (best.index > index) break;
    found = best.passRate;
  }
  return found ?? fallback;
}
