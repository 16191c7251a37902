import type { AnsweredTally } from '../statistics/answered-tally.js';
import { casePassRate } from '../statistics/case-pass-rate.js';
import {
  comparePairedCases,
  type PairedCaseComparison,
} from '../statistics/paired-case-comparison.js';
import type { EvalStore } from './eval-store.js';
import type { QualityOptions } from './quality-options.js';
import { type GroupSummary, summarizeRun } from './summarize-run.js';

/** A case whose pass share changed between the runs. */
export interface FlippedCase {
  caseId: string;
  group: string;
  /** Pass share over answered repeats, before and after. */
  shareBefore: number;
  shareAfter: number;
  /** The first answered output of the case in each run (untrusted model text). */
  before: string | null;
  after: string | null;
}

export interface RunComparison {
  runA: string;
  runB: string;
  /**
   * What was paired: the same (variant, model, sampling, case) in both runs, or the case alone
   * when two single-group runs differ in variant or model (before and after a finetune).
   */
  pairing: 'group-case' | 'case';
  /** Paired units (a case, or a case within a group) both runs answered. */
  pairs: number;
  /** "40 cases, 3 repeats each" */
  pairingDescription: string;
  /** Mean case shares over the pairs. */
  passRateA: number;
  passRateB: number;
  /** Case-level 95 % intervals over the pairs. */
  intervalA: { lower: number; upper: number };
  intervalB: { lower: number; upper: number };
  /** B minus A: mean per-pair difference with a seeded paired-bootstrap 95 % interval. */
  difference: { mean: number; lower: number; upper: number } | null;
  /** The paired test over cases (exact McNemar with one repeat, else sign-flip). */
  test: { method: PairedCaseComparison['method']; p: number } | null;
  /** Failed calls in each run: left out of every figure. */
  errorsA: number;
  errorsB: number;
  /** Share lower in B. */
  regressions: FlippedCase[];
  /** Share higher in B. */
  improvements: FlippedCase[];
  consistency: { a: number | null; b: number | null; change: number | null };
  diversity: {
    /** Means over the groups where diversity applies (not labels or short answers). */
    withinDistinct2: { a: number | null; b: number | null; change: number | null };
    acrossSelfBleu: { a: number | null; b: number | null; change: number | null };
    /** Why no group of either run has diversity that means variety; null when some have. */
    notApplicable: string | null;
  };
}

interface Unit extends AnsweredTally {
  group: string;
  output: string | null;
}

/** Per (group, case) answered tallies of a run, with each unit's first answered output. */
function collectUnits(store: EvalStore, runId: string) {
  const units = new Map<string, Unit>();
  const groups = new Set<string>();
  let errors = 0;
  for (const cell of store.iterateCells(runId)) {
    const group = `${cell.variant} on ${cell.model} #${cell.samplingIndex}`;
    groups.add(group);
    const key = JSON.stringify([cell.variant, cell.model, cell.samplingIndex, cell.caseId]);
    let unit = units.get(key);
    if (!unit) {
      unit = { caseId: cell.caseId, group, answered: 0, passed: 0, output: null };
      units.set(key, unit);
    }
    if (cell.status === 'error' || cell.output === null) {
      errors++;
      continue;
    }
    unit.answered++;
    if (cell.passed) unit.passed++;
    unit.output ??= cell.output;
  }
  return { units, groups, errors };
}

/**
 * Compares two runs over the units both answered, the case as the unit of inference: pass
 * rate, paired test, flips, consistency, and diversity where it applies.
 */
export function compareRuns(
  store: EvalStore,
  runA: string,
  runB: string,
  options: Partial<QualityOptions> = {},
): RunComparison {
  const a = collectUnits(store, runA);
  const b = collectUnits(store, runB);
  let pairing: RunComparison['pairing'] = 'group-case';
  let keyOf = (key: string) => key;
  let unitsA = a.units;
  if (
    ![...b.units.keys()].some((key) => a.units.has(key)) &&
    a.groups.size === 1 &&
    b.groups.size === 1
  ) {
    // Two single-group runs (e.g. before and after a finetune) pair on the case alone.
    pairing = 'case';
    unitsA = new Map([...a.units.values()].map((unit) => [unit.caseId, unit]));
    keyOf = (key) => (b.units.get(key) as Unit).caseId;
  }
  // Pair ids are the same on both sides, so the case-level comparison pairs units, not names.
  const pairedA: AnsweredTally[] = [];
  const pairedB: AnsweredTally[] = [];
  const regressions: FlippedCase[] = [];
  const improvements: FlippedCase[] = [];
  for (const [key, after] of b.units) {
    const before = unitsA.get(keyOf(key));
    if (!before || before.answered === 0 || after.answered === 0) continue;
    const id = String(pairedA.length);
    pairedA.push({ caseId: id, answered: before.answered, passed: before.passed });
    pairedB.push({ caseId: id, answered: after.answered, passed: after.passed });
    const shareBefore = before.passed / before.answered;
    const shareAfter = after.passed / after.answered;
    if (shareBefore === shareAfter) continue;
    const flip = {
      caseId: after.caseId,
      group: before.group,
      shareBefore,
      shareAfter,
      before: before.output,
      after: after.output,
    };
    (shareAfter < shareBefore ? regressions : improvements).push(flip);
  }
  const paired = comparePairedCases(pairedB, pairedA);
  const rateA = casePassRate(pairedA);
  const rateB = casePassRate(pairedB);
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
  return {
    runA,
    runB,
    pairing,
    pairs: pairedA.length,
    pairingDescription: paired?.pairing ?? 'no paired cases',
    passRateA: rateA.rate,
    passRateB: rateB.rate,
    intervalA: { lower: rateA.lower, upper: rateA.upper },
    intervalB: { lower: rateB.lower, upper: rateB.upper },
    difference: paired
      ? { mean: paired.meanDifference, lower: paired.lower, upper: paired.upper }
      : null,
    test: paired ? { method: paired.method, p: paired.p } : null,
    errorsA: a.errors,
    errorsB: b.errors,
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
  };
}
