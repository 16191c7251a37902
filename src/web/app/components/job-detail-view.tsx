import { useMemo } from 'react';
import type { JobDetail } from '../../api-contract.js';
import { lossChart } from '../charts/loss-chart.js';
import { percent } from '../lib/format.js';
import { ChartCanvas } from './chart-canvas.js';

export function JobDetailView({ detail, live }: { detail: JobDetail; live: boolean }) {
  const chart = useMemo(() => lossChart(detail.loss), [detail.loss]);
  const { job } = detail;
  const last = detail.loss.at(-1);
  return (
    <section className="job-detail" data-testid="job-detail">
      <h2>
        {job.id} <span className={`badge status-${job.status}`}>{job.status}</span>
        {live && <span className="muted"> · live</span>}
      </h2>
      <p>
        {job.engine} · base {job.baseModel} · started {job.createdAt}
        {job.progress !== null && ` · ${percent(job.progress, 0)} done`}
        {job.resultModel && (
          <>
            {' '}
            · result <code>{job.resultModel}</code>
          </>
        )}
      </p>
      <p data-testid="loss-points">
        {detail.loss.length} loss points
        {last ? `, latest ${last.loss.toFixed(4)} at step ${last.step}` : ''}
      </p>
      {detail.loss.length > 0 && <ChartCanvas chart={chart} label="training loss by step" />}
      <h3>Events</h3>
      <ul className="job-events">
        {detail.events.map((event, position) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: events are only ever appended; position is their identity
          <li key={`${event.at}-${position}`} className={`level-${event.level}`}>
            <span className="muted">{event.at}</span> {event.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
