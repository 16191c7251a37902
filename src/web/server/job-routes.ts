import { setTimeout as sleep } from 'node:timers/promises';
import { finalJobStatuses, type JobSource } from '../../core/jobs/job-source.js';
import type { JobDetail, JobList, JobStreamEvent } from '../api-contract.js';
import { type ApiRoute, route, streamed } from './api-route.js';
import { EventStream } from './event-stream.js';
import { notFound } from './web-http-error.js';

async function jobDetail(jobs: JobSource, id: string): Promise<JobDetail | undefined> {
  const job = await jobs.getJob(id);
  if (!job) return undefined;
  const [events, loss] = await Promise.all([jobs.events(id), jobs.lossPoints(id)]);
  return { job, events, loss };
}

export const jobRoutes: ApiRoute[] = [
  route(
    'GET',
    '/api/jobs',
    async ({ app }): Promise<JobList> => ({
      jobs: await app.jobs.listJobs(),
    }),
  ),

  route('GET', '/api/jobs/:id', async ({ app, params }): Promise<JobDetail> => {
    const detail = await jobDetail(app.jobs, params.id as string);
    if (!detail) throw notFound(`job "${params.id}"`);
    return detail;
  }),

  /** Polls the job source and sends a snapshot whenever the job changed, until it is final. */
  route('GET', '/api/jobs/:id/events', async ({ app, params, response }) => {
    const id = params.id as string;
    if (!(await app.jobs.getJob(id))) throw notFound(`job "${id}"`);
    const stream = new EventStream(response);
    let last = '';
    while (stream.isOpen) {
      const detail = await jobDetail(app.jobs, id);
      if (!detail) break;
      const text = JSON.stringify(detail);
      if (text !== last) stream.send({ type: 'snapshot', detail } satisfies JobStreamEvent);
      last = text;
      if (finalJobStatuses.has(detail.job.status)) break;
      await Promise.race([sleep(app.pollIntervalMs), stream.closed]);
    }
    stream.send({ type: 'done' } satisfies JobStreamEvent);
    stream.end();
    return streamed;
  }),
];
