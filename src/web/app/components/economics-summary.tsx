import type { EconomicsView } from '../../api-contract.js';
import { count, money } from '../lib/format.js';

export function EconomicsSummary({ economics }: { economics: EconomicsView }) {
  return (
    <div className="economics" data-testid="economics">
      <p>{economics.summary}</p>
      <dl>
        <dt>Best prompt, per call</dt>
        <dd>{money(economics.bestPromptCostPerCall)}</dd>
        <dt>Finetuned model, per call</dt>
        <dd>{money(economics.finetunedCostPerCall)}</dd>
        <dt>Training</dt>
        <dd>
          {money(economics.trainingCost)}
          {economics.trainingTokens === null ? '' : ` (${economics.trainingTokens})`}
        </dd>
        <dt>Break-even</dt>
        <dd>
          {economics.neverBreaksEven
            ? 'never: the finetune costs as much or more per call'
            : economics.breakEvenMonthlyCalls === null
              ? 'unknown (a price is missing)'
              : `${count(economics.breakEvenMonthlyCalls)} calls a month over ${economics.paybackMonths} months`}
        </dd>
      </dl>
    </div>
  );
}
