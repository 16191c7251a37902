import { useMemo } from 'react';
import type { ReadinessView } from '../../api-contract.js';
import { costChart } from '../charts/cost-chart.js';
import { iterationChart } from '../charts/iteration-chart.js';
import { passRateChart } from '../charts/pass-rate-chart.js';
import { tradeoffChart } from '../charts/tradeoff-chart.js';
import { ChartCanvas } from '../components/chart-canvas.js';
import { EconomicsSummary } from '../components/economics-summary.js';
import { ErrorBox } from '../components/error-box.js';
import { GateCard } from '../components/gate-card.js';
import { useApi } from '../lib/use-api.js';

const verdictWords = {
  'keep-prompting': 'Keep prompting',
  'not-ready': 'Not ready to finetune',
  finetune: 'Finetune',
} as const;

export function ReadyPage() {
  const readiness = useApi<ReadinessView>('/api/readiness');
  const charts = useMemo(() => {
    const series = readiness.data?.charts;
    if (!series) return undefined;
    return {
      iterations: series.iterations.length > 0 ? iterationChart(series) : undefined,
      passRates: series.passRates.length > 0 ? passRateChart(series) : undefined,
      tradeoff: series.tradeoff.length > 0 ? tradeoffChart(series) : undefined,
      cost: series.cost ? costChart(series.cost) : undefined,
    };
  }, [readiness.data]);
  if (readiness.error) return <ErrorBox error={readiness.error} />;
  const data = readiness.data;
  if (!data || !charts) return <p className="muted">weighing the evidence…</p>;
  return (
    <section data-testid="ready-page">
      <h1>Ready to finetune?</h1>
      <div className={`verdict verdict-${data.verdict}`} data-testid="verdict">
        <strong className="verdict-title">{verdictWords[data.verdict]}</strong>
        <p>{data.reason}</p>
        {data.nextActions.length > 0 && (
          <ul>
            {data.nextActions.map((action) => (
              <li key={action}>{action}</li>
            ))}
          </ul>
        )}
      </div>
      <h2>The five gates</h2>
      <div className="gates">
        {data.gates.map((gate) => (
          <GateCard key={gate.id} gate={gate} />
        ))}
      </div>
      <h2>Economics</h2>
      <EconomicsSummary economics={data.economics} />
      <h2>Charts</h2>
      <div className="chart-grid">
        {charts.iterations && (
          <ChartCanvas chart={charts.iterations} label="pass rate by iteration and the plateau" />
        )}
        {charts.passRates && (
          <ChartCanvas chart={charts.passRates} label="pass rate of each variant on each model" />
        )}
        {charts.tradeoff && (
          <ChartCanvas chart={charts.tradeoff} label="consistency against diversity" />
        )}
        {charts.cost && <ChartCanvas chart={charts.cost} label="cost per 1,000 calls by volume" />}
      </div>
      {data.charts.tradeoffReason !== null && (
        <p className="muted">
          Diversity n/a ({data.charts.tradeoffReason}): distinct-n of labels or answers of a few
          words is not creativity; the trade-off chart shows the answer spread across inputs (1 −
          share of the most common answer) instead.
        </p>
      )}
      {data.charts.tradeoffMissing.length > 0 && (
        <p className="muted">
          Not in the trade-off chart (too few repeats or outputs):{' '}
          {data.charts.tradeoffMissing.join(', ')}
        </p>
      )}
    </section>
  );
}
