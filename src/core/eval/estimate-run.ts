import { callCost } from '../economics/call-cost.js';
import { lookupPrice } from '../economics/price-table.js';
import { estimateTokens } from './execute-cell.js';
import type { RunPlan } from './prepare-run.js';

export interface ModelEstimate {
  model: string;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  /** US dollars; null when the model's price is unknown. */
  cost: number | null;
}

export interface RunEstimate {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  cost: number | null;
  models: ModelEstimate[];
  /** How the figures were made, printed next to them. */
  method: string;
}

/**
 * What a run would spend, before anything is spent: every prompt is rendered and counted at four
 * characters a token; outputs are counted from the expected answers (or max tokens when set).
 */
export function estimateRun(plan: RunPlan): RunEstimate {
  const config = plan.task.config;
  const field = config.output.field;
  let inputPerPass = 0;
  let outputPerPass = 0;
  for (const variant of plan.variants) {
    for (const evalCase of plan.cases) {
      const prompt = variant.render(evalCase);
      const expected = evalCase.fields[field];
      const expectedTokens =
        expected === undefined ? 256 : Math.ceil(String(expected).length / 4) + 1;
      for (const point of variant.points) {
        inputPerPass += estimateTokens(prompt);
        outputPerPass += point.maxTokens
          ? Math.min(point.maxTokens, expectedTokens)
          : expectedTokens;
      }
    }
  }
  const inputTokens = inputPerPass * plan.repeats;
  const outputTokens = outputPerPass * plan.repeats;
  const callsPerModel = plan.totalCells / Math.max(plan.models.length, 1);
  const models = plan.models.map((model) => {
    const price = model.config.price ?? lookupPrice(model.config.ref, config.prices);
    return {
      model: model.name,
      calls: callsPerModel,
      inputTokens,
      outputTokens,
      cost: price ? callCost({ inputTokens, outputTokens }, price) : null,
    };
  });
  const known = models.every((model) => model.cost !== null);
  return {
    calls: plan.totalCells,
    inputTokens: inputTokens * models.length,
    outputTokens: outputTokens * models.length,
    cost: known ? models.reduce((sum, model) => sum + (model.cost ?? 0), 0) : null,
    models,
    method:
      'prompts rendered and counted at 4 characters a token; outputs sized from expected answers',
  };
}
