import type { JobList } from '../../api-contract.js';
import { ErrorBox } from '../components/error-box.js';
import { JobDetailView } from '../components/job-detail-view.js';
import { percent } from '../lib/format.js';
import { useApi } from '../lib/use-api.js';
import { hrefOf } from '../lib/use-hash-route.js';
import { useJobDetail } from '../lib/use-job-detail.js';

export function JobsPage({ jobId }: { jobId: string | null }) {
  const jobs = useApi<JobList>('/api/jobs');
  const chosen = jobId ?? jobs.data?.jobs[0]?.id ?? null;
  const { detail, live } = useJobDetail(chosen);
  if (jobs.error) return <ErrorBox error={jobs.error} />;
  if (!jobs.data) return <p className="muted">loading jobs…</p>;
  return (
    <section data-testid="jobs-page">
      <h1>Finetune jobs</h1>
      {jobs.data.jobs.length === 0 ? (
        <p>
          No finetune jobs yet. Jobs started with tunegate appear here with their live loss curve.
        </p>
      ) : (
        <ul className="job-list">
          {jobs.data.jobs.map((job) => (
            <li key={job.id} className={job.id === chosen ? 'selected' : undefined}>
              <a href={hrefOf('jobs', job.id)}>{job.id}</a> · {job.engine} · {job.baseModel} ·{' '}
              <span className={`badge status-${job.status}`}>{job.status}</span>
              {job.progress !== null && ` · ${percent(job.progress, 0)}`}
            </li>
          ))}
        </ul>
      )}
      {detail && <JobDetailView detail={detail} live={live} />}
    </section>
  );
}
