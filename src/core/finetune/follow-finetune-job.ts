import { setTimeout as sleep } from 'node:timers/promises';
import {
  type FinetuneEngine,
  type FinetuneEvent,
  type FinetuneJob,
  finalFinetuneStatuses,
} from '../../spec/finetune-engine.js';
import { TunegateError } from '../../spec/tunegate-error.js';
import type { LossPoint } from '../jobs/job-source.js';
import type { FinetuneJobRecord, StoredJobEvent } from './finetune-job-record.js';
import type { FinetuneJobStore } from './finetune-job-store.js';
import { defaultPollBackoff, nextPollDelay, type PollBackoffOptions } from './poll-backoff.js';

export interface FollowUpdate {
  job: FinetuneJobRecord;
  statusChanged: boolean;
  newEvents: StoredJobEvent[];
  newLoss: LossPoint[];
}

export interface FollowOptions {
  engine: FinetuneEngine;
  store: FinetuneJobStore;
  signal?: AbortSignal | undefined;
  backoff?: PollBackoffOptions;
  onUpdate?: (update: FollowUpdate) => void;
  /** Transient failures in a row (network, 5xx, 429) tolerated before following gives up. */
  maxConsecutiveFailures?: number;
  wait?: (milliseconds: number, signal: AbortSignal | undefined) => Promise<void>;
  now?: () => Date;
}

export interface FollowResult {
  job: FinetuneJobRecord;
  /** Following stopped (Ctrl-C) before the job ended; `--follow` resumes it. */
  interrupted: boolean;
}

/**
 * Polls a persisted job until it ends: status, new events (stored once each) and loss points
 * are saved after every poll, so a restart resumes from the store with nothing repeated.
 * Waits back off while nothing changes. A job that fails or is cancelled is returned, not
 * thrown: the caller decides how to report it.
 */
export async function followFinetuneJob(
  jobId: string,
  options: FollowOptions,
): Promise<FollowResult> {
  const { store } = options;
  const backoff = options.backoff ?? defaultPollBackoff;
  const wait = options.wait ?? defaultWait;
  const maxFailures = options.maxConsecutiveFailures ?? 8;
  let record = store.getJob(jobId);
  if (!record) {
    throw new TunegateError('RUN_NOT_FOUND', `no finetune job "${jobId}" in this store`);
  }
  let delay = backoff.minMs;
  let failures = 0;
  for (;;) {
    if (options.signal?.aborted) return { job: record, interrupted: true };
    let changed = false;
    try {
      const update = await pollOnce(record, options);
      failures = 0;
      record = update.job;
      changed = update.statusChanged || update.newEvents.length > 0 || update.newLoss.length > 0;
      if (changed) options.onUpdate?.(update);
    } catch (error) {
      if (error instanceof TunegateError && error.code === 'ABORTED') {
        return { job: record, interrupted: true };
      }
      const retryable = error instanceof TunegateError && error.isRetryable;
      failures++;
      if (!retryable || failures > maxFailures) throw error;
    }
    if (finalFinetuneStatuses.has(record.status)) return { job: record, interrupted: false };
    delay = nextPollDelay(delay, changed, backoff);
    try {
      await wait(delay, options.signal);
    } catch {
      return { job: record, interrupted: true };
    }
  }
}

async function pollOnce(record: FinetuneJobRecord, options: FollowOptions): Promise<FollowUpdate> {
  const { engine, store } = options;
  const call = options.signal ? { signal: options.signal } : {};
  const job = await engine.getJob(record.id, call);
  const events = engine.capabilities.events
    ? await engine.listEvents(record.id, { ...call, since: store.lastEventId(record.id) })
    : [];
  const statusChanged = job.rawStatus !== record.rawStatus || job.status !== record.status;
  const candidates: StoredJobEvent[] = events.map(toStoredEvent);
  if (!engine.capabilities.events && statusChanged) {
    candidates.push({
      id: `status-${job.rawStatus}`,
      at: (options.now?.() ?? new Date()).toISOString(),
      level: job.status === 'failed' ? 'error' : 'info',
      message: `status: ${job.rawStatus}`,
    });
  }
  if ((job.status === 'failed' || job.status === 'cancelled') && job.error) {
    // The engine's reason is kept in the log even when its own events do not carry it.
    candidates.push({
      id: `tunegate-${job.status}`,
      at: job.finishedAt ?? (options.now?.() ?? new Date()).toISOString(),
      level: job.status === 'failed' ? 'error' : 'warning',
      message: job.error.message,
    });
  }
  const newEvents = store.addEvents(record.id, candidates);
  const added = new Set(newEvents.map((event) => event.id));
  const newLoss = lossPointsOf(events.filter((event) => added.has(event.id)));
  store.addLossPoints(record.id, newLoss);
  const updated = mergeJob(record, job, events, options.now?.() ?? new Date());
  store.saveJob(updated);
  return { job: updated, statusChanged, newEvents, newLoss };
}

function mergeJob(
  record: FinetuneJobRecord,
  job: FinetuneJob,
  events: readonly FinetuneEvent[],
  now: Date,
): FinetuneJobRecord {
  let progress = job.progress ?? record.progress;
  for (const event of events) {
    const metrics = event.metrics;
    if (metrics?.totalSteps) progress = Math.min(1, metrics.step / metrics.totalSteps);
  }
  return {
    ...record,
    status: job.status,
    rawStatus: job.rawStatus,
    finishedAt: job.finishedAt,
    resultModel: job.resultModel ?? record.resultModel,
    errorMessage: job.error?.message ?? record.errorMessage,
    progress: job.status === 'succeeded' ? 1 : progress,
    trainedTokens: job.trainedTokens ?? record.trainedTokens,
    updatedAt: now.toISOString(),
  };
}

function toStoredEvent(event: FinetuneEvent): StoredJobEvent {
  return { id: event.id, at: event.at, level: event.level, message: event.message };
}

function lossPointsOf(events: readonly FinetuneEvent[]): LossPoint[] {
  return events.flatMap((event) =>
    event.metrics
      ? [
          {
            step: event.metrics.step,
            loss: event.metrics.loss,
            validationLoss: event.metrics.validationLoss,
          },
        ]
      : [],
  );
}

async function defaultWait(milliseconds: number, signal: AbortSignal | undefined): Promise<void> {
  await sleep(milliseconds, undefined, signal ? { signal } : undefined);
}
