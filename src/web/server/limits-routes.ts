import { describeTrainingTokens } from '../../core/datasets/training-token-count.js';
import { analyzeLimits, type HardCase } from '../../core/limits/analyze-limits.js';
import { bestSoFarAt, type Plateau } from '../../core/limits/detect-plateau.js';
import type { Iteration } from '../../core/limits/iteration.js';
import { assessReadiness } from '../../core/readiness/assess-readiness.js';
import { localTrainingTokenCounters } from '../../engines/trainer/data/llama-cpp-training-token-counter.js';
import { chartSeries } from '../../report/chart-series.js';
import type {
  HardCaseView,
  IterationChartView,
  IterationView,
  LimitsView,
  ReadinessView,
} from '../api-contract.js';
import { type ApiRoute, route } from './api-route.js';

/** Heat-map rows sent at most (hardest first); the rest are counted. */
const heatMapCases = 2_000;

function iterationView(iteration: Iteration): IterationView {
  return {
    index: iteration.index,
    label: iteration.label,
    runId: iteration.runId,
    variant: iteration.variant,
    model: iteration.model,
    trials: iteration.trials,
    passRate: iteration.passRate,
    lower: iteration.lower,
    upper: iteration.upper,
  };
}

function hardCaseView(hard: HardCase): HardCaseView {
  return {
    caseId: hard.caseId,
    solveRate: hard.solveRate,
    solvedBy: hard.solvedBy,
    bestPromptOutput: hard.bestPromptOutput,
  };
}

/** The same series as the report's iterations chart (src/report/chart-series.ts). */
function iterationChart(
  iterations: readonly Iteration[],
  plateau: Plateau,
  targetPassRate: number,
): IterationChartView {
  return {
    iterations: iterations.map((iteration) => ({
      index: iteration.index,
      label: iteration.label,
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
    targetPassRate,
  };
}

export const limitsRoutes: ApiRoute[] = [
  route('GET', '/api/limits', async ({ app }): Promise<LimitsView> => {
    const task = await app.task.get();
    const config = task.config;
    const limits = analyzeLimits(app.store, config, {
      delta: config.lab?.plateau?.delta,
      window: config.lab?.plateau?.window,
    });
    const plateau = limits.plateau;
    return {
      iterations: limits.iterations.map(iterationView),
      best: limits.best ? iterationView(limits.best) : null,
      plateau: {
        reached: plateau.reached,
        reason: plateau.reason,
        delta: plateau.delta,
        window: plateau.window,
        windowStart: plateau.windowStart,
        windowEnd: plateau.windowEnd,
      },
      chart: iterationChart(limits.iterations, plateau, config.targets.passRate),
      matrix: {
        variants: limits.matrix.variants,
        cases: limits.matrix.cases.slice(0, heatMapCases),
        omittedCases: Math.max(0, limits.matrix.cases.length - heatMapCases),
      },
      neverSolved: limits.neverSolved.map(hardCaseView),
      rarelySolved: limits.rarelySolved.map(hardCaseView),
    };
  }),

  route('GET', '/api/readiness', async ({ app }): Promise<ReadinessView> => {
    const task = await app.task.get();
    const readiness = await assessReadiness(task, app.store, {
      counters: localTrainingTokenCounters({ cwd: task.directory, env: app.env }),
    });
    const economics = readiness.economics;
    const charts = chartSeries(readiness);
    return {
      verdict: readiness.verdict,
      reason: readiness.verdictReason,
      nextActions: readiness.nextActions,
      gates: readiness.gates.map((gate) => ({ ...gate })),
      economics: {
        summary: economics.summary,
        bestPromptCostPerCall: economics.bestPrompt?.costPerCall ?? null,
        finetunedCostPerCall: economics.finetuned?.costPerCall ?? null,
        trainingCost: economics.training?.cost ?? null,
        trainingTokens: economics.training ? describeTrainingTokens(economics.training) : null,
        breakEvenMonthlyCalls: economics.breakEvenMonthlyCalls,
        paybackMonths: economics.paybackMonths,
        neverBreaksEven: economics.neverBreaksEven,
      },
      charts: { ...charts },
      generatedAt: readiness.generatedAt,
    };
  }),
];
