import { mcnemarExact } from '../metrics/mcnemar-exact.js';
import { pairedBootstrap } from '../metrics/paired-bootstrap.js';
import { wilsonInterval } from '../metrics/wilson-interval.js';
import type { EvalStore } from './eval-store.js';
import type { QualityOptions } from './quality-options.js';
import { type GroupSummary, summarizeRun } from './summarize-run.js';

interface Trial {
  passed: boolean;
  output: string | null;
}

export interface FlippedCase {
  caseId: string;
  repeat: number;
  group: string;
  before: string | null;
  after: string | null;
}

export interface RunComparison {
  runA: string;
  runB: string;
  /** How cells were paired: the full cell coordinates, or (case, repeat) of two single-group runs. */
  pairing: 'cell' | 'case';
  pairs: number;
  passRateA: number;
  passRateB: number;
  /** B minus A, with a seeded paired-bootstrap 95 % interval. */
  difference: { mean: number; lower: number; upper: number } | null;
  mcnemarP: number | null;
  /** Passed in A, failed in B. */
  regressions: FlippedCase[];
  /** Failed in A, passed in B. */
  improvements: FlippedCase[];
  consistency: { a: number | null; b: number | null; change: number | null };
  diversity: {
    /** Means over the groups where diversity applies (not labels or short answers). */
    withinDistinct2: { a: number | null; b: number | null; change: number | null };
    acrossSelfBleu: { a: number | null; b: number | null; change: number | null };
    /** Why no group of either run has diversity that means variety; null when some have. */
    notApplicable: string | null;
  };
  wilsonA: { lower: number; upper: number };
  wilsonB: { lower: number; upper: number };
}

/** Compares two runs on the cells they share: pass rate, McNemar, flips, consistency, diversity. */
export function compareRuns(
  store: EvalStore,
  runA: string,
  runB: string,
  options: Partial<QualityOptions> = {},
): RunComparison {
  const groupsA = new Set<string>();
  const groupsB = new Set<string>();
  const trialsA = new Map<string, Trial & { group: string; caseId: string; repeat: number }>();
  for (const cell of store.iterateCells(runA)) {
    const group = `${cell.variant} on ${cell.model} #${cell.samplingIndex}`;
    groupsA.add(group);
    trialsA.set(cell.key, {
      passed: cell.passed === true,
      output: cell.output,
      group,
      caseId: cell.caseId,
      repeat: cell.repeat,
    });
  }
  const pairsOnCells = [...store.iterateCells(runB)];
  for (const cell of pairsOnCells)
    groupsB.add(`${cell.variant} on ${cell.model} #${cell.samplingIndex}`);
  let pairing: 'cell' | 'case' = 'cell';
  let lookup = (cell: (typeof pairsOnCells)[number]) => trialsA.get(cell.key);
  if (
    !pairsOnCells.some((cell) => trialsA.has(cell.key)) &&
    groupsA.size === 1 &&
    groupsB.size === 1
  ) {
    // Two single-group runs (e.g. before and after a finetune) pair on case and repeat.
    pairing = 'case';
    const byCase = new Map(
      [...trialsA.values()].map((trial) => [`${trial.caseId}\u0000${trial.repeat}`, trial]),
    );
    lookup = (cell) => byCase.get(`${cell.caseId}\u0000${cell.repeat}`);
  }
  const a: number[] = [];
  const b: number[] = [];
  const regressions: FlippedCase[] = [];
  const improvements: FlippedCase[] = [];
  for (const cell of pairsOnCells) {
    const before = lookup(cell);
    if (!before) continue;
    const after = cell.passed === true;
    a.push(before.passed ? 1 : 0);
    b.push(after ? 1 : 0);
    if (before.passed === after) continue;
    const flip = {
      caseId: cell.caseId,
      repeat: cell.repeat,
      group: before.group,
      before: before.output,
      after: cell.output,
    };
    (before.passed ? regressions : improvements).push(flip);
  }
  const passedA = a.reduce((sum, value) => sum + value, 0);
  const passedB = b.reduce((sum, value) => sum + value, 0);
  // Fewer resamples on very large runs keep diff interactive (resamples × pairs draws).
  const resamples = Math.max(
    1000,
    Math.min(10_000, Math.floor(20_000_000 / Math.max(a.length, 1))),
  );
  const bootstrap = pairedBootstrap(b, a, { seed: 0, resamples });
  const summaryA = summarizeRun(store, runA, options);
  const summaryB = summarizeRun(store, runB, options);
  const varied = (groups: GroupSummary[]) =>
    groups.filter((group) => group.diversityApplicability.applies);
  const meanOf = (values: (number | null | undefined)[]) => {
    const known = values.filter((value): value is number => typeof value === 'number');
    return known.length === 0 ? null : known.reduce((sum, value) => sum + value, 0) / known.length;
  };
  const change = (x: number | null, y: number | null) => ({
    a: x,
    b: y,
    change: x === null || y === null ? null : y - x,
  });
  const wilsonA = wilsonInterval(passedA, a.length);
  const wilsonB = wilsonInterval(passedB, b.length);
  return {
    runA,
    runB,
    pairing,
    pairs: a.length,
    passRateA: wilsonA.rate,
    passRateB: wilsonB.rate,
    difference: bootstrap
      ? { mean: bootstrap.meanDifference, lower: bootstrap.lower, upper: bootstrap.upper }
      : null,
    mcnemarP: a.length === 0 ? null : mcnemarExact(regressions.length, improvements.length),
    regressions,
    improvements,
    consistency: change(
      meanOf(summaryA.groups.map((group) => group.consistency.modalAgreement)),
      meanOf(summaryB.groups.map((group) => group.consistency.modalAgreement)),
    ),
    diversity: {
      withinDistinct2: change(
        meanOf(varied(summaryA.groups).map((group) => group.diversityWithin.distinct2)),
        meanOf(varied(summaryB.groups).map((group) => group.diversityWithin.distinct2)),
      ),
      acrossSelfBleu: change(
        meanOf(varied(summaryA.groups).map((group) => group.diversityAcross.selfBleu?.value)),
        meanOf(varied(summaryB.groups).map((group) => group.diversityAcross.selfBleu?.value)),
      ),
      notApplicable:
        varied([...summaryA.groups, ...summaryB.groups]).length > 0
          ? null
          : ([...summaryA.groups, ...summaryB.groups][0]?.diversityApplicability.reason ?? null),
    },
    wilsonA: { lower: wilsonA.lower, upper: wilsonA.upper },
    wilsonB: { lower: wilsonB.lower, upper: wilsonB.upper },
  };
}
