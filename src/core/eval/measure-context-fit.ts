import type { ContextMeter } from '../../spec/context-meter.js';
import type { LanguageModel } from '../../spec/language-model.js';
import type { Problem } from '../../spec/problem.js';
import { TunegateError } from '../../spec/tunegate-error.js';
import { analyzeContextFit, type ContextFinding, type MeteredModel } from './context-fit.js';
import {
  byteBoundMeter,
  estimatedContextMeter,
  hostedContextWindow,
} from './estimated-context-meter.js';
import type { RunPlan } from './prepare-run.js';

export interface CheckedModel {
  model: string;
  contextSize: number;
  /** How its tokens were counted. */
  method: string;
}

export interface SkippedModel {
  model: string;
  reason: string;
}

/** The plan-time check of a run: what was checked, what could not be, and what does not fit. */
export interface ContextFitReport {
  checked: CheckedModel[];
  skipped: SkippedModel[];
  findings: ContextFinding[];
}

/**
 * Checks a plan against each model's context before anything is spent. A model that counts
 * its own tokens (a local model) is measured exactly; a hosted one with a known context window
 * is bounded by byte length, and estimated with its tokenizer only where the bound does not
 * clear it; any other is skipped, and listed as skipped.
 */
export async function measureContextFit(
  plan: RunPlan,
  models: ReadonlyMap<string, LanguageModel | undefined>,
): Promise<ContextFitReport> {
  const checked: CheckedModel[] = [];
  const skipped: SkippedModel[] = [];
  const metered: MeteredModel[] = [];
  const fitPlan = {
    cases: plan.cases,
    variants: plan.variants,
    answerField: plan.task.config.output.field,
  };
  for (const planned of plan.models) {
    const model = models.get(planned.name);
    let meter: ContextMeter | undefined;
    if (model?.contextMeter !== undefined) meter = await model.contextMeter();
    else {
      const window = hostedContextWindow(planned.config);
      if (window !== undefined) {
        const bound = byteBoundMeter(window);
        const clear = analyzeContextFit(fitPlan, [{ name: planned.name, meter: bound }]);
        meter = clear.length === 0 ? bound : await estimatedContextMeter(planned.config, window);
      }
    }
    if (meter === undefined) {
      skipped.push({
        model: planned.name,
        reason: 'its context window is unknown (set contextWindow: on the model to check it)',
      });
      continue;
    }
    checked.push({ model: planned.name, contextSize: meter.contextSize, method: meter.method });
    metered.push({ name: planned.name, meter });
  }
  const findings = analyzeContextFit(fitPlan, metered);
  return { checked, skipped, findings };
}

/** Refuses a run whose prompts or answers do not fit; every finding is one problem. */
export function contextOverflowError(findings: readonly ContextFinding[]): TunegateError {
  const problems: Problem[] = findings.map((finding) => ({
    code: finding.kind,
    message: finding.message,
    path: [],
  }));
  const count = findings.length === 1 ? '1 finding' : `${findings.length} findings`;
  return new TunegateError(
    'CONTEXT_OVERFLOW',
    `refusing to start, nothing was run: prompts or answers do not fit the model's context (${count}); ` +
      `shorten the prompts, raise the context or maxTokens, or pass --allow-overflow to run anyway\n  ${findings[0]?.message ?? ''}`,
    { problems },
  );
}
