import type { TaskConfig } from '../task/task-schema.js';
import {
  defaultPlateauOptions,
  detectPlateau,
  type Plateau,
  type PlateauOptions,
} from './detect-plateau.js';
import type { CheckFailureCount, EvidenceStore } from './evidence-store.js';
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
  trials: number;
  /** A failing output (untrusted model text); null when every failure was a failed call. */
  output: string | null;
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
  const plateau = detectPlateau(iterations, settings);
  const best = bestIteration(iterations);
  const tallies = store.variantCaseTallies(task.name);
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
    bestMisses = bestTallies
      .filter((tally) => tally.passed < tally.trials)
      .sort((a, b) => a.passed / a.trials - b.passed / b.trials || a.caseId.localeCompare(b.caseId))
      .slice(0, 20)
      .map((tally) => ({
        caseId: tally.caseId,
        passed: tally.passed,
        trials: tally.trials,
        output: failingOutputs.get(tally.caseId) ?? null,
      }));
  }
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
  };
}
