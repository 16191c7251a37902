import { failedCallAdvice } from '../eval/failed-calls.js';
import {
  casesToDecideTarget,
  casesToSeparate,
  type TargetPower,
} from '../statistics/cases-needed.js';
import {
  comparePairedCases,
  type PairedCaseComparison,
} from '../statistics/paired-case-comparison.js';
import type { TaskConfig } from '../task/task-schema.js';
import {
  defaultPlateauOptions,
  detectPlateau,
  type Plateau,
  type PlateauOptions,
} from './detect-plateau.js';
import type { CheckFailureCount, ErrorReason, EvidenceStore, GroupKey } from './evidence-store.js';
import { type FailureSplit, splitFailures } from './failure-split.js';
import type { Iteration } from './iteration.js';
import { bestIteration, listIterations } from './list-iterations.js';
import { measureGroupQuality, type QualityFigures } from './measure-group-quality.js';
import { buildSolvedMatrix, type SolvedMatrix } from './solved-matrix.js';

export interface HardCase {
  caseId: string;
  /** Share of all trials, over every iteration, that passed. */
  solveRate: number;
  trials: number;
  passed: number;
  /** Variants that solved it at least once. */
  solvedBy: string[];
  /** A failing output of the best prompt for this case (untrusted model text). */
  bestPromptOutput: string | null;
}

export interface BestMiss {
  caseId: string;
  passed: number;
  /** Answered repeats (failed calls left out). */
  trials: number;
  /** A failing output (untrusted model text); null when every failure was a failed call. */
  output: string | null;
}

/** A group shown but not counted: too many of its calls failed. */
export interface IncompleteGroup {
  iteration: Iteration;
  reasons: ErrorReason[];
  /** What to do about the commonest reason. */
  fix: string;
}

/** Best against runner-up, paired over cases, and the cases that would settle it. */
export interface Separation {
  runnerUp: Iteration;
  comparison: PairedCaseComparison;
  /** Paired cases for p < 0.05 at 80 % power at the observed difference; null: equal arms. */
  casesNeeded: number | null;
}

export interface LimitsOptions extends PlateauOptions {
  /** A case solved in fewer than this share of its trials (but at least once) is rarely solved. */
  rareBelow: number;
}

/** Options as callers pass them: unset or undefined fields take the defaults. */
export type LimitsOverrides = { [K in keyof LimitsOptions]?: LimitsOptions[K] | undefined };

export const defaultLimitsOptions: LimitsOptions = { ...defaultPlateauOptions, rareBelow: 0.2 };

export interface LimitsAnalysis {
  options: LimitsOptions;
  iterations: Iteration[];
  plateau: Plateau;
  best: Iteration | undefined;
  matrix: SolvedMatrix;
  neverSolved: HardCase[];
  rarelySolved: HardCase[];
  /** At the best iteration. */
  failures: FailureSplit | undefined;
  /** The cases the best iteration fails most often, worst first (at most 20). */
  bestMisses: BestMiss[];
  checkFailures: CheckFailureCount[];
  quality: QualityFigures | undefined;
  /** Groups with more failed calls than the policy allows: named, never counted. */
  incomplete: IncompleteGroup[];
  separation: Separation | undefined;
  /** Eval cases that would show the pass-rate target missed (or met) with confidence. */
  targetPower: TargetPower | undefined;
}

/** Where prompting stops: the history, its plateau, the cases no prompt solves, and why the best fails. */
export function analyzeLimits(
  store: EvidenceStore,
  task: TaskConfig,
  options: LimitsOverrides = {},
): LimitsAnalysis {
  const settings: LimitsOptions = {
    delta: options.delta ?? defaultLimitsOptions.delta,
    window: options.window ?? defaultLimitsOptions.window,
    rareBelow: options.rareBelow ?? defaultLimitsOptions.rareBelow,
  };
  const iterations = listIterations(store, task);
  const complete = iterations.filter((iteration) => !iteration.incomplete);
  const tallyCache = new Map<number, ReturnType<typeof answeredTallies>>();
  const talliesOf = (iteration: Iteration) => {
    let tallies = tallyCache.get(iteration.index);
    if (!tallies) {
      tallies = answeredTallies(store, iteration);
      tallyCache.set(iteration.index, tallies);
    }
    return tallies;
  };
  const plateau = renumberPlateau(
    detectPlateau(complete, settings, (current, previous) => {
      const first = complete[current - 1];
      const second = complete[previous - 1];
      if (!first || !second) return undefined;
      return comparePairedCases(talliesOf(first), talliesOf(second));
    }),
    complete,
  );
  const best = bestIteration(iterations);
  const tallies = store.variantCaseTallies(task.name, task.policy.maxFailedShare);
  const matrix = buildSolvedMatrix(
    tallies,
    task.variants.map((variant) => variant.name),
  );
  const solvedBy = new Map<string, string[]>();
  for (const tally of tallies) {
    if (tally.passed === 0) continue;
    const list = solvedBy.get(tally.caseId) ?? [];
    list.push(tally.variant);
    solvedBy.set(tally.caseId, list);
  }
  let failures: FailureSplit | undefined;
  let checkFailures: CheckFailureCount[] = [];
  let quality: QualityFigures | undefined;
  let failingOutputs = new Map<string, string>();
  let bestMisses: BestMiss[] = [];
  if (best) {
    const bestTallies = store.caseTallies(best);
    failures = splitFailures(bestTallies, (caseId) =>
      (solvedBy.get(caseId) ?? []).some((variant) => variant !== best.variant),
    );
    checkFailures = store.checkFailures(best);
    const measured = measureGroupQuality(store, best, {
      jsonOutputs: task.output.kind === 'json',
      labelOutputs: task.output.kind === 'label',
    });
    quality = measured.quality;
    failingOutputs = measured.failingOutputs;
    // Over answered repeats: a case whose calls failed is not a miss of the prompt.
    bestMisses = bestTallies
      .map((tally) => ({ ...tally, answered: tally.trials - tally.errors }))
      .filter((tally) => tally.answered > 0 && tally.passed < tally.answered)
      .sort(
        (a, b) => a.passed / a.answered - b.passed / b.answered || a.caseId.localeCompare(b.caseId),
      )
      .slice(0, 20)
      .map((tally) => ({
        caseId: tally.caseId,
        passed: tally.passed,
        trials: tally.answered,
        output: failingOutputs.get(tally.caseId) ?? null,
      }));
  }
  const runnerUp = best
    ? bestIteration(complete.filter((iteration) => iteration.index !== best.index))
    : undefined;
  let separation: Separation | undefined;
  if (best && runnerUp) {
    const comparison = comparePairedCases(talliesOf(best), talliesOf(runnerUp));
    if (comparison) {
      separation = { runnerUp, comparison, casesNeeded: casesToSeparate(comparison) };
    }
  }
  const incomplete = iterations
    .filter((iteration) => iteration.incomplete)
    .map((iteration) => {
      const reasons = store.errorReasons(iteration);
      const first = reasons[0];
      return {
        iteration,
        reasons,
        fix: first
          ? failedCallAdvice(first.code, first.message)
          : 'nothing was answered: evaluate this variant and model again',
      };
    });
  const hardCase = (row: SolvedMatrix['cases'][number]): HardCase => ({
    caseId: row.caseId,
    solveRate: row.solveRate,
    trials: row.trials,
    passed: row.passed,
    solvedBy: solvedBy.get(row.caseId) ?? [],
    bestPromptOutput: failingOutputs.get(row.caseId) ?? null,
  });
  const neverSolved = matrix.cases.filter((row) => row.trials > 0 && row.passed === 0);
  const rarelySolved = matrix.cases.filter(
    (row) => row.passed > 0 && row.solveRate < settings.rareBelow,
  );
  return {
    options: settings,
    iterations,
    plateau,
    best,
    matrix,
    neverSolved: neverSolved.map(hardCase),
    rarelySolved: rarelySolved.map(hardCase),
    failures,
    bestMisses,
    checkFailures,
    quality,
    incomplete,
    separation,
    targetPower: best
      ? casesToDecideTarget(
          { rate: best.passRate, designEffect: best.designEffect },
          task.targets.passRate,
        )
      : undefined,
  };
}

function answeredTallies(store: EvidenceStore, group: GroupKey) {
  return store.caseTallies(group).map((tally) => ({
    caseId: tally.caseId,
    answered: tally.trials - tally.errors,
    passed: tally.passed,
  }));
}

/** The plateau ran over complete iterations only: give its positions as history indices. */
function renumberPlateau(plateau: Plateau, complete: readonly Iteration[]): Plateau {
  const historyIndex = (position: number) => complete[position - 1]?.index ?? position;
  const renumber = <T extends { index: number; bestIndex: number }>(best: T): T => ({
    ...best,
    index: historyIndex(best.index),
    bestIndex: historyIndex(best.bestIndex),
  });
  return {
    ...plateau,
    bestSoFar: plateau.bestSoFar.map(renumber),
    current: plateau.current && renumber(plateau.current),
    previous: plateau.previous && renumber(plateau.previous),
    windowStart: plateau.windowStart === null ? null : historyIndex(plateau.windowStart),
    windowEnd: plateau.windowEnd === null ? null : historyIndex(plateau.windowEnd),
  };
}
