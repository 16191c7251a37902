import { useMemo } from 'react';
import type { LimitsView } from '../../api-contract.js';
import { iterationChart } from '../charts/iteration-chart.js';
import { ChartCanvas } from '../components/chart-canvas.js';
import { ErrorBox } from '../components/error-box.js';
import { HardCaseList } from '../components/hard-case-list.js';
import { SolvedHeatMap } from '../components/solved-heat-map.js';
import { percent } from '../lib/format.js';
import { useApi } from '../lib/use-api.js';

export function LimitsPage() {
  const limits = useApi<LimitsView>('/api/limits');
  const chart = useMemo(
    () => (limits.data ? iterationChart(limits.data.chart) : undefined),
    [limits.data],
  );
  if (limits.error) return <ErrorBox error={limits.error} />;
  const data = limits.data;
  if (!data) return <p className="muted">analysing the history…</p>;
  return (
    <section data-testid="limits-page">
      <h1>Limits of prompting</h1>
      <p>
        {data.best
          ? `Best so far: ${data.best.label} at ${percent(data.best.passRate)} (95% CI ${percent(data.best.lower)}–${percent(data.best.upper)}), over ${data.iterations.length} iterations.`
          : 'No completed runs yet.'}
      </p>
      <p className={data.plateau.reached ? 'verdict-line warn' : 'verdict-line'}>
        {data.plateau.reached ? 'Plateau reached: ' : 'No plateau yet: '}
        {data.plateau.reason}
      </p>
      <h2>Plateau</h2>
      {chart && data.iterations.length > 0 && (
        <ChartCanvas chart={chart} label="best pass rate by iteration, with the plateau window" />
      )}
      <h2>Solved matrix</h2>
      <SolvedHeatMap matrix={data.matrix} />
      <div className="two-columns">
        <HardCaseList title="Never solved" cases={data.neverSolved} />
        <HardCaseList title="Rarely solved" cases={data.rarelySolved} />
      </div>
    </section>
  );
}
