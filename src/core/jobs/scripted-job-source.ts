import type { FinetuneJobSummary, JobEvent, JobSource, LossPoint } from './job-source.js';

interface ScriptedJob {
  summary: FinetuneJobSummary;
  events: JobEvent[];
  loss: LossPoint[];
}

/**
 * A TEST DOUBLE, not an engine: jobs held in memory that tests and demos move forward by hand
 * (`addLossPoint`, `finish`), so the job monitor can be exercised without training anything.
 */
export class ScriptedJobSource implements JobSource {
  readonly #jobs = new Map<string, ScriptedJob>();

  addJob(summary: FinetuneJobSummary, loss: LossPoint[] = [], events: JobEvent[] = []): void {
    this.#jobs.set(summary.id, { summary: { ...summary }, events: [...events], loss: [...loss] });
  }

  addLossPoint(id: string, point: LossPoint, progress?: number): void {
    const job = this.#require(id);
    job.loss.push(point);
    if (progress !== undefined) job.summary.progress = progress;
    if (job.summary.status === 'queued') job.summary.status = 'running';
  }

  addEvent(id: string, event: JobEvent): void {
    this.#require(id).events.push(event);
  }

  finish(id: string, resultModel: string, at: string): void {
    const job = this.#require(id);
    job.summary.status = 'succeeded';
    job.summary.finishedAt = at;
    job.summary.resultModel = resultModel;
    job.summary.progress = 1;
    job.events.push({ at, level: 'info', message: `finished: ${resultModel}` });
  }

  async listJobs(): Promise<FinetuneJobSummary[]> {
    return [...this.#jobs.values()].map((job) => ({ ...job.summary }));
  }

  async getJob(id: string): Promise<FinetuneJobSummary | undefined> {
    const job = this.#jobs.get(id);
    return job ? { ...job.summary } : undefined;
  }

  async events(id: string): Promise<JobEvent[]> {
    return [...(this.#jobs.get(id)?.events ?? [])];
  }

  async lossPoints(id: string): Promise<LossPoint[]> {
    return [...(this.#jobs.get(id)?.loss ?? [])];
  }

  #require(id: string): ScriptedJob {
    const job = this.#jobs.get(id);
    if (!job) throw new Error(`no scripted job "${id}"`);
    return job;
  }
}
