import { breakEvenCalls } from '../economics/break-even-calls.js';
import { costCurve } from '../readiness/estimate-economics.js';
import type { Comparison } from './comparison.js';

export interface EconomicsInputs {
  /** US$ per 1,000 calls, measured. */
  bestPer1000: number | null;
  finetunedPer1000: number | null;
  trainingCost: number | null;
  trainingMethod: string;
  paybackMonths: number;
}

const dollars = (value: number) =>
  value === 0 ? '$0' : value < 0.01 ? `$${value.toPrecision(2)}` : `$${value.toFixed(2)}`;
const count = (value: number) => Math.round(value).toLocaleString('en-US');

/**
 * Break-even from measured costs: training cost ÷ (best prompt's cost per call − the
 * finetuned model's), spread over the payback months for a monthly volume.
 */
export function comparisonEconomics(inputs: EconomicsInputs): Comparison['economics'] {
  const base = {
    trainingCost: inputs.trainingCost,
    trainingMethod: inputs.trainingMethod,
    breakEvenCalls: null,
    breakEvenMonthlyCalls: null,
    paybackMonths: inputs.paybackMonths,
    neverBreaksEven: false,
    curve: [],
  };
  const { bestPer1000, finetunedPer1000, trainingCost } = inputs;
  if (bestPer1000 === null || finetunedPer1000 === null || trainingCost === null) {
    const missing = [
      bestPer1000 === null ? 'the best prompt’s model' : undefined,
      finetunedPer1000 === null ? 'the finetuned model' : undefined,
      trainingCost === null ? 'training' : undefined,
    ].filter((item) => item !== undefined);
    return {
      ...base,
      summary: `cost unknown: no price for ${missing.join(', ')}; set prices: in the task or lab.finetune.price`,
    };
  }
  const promptCost = bestPer1000 / 1000;
  const finetunedCost = finetunedPer1000 / 1000;
  const calls = breakEvenCalls(trainingCost, promptCost, finetunedCost);
  if (calls === undefined) {
    const same = finetunedPer1000 === bestPer1000;
    return {
      ...base,
      neverBreaksEven: true,
      curve: costCurve(promptCost, finetunedCost, trainingCost, inputs.paybackMonths, undefined),
      summary: same
        ? `no saving per call (${dollars(bestPer1000)} per 1,000 calls either way): finetune only if quality demands it`
        : `never breaks even: the finetuned model costs ${dollars(finetunedPer1000)} per 1,000 calls against ${dollars(bestPer1000)} for the best prompt`,
    };
  }
  const monthly = calls / inputs.paybackMonths;
  return {
    ...base,
    breakEvenCalls: calls,
    breakEvenMonthlyCalls: monthly,
    curve: costCurve(promptCost, finetunedCost, trainingCost, inputs.paybackMonths, monthly),
    summary: `training (${dollars(trainingCost)}) pays for itself after ${count(calls)} calls: ${count(monthly)} calls a month over ${inputs.paybackMonths} months (${dollars(finetunedPer1000)} against ${dollars(bestPer1000)} per 1,000 calls)`,
  };
}
