import type { Prompt } from '../../spec/prompt.js';
import type { TrainingTokenCounterSource } from '../../spec/training-token-counter.js';
import { prepareRun } from '../eval/prepare-run.js';
import { jobTrainingTokens } from '../finetune/job-training-tokens.js';
import {
  analyzeLimits,
  type LimitsAnalysis,
  type LimitsOverrides,
} from '../limits/analyze-limits.js';
import type { EvidenceStore } from '../limits/evidence-store.js';
import { type VariantModelPoint, variantModelPoints } from '../limits/variant-model-points.js';
import { type LintReport, lintTask } from '../prompt-lab/lint-task.js';
import { plainVariant } from '../prompt-lab/plain-variant.js';
import type { EvalCase } from '../task/eval-case.js';
import type { LoadedTask } from '../task/loaded-task.js';
import type { TaskConfig } from '../task/task-schema.js';
import { baselineGate } from './baseline-gate.js';
import { checkTrainingData } from './check-training-data.js';
import { dataGate } from './data-gate.js';
import type { DatasetReadiness } from './dataset-readiness.js';
import { decideVerdict } from './decide-verdict.js';
import type { Economics } from './economics.js';
import { economicsBaseModel, estimateEconomics } from './estimate-economics.js';
import { fitGate } from './fit-gate.js';
import type { GateInputs } from './gate-inputs.js';
import type { GateResult, Verdict } from './gate-result.js';
import { limitsGate } from './limits-gate.js';
import { promptingGate } from './prompting-gate.js';

export interface Readiness {
  task: { name: string; file: string };
  targets: TaskConfig['targets'];
  generatedAt: string;
  verdict: Verdict;
  verdictReason: string;
  nextActions: string[];
  gates: GateResult[];
  economics: Economics;
  limits: LimitsAnalysis;
  lint: LintReport;
  dataset: DatasetReadiness;
  /** Each variant on each model as last evaluated: pass rate, consistency, diversity. */
  points: VariantModelPoint[];
  evalCases: number;
}

export interface AssessOptions extends LimitsOverrides {
  /**
   * Checks the training data for gate 5; defaults to the dataset workbench's checks.
   */
  checkData?: (task: LoadedTask) => Promise<DatasetReadiness>;
  /** The base model's own tokenizer for the training tokens (local models); else tiktoken. */
  counters?: TrainingTokenCounterSource | undefined;
  now?: () => Date;
}

/** The five gates with their evidence, the economics and the verdict, from the store's history. */
export async function assessReadiness(
  task: LoadedTask,
  store: EvidenceStore,
  options: AssessOptions = {},
): Promise<Readiness> {
  const config = task.config;
  const limits = analyzeLimits(store, config, {
    delta: options.delta ?? config.lab?.plateau?.delta,
    window: options.window ?? config.lab?.plateau?.window,
    rareBelow: options.rareBelow,
  });
  const best = limits.best;
  // Render the best prompt, when the task still defines it, to calibrate token estimates.
  const bestVariant = best
    ? (config.variants.find((variant) => variant.name === best.variant) ??
      (best.variant === plainVariant(config).name ? plainVariant(config) : undefined))
    : undefined;
  const variants = [bestVariant ?? config.variants[0]].filter((variant) => variant !== undefined);
  const plan = await prepareRun({ ...task, config: { ...config, variants } }, {});
  const evalCases = plan.cases;
  const renderBest: ((evalCase: EvalCase) => Prompt) | undefined = bestVariant
    ? plan.variants[0]?.render
    : undefined;
  const dataset = await (options.checkData ?? checkTrainingData)(task);
  const lint = lintTask(config);
  const inputs: GateInputs = { task: config, evalCases: evalCases.length, limits, lint, dataset };
  const limitsResult = limitsGate(inputs);
  const gates = [
    baselineGate(inputs),
    promptingGate(inputs),
    limitsResult,
    fitGate(inputs),
    dataGate(inputs),
  ];
  const decision = decideVerdict(gates, limitsResult);
  const baseModel = best ? economicsBaseModel(config, best) : undefined;
  const counted =
    baseModel === undefined
      ? undefined
      : await jobTrainingTokens(task, { baseModel, counters: options.counters });
  const economics = estimateEconomics({
    task: config,
    best,
    evalCases,
    dataset,
    renderBest,
    // An empty train file is priced like none: at the policy minimum.
    trainingTokens: counted !== undefined && counted.examples > 0 ? counted : undefined,
  });
  return {
    task: { name: config.name, file: task.file },
    targets: config.targets,
    generatedAt: (options.now?.() ?? new Date()).toISOString(),
    verdict: decision.verdict,
    verdictReason: decision.reason,
    nextActions: decision.nextActions,
    gates: gates.map(stripExtras),
    economics,
    limits,
    lint,
    dataset,
    points: variantModelPoints(store, limits.iterations, {
      jsonOutputs: config.output.kind === 'json',
    }),
    evalCases: evalCases.length,
  };
}

function stripExtras(gate: GateResult & { meetsTargets?: boolean }): GateResult {
  const { meetsTargets: _meetsTargets, ...rest } = gate;
  return rest;
}
