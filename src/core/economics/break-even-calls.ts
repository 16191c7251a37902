/**
 * Calls at which a finetune pays for its training: training cost ÷ (cost per call of the best
 * prompt − cost per call of the finetuned model). `undefined` when the finetune saves nothing
 * per call (it never breaks even). Divide by monthly volume for months to break even.
 */
export function breakEvenCalls(
  trainingCost: number,
  promptCostPerCall: number,
  finetunedCostPerCall: number,
): number | undefined {
  const saving = promptCostPerCall - finetunedCostPerCall;
  if (!(saving > 0)) return undefined;
  return trainingCost / saving;
}
