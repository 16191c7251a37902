import { bestSoFarAt } from '../core/limits/detect-plateau.js';
import type { Readiness } from '../core/readiness/assess-readiness.js';
import {
  type ComparisonSeries,
  comparisonSeries,
  type SweepSeries,
  sweepSeries,
} from './finetune-series.js';
import type { ReportExtras } from './report-extras.js';

export interface IterationPoint {
  index: number;
  label: string;
  passRate: number;
  lower: number;
  upper: number;
  bestSoFar: number;
}

/** The numbers behind every chart: the HTML draws them, Markdown and JSON list them. */
export interface ChartSeries {
  iterations: IterationPoint[];
  /** The window the plateau rule looked at, at the best level; null unless a plateau is reached. */
  plateau: { start: number; end: number; level: number } | null;
  targetPassRate: number;
  passRates: { label: string; passRate: number; lower: number; upper: number }[];
  /** `value` is distinct-2 across inputs, or `tradeoffMeasure` says what else. */
  tradeoff: { label: string; consistency: number; value: number }[];
  /**
   * Distinct-2 across inputs; for labels and short answers (any pair), where distinct-n is not
   * creativity, the answer spread across inputs instead: 1 − the share of the most common answer.
   */
  tradeoffMeasure: 'diversity' | 'answer spread';
  /** Why diversity does not apply (`label outputs`, `short answers …`); null when it does. */
  tradeoffReason: string | null;
  /** Pairs left out of the trade-off chart: fewer than 2 repeats, or too few outputs. */
  tradeoffMissing: string[];
  consistencyTarget: number | null;
  diversityFloor: number | null;
  cost: {
    points: { monthlyCalls: number; promptPer1000: number; finetunedPer1000: number }[];
    breakEven: { monthlyCalls: number; per1000: number } | null;
    promptLabel: string;
    finetunedLabel: string;
  } | null;
  /** The latest comparison of a finetuned model, when there is one. */
  comparison: ComparisonSeries | null;
  /** The latest sampling sweep, when there is one. */
  sweep: SweepSeries | null;
}

export function chartSeries(readiness: Readiness, extras: ReportExtras = {}): ChartSeries {
  const { limits, economics } = readiness;
  const plateau = limits.plateau;
  const tradeoff: ChartSeries['tradeoff'] = [];
  const tradeoffMissing: string[] = [];
  const notApplicable = readiness.points.find(
    (point) => !point.quality.diversityApplicability.applies,
  );
  const tradeoffMeasure = notApplicable ? 'answer spread' : 'diversity';
  for (const point of readiness.points) {
    const { consistency, diversity, diversityApplicability } = point.quality;
    const answers = diversityApplicability.answers;
    const value =
      tradeoffMeasure === 'diversity' ? diversity : answers ? 1 - answers.modalShare : null;
    if (consistency === null || value === null) tradeoffMissing.push(point.label);
    else tradeoff.push({ label: point.label, consistency, value });
  }
  const promptCost = economics.bestPrompt?.costPerCall ?? null;
  const breakEven = economics.breakEvenMonthlyCalls;
  return {
    iterations: limits.iterations.map((iteration) => ({
      index: iteration.index,
      // An incomplete group is shown, never counted: the label says so beside its figure.
      label: iteration.incomplete
        ? `${iteration.label} (incomplete: ${iteration.errors} of ${iteration.trials} calls failed)`
        : iteration.label,
      passRate: iteration.passRate,
      lower: iteration.lower,
      upper: iteration.upper,
      bestSoFar: bestSoFarAt(plateau, iteration.index, iteration.passRate),
    })),
    plateau:
      plateau.reached &&
      plateau.windowStart !== null &&
      plateau.windowEnd !== null &&
      plateau.current
        ? { start: plateau.windowStart, end: plateau.windowEnd, level: plateau.current.passRate }
        : null,
    targetPassRate: readiness.targets.passRate,
    passRates: readiness.points.map((point) => ({
      label: point.label,
      passRate: point.passRate,
      lower: point.lower,
      upper: point.upper,
    })),
    tradeoff,
    tradeoffMeasure,
    tradeoffReason: notApplicable?.quality.diversityApplicability.reason ?? null,
    tradeoffMissing,
    consistencyTarget: readiness.targets.consistency ?? null,
    diversityFloor: readiness.targets.diversityFloor ?? null,
    cost:
      economics.curve.length === 0 || !economics.bestPrompt || !economics.finetuned
        ? null
        : {
            points: economics.curve,
            breakEven:
              breakEven === null || promptCost === null
                ? null
                : { monthlyCalls: breakEven, per1000: promptCost * 1000 },
            promptLabel: `best prompt: ${economics.bestPrompt.label}`,
            finetunedLabel: `finetuned ${economics.finetuned.baseRef}, short prompt`,
          },
    comparison: comparisonSeries(extras),
    sweep: sweepSeries(extras),
  };
}
