import type { FinetuneJobRecord } from '../core/finetune/finetune-job-record.js';
import type { FinetuneJobStore } from '../core/finetune/finetune-job-store.js';
import { type FollowUpdate, followFinetuneJob } from '../core/finetune/follow-finetune-job.js';
import type { PollBackoffOptions } from '../core/finetune/poll-backoff.js';
import { registerFinetunedModel } from '../core/finetune/register-finetuned-model.js';
import type { FinetuneEngine } from '../spec/finetune-engine.js';
import { TunegateError } from '../spec/tunegate-error.js';
import type { CliIo } from './cli-io.js';
import { exitCodes } from './exit-codes.js';

/**
 * Follows a stored job with live lines on stderr (status changes, the engine's events, loss),
 * then settles it: a succeeded job's model is added to the task; a failed or cancelled job
 * is an error carrying the engine's message; Ctrl-C stops following (the job goes on).
 */
export async function followFinetuneInCli(
  io: CliIo,
  job: FinetuneJobRecord,
  engine: FinetuneEngine,
  store: FinetuneJobStore,
  backoff: PollBackoffOptions,
): Promise<number> {
  io.stderr(
    `following ${job.engine} job ${job.id} (${job.baseModel}); Ctrl-C stops following, the job goes on\n`,
  );
  const result = await followFinetuneJob(job.id, {
    engine,
    store,
    backoff,
    signal: io.signal,
    onUpdate: (update) => showUpdate(io, update),
  });
  const final = result.job;
  if (result.interrupted) {
    io.stderr(
      `stopped following job ${final.id} (${final.rawStatus}); resume with  tunegate finetune --follow ${final.id}\n`,
    );
    return exitCodes.interrupted;
  }
  if (final.status === 'failed' || final.status === 'cancelled') {
    const reason = final.errorMessage ?? `the engine reported ${final.rawStatus}`;
    throw new TunegateError(
      'PROVIDER_ERROR',
      `finetune job ${final.id} ${final.status === 'failed' ? 'failed' : 'was cancelled'}: ${reason}`,
    );
  }
  const registration = await registerFinetunedModel(final, store);
  io.stdout(`job ${final.id} succeeded: ${registration.ref}\n`);
  await showCheckpoints(io, engine, final.id);
  io.stdout(
    registration.added
      ? `added to models: in ${final.taskFile} as "${registration.name}"\n`
      : `already listed in ${final.taskFile}\n`,
  );
  io.stdout(`next: tunegate compare --finetuned ${registration.name}\n`);
  return exitCodes.ok;
}

function showUpdate(io: CliIo, update: FollowUpdate): void {
  const { job } = update;
  if (update.statusChanged) {
    const progress = job.progress === null ? '' : ` ${Math.round(job.progress * 100)}%`;
    io.stderr(`job ${job.id}: ${job.rawStatus}${progress}\n`);
  }
  for (const event of update.newEvents) {
    const time = event.at.slice(11, 19);
    const level = event.level === 'info' ? '' : `${event.level}: `;
    io.stderr(`  ${time}  ${level}${event.message}\n`);
  }
  const last = update.newLoss.at(-1);
  if (last) {
    const validation = last.validationLoss === null ? '' : `, validation ${last.validationLoss}`;
    const progress = job.progress === null ? '' : ` (${Math.round(job.progress * 100)}%)`;
    io.stderr(`  step ${last.step}: loss ${last.loss}${validation}${progress}\n`);
  }
}

/** The engine's checkpoints, usable as models where it serves them; a listing failure is only noted. */
async function showCheckpoints(io: CliIo, engine: FinetuneEngine, jobId: string): Promise<void> {
  try {
    const checkpoints = await engine.checkpoints(jobId);
    for (const checkpoint of checkpoints) {
      const loss = checkpoint.loss === null ? '' : `, loss ${checkpoint.loss}`;
      io.stdout(
        `  checkpoint at step ${checkpoint.step}${loss}${checkpoint.model ? `: ${checkpoint.model}` : ''}\n`,
      );
    }
  } catch (error) {
    io.stderr(
      `note: could not list checkpoints: ${error instanceof Error ? error.message : String(error)}\n`,
    );
  }
}
