import type { FinetuneEngine } from '../../spec/finetune-engine.js';
import { TunegateError } from '../../spec/tunegate-error.js';
import type { FinetuneJobRecord } from './finetune-job-record.js';
import type { FinetuneJobStore } from './finetune-job-store.js';

/** Asks the engine to stop a job and stores what it answers. */
export async function cancelFinetuneJob(
  jobId: string,
  engine: FinetuneEngine,
  store: FinetuneJobStore,
  now: () => Date = () => new Date(),
): Promise<FinetuneJobRecord> {
  const record = store.getJob(jobId);
  if (!record) throw new TunegateError('RUN_NOT_FOUND', `no finetune job "${jobId}" in this store`);
  const job = await engine.cancel(jobId);
  const at = now().toISOString();
  const updated: FinetuneJobRecord = {
    ...record,
    status: job.status,
    rawStatus: job.rawStatus,
    finishedAt: job.finishedAt,
    updatedAt: at,
  };
  store.saveJob(updated);
  store.addEvents(jobId, [
    {
      id: `tunegate-cancel-${at}`,
      at,
      level: 'warning',
      message: `cancel requested: ${job.rawStatus}`,
    },
  ]);
  return updated;
}
