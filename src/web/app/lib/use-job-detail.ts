import { useEffect, useState } from 'react';
import type { JobDetail, JobStreamEvent } from '../../api-contract.js';
import { openEvents } from './api-client.js';

/** A job's status, events and loss curve, kept current by the server's snapshots. */
export function useJobDetail(jobId: string | null): { detail: JobDetail | null; live: boolean } {
  const [detail, setDetail] = useState<JobDetail | null>(null);
  const [live, setLive] = useState(false);
  useEffect(() => {
    setDetail(null);
    if (jobId === null) return;
    setLive(true);
    return openEvents<JobStreamEvent>(
      `/api/jobs/${encodeURIComponent(jobId)}/events`,
      (event) => {
        if (event.type === 'snapshot') setDetail(event.detail);
        else setLive(false);
      },
      () => setLive(false),
    );
  }, [jobId]);
  return { detail, live };
}
