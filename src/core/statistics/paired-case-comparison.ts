import { pairedBootstrap } from '../metrics/paired-bootstrap.js';
import { type AnsweredTally, passShare } from './answered-tally.js';
import { type RepeatRange, repeatRangeLabel, repeatsEachLabel } from './repeat-range.js';
import { signFlipTest } from './sign-flip-test.js';

export interface PairedCaseComparison {
  /** Cases both arms answered: the pairs. */
  cases: number;
  /** Answered repeats per case in each arm over the paired cases (min and max). */
  repeats: { first: { min: number; max: number }; second: { min: number; max: number } };
  /** Mean case share of each arm over the paired cases. */
  rateFirst: number;
  rateSecond: number;
  /** first − second, with a seeded paired-bootstrap 95 % interval over cases (the mean itself when skipped). */
  meanDifference: number;
  lower: number;
  upper: number;
  /** Two-sided p of the paired test; 1 when no case differs. */
  p: number;
  method: 'exact McNemar' | 'sign-flip (exact)' | 'sign-flip (Monte Carlo)';
  /** Cases where the first arm's share is higher, and where the second's is. */
  firstAhead: number;
  secondAhead: number;
  /** Sample standard deviation of the per-case differences (0 with fewer than 2 pairs). */
  differenceSd: number;
  /** "40 cases, 3 repeats each" or "40 cases, 2–3 and 3 repeats". */
  pairing: string;
}

/**
 * Compares two arms on the cases both answered, the case as the unit: per-case pass-share
 * differences, a sign-flip permutation test on them (exact McNemar with one repeat), and a
 * paired bootstrap over cases for the mean difference. Only case shares enter, so copying every
 * trial changes nothing. Undefined when no case was answered by both.
 */
export function comparePairedCases(
  first: Iterable<AnsweredTally>,
  second: Iterable<AnsweredTally>,
  options: { bootstrapResamples?: number; interval?: boolean } = {},
): PairedCaseComparison | undefined {
  const byCase = new Map<string, AnsweredTally>();
  for (const tally of second) if (tally.answered > 0) byCase.set(tally.caseId, tally);
  const firstShares: number[] = [];
  const secondShares: number[] = [];
  const differences: number[] = [];
  const denominators: number[] = [];
  const repeatsFirst = { min: Number.POSITIVE_INFINITY, max: 0 };
  const repeatsSecond = { min: Number.POSITIVE_INFINITY, max: 0 };
  let firstAhead = 0;
  let secondAhead = 0;
  for (const tally of first) {
    const other = byCase.get(tally.caseId);
    const share = passShare(tally);
    if (!other || share === undefined) continue;
    const otherShare = passShare(other) as number;
    firstShares.push(share);
    secondShares.push(otherShare);
    differences.push(share - otherShare);
    denominators.push(tally.answered, other.answered);
    track(repeatsFirst, tally.answered);
    track(repeatsSecond, other.answered);
    if (share > otherShare) firstAhead += 1;
    else if (otherShare > share) secondAhead += 1;
  }
  const cases = differences.length;
  if (cases === 0) return undefined;
  const oneRepeat = repeatsFirst.max === 1 && repeatsSecond.max === 1;
  const test = signFlipTest(differences, { scale: commonDenominator(denominators) });
  // The interval costs resamples × cases; simulations of the test alone skip it.
  const bootstrap =
    options.interval === false
      ? undefined
      : pairedBootstrap(firstShares, secondShares, {
          seed: 0,
          resamples: options.bootstrapResamples ?? bootstrapResamplesFor(cases),
        });
  const mean = (values: readonly number[]) =>
    values.reduce((sum, value) => sum + value, 0) / values.length;
  const meanDifference = mean(differences);
  const differenceSd =
    cases < 2
      ? 0
      : Math.sqrt(
          differences.reduce((sum, value) => sum + (value - meanDifference) ** 2, 0) / (cases - 1),
        );
  return {
    cases,
    repeats: { first: repeatsFirst, second: repeatsSecond },
    rateFirst: mean(firstShares),
    rateSecond: mean(secondShares),
    meanDifference,
    lower: bootstrap?.lower ?? meanDifference,
    upper: bootstrap?.upper ?? meanDifference,
    p: test.p,
    method: oneRepeat
      ? 'exact McNemar'
      : test.method === 'exact'
        ? 'sign-flip (exact)'
        : 'sign-flip (Monte Carlo)',
    firstAhead,
    secondAhead,
    differenceSd,
    pairing: describePairing(cases, repeatsFirst, repeatsSecond),
  };
}

function track(range: { min: number; max: number }, value: number): void {
  range.min = Math.min(range.min, value);
  range.max = Math.max(range.max, value);
}

/** Fewer resamples on very large sets keep commands interactive (resamples × cases draws). */
function bootstrapResamplesFor(cases: number): number {
  return Math.max(1000, Math.min(10_000, Math.floor(20_000_000 / cases)));
}

/** The least common multiple of the repeat counts, or undefined past a million. */
function commonDenominator(counts: readonly number[]): number | undefined {
  let multiple = 1;
  for (const count of new Set(counts)) {
    multiple = (multiple / greatestCommonDivisor(multiple, count)) * count;
    if (multiple > 1_000_000) return undefined;
  }
  return multiple;
}

function greatestCommonDivisor(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

function describePairing(cases: number, first: RepeatRange, second: RepeatRange): string {
  const caseWord = `${cases} case${cases === 1 ? '' : 's'}`;
  const a = repeatRangeLabel(first);
  const b = repeatRangeLabel(second);
  if (a === b) return `${caseWord}, ${repeatsEachLabel(first)}`;
  return `${caseWord}, ${a} and ${b} repeats`;
}
