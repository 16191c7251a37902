import type { TrainingTokenCount } from '../core/datasets/training-token-count.js';
import type { FinetuneJobRecord } from '../core/finetune/finetune-job-record.js';
import type { FinetuneJobStore } from '../core/finetune/finetune-job-store.js';
import { type FollowUpdate, followFinetuneJob } from '../core/finetune/follow-finetune-job.js';
import type { PollBackoffOptions } from '../core/finetune/poll-backoff.js';
import { registerFinetunedModel } from '../core/finetune/register-finetuned-model.js';
import type { FinetuneEngine } from '../spec/finetune-engine.js';
import { TunegateError } from '../spec/tunegate-error.js';
import type { CliIo } from './cli-io.js';
import { exitCodes } from './exit-codes.js';
import {
  createTrainingProgressReporter,
  parseStepEvent,
  type TrainingProgressReporter,
} from './training-progress-reporter.js';

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
  /** The API runs in this process (`--engine local`): stopping stops the job too. */
  inProcess = false,
  /** The count made before training, to set beside the engine's. */
  estimate?: TrainingTokenCount,
): Promise<number> {
  const stopping = inProcess
    ? 'Ctrl-C stops the job (it trains in this process)'
    : 'Ctrl-C stops following, the job goes on';
  io.stderr(`following ${job.engine} job ${job.id} (${job.baseModel}); ${stopping}\n`);
  const training = createTrainingProgressReporter(io);
  const result = await followFinetuneJob(job.id, {
    engine,
    store,
    backoff,
    signal: io.signal,
    onUpdate: (update) => showUpdate(io, update, training),
  });
  training.stop();
  const final = result.job;
  if (result.interrupted) {
    io.stderr(
      inProcess
        ? `stopped: job ${final.id} ends with this process; start it again with the same command\n`
        : `stopped following job ${final.id} (${final.rawStatus}); resume with  tunegate finetune --follow ${final.id}\n`,
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
  io.stdout(`${trainedTokensLine(final, estimate)}\n`);
  await showCheckpoints(io, engine, final.id);
  io.stdout(
    registration.added
      ? `added to models: in ${final.taskFile} as "${registration.name}"\n`
      : `already listed in ${final.taskFile}\n`,
  );
  io.stdout(`next: tunegate compare --finetuned ${registration.name}\n`);
  return exitCodes.ok;
}

const whole = (value: number) => value.toLocaleString('en-US');

/** The engine's count of trained tokens beside tunegate's count before training. */
export function trainedTokensLine(
  job: Pick<FinetuneJobRecord, 'engine' | 'trainedTokens'>,
  estimate: TrainingTokenCount | undefined,
): string {
  const before =
    estimate === undefined
      ? undefined
      : `${whole(estimate.trainingTokens)} before training (${estimate.tokenizer}, ${estimate.epochs} epochs)`;
  if (job.trainedTokens === null) {
    return `trained tokens: not reported by ${job.engine}${before ? `; counted ${before}` : ''}`;
  }
  const reported = `trained tokens: ${whole(job.trainedTokens)} (reported by ${job.engine})`;
  if (estimate === undefined) return reported;
  if (estimate.trainingTokens === job.trainedTokens)
    return `${reported}, as counted before training`;
  return `${reported}; counted ${before}: ${estimate.exact ? 'training stopped early or was cut short' : 'the engine counts with its own tokenizer and framing'}`;
}

/** Loss to four decimals: engines report float noise (3.5018670181510423). */
const lossText = (loss: number) => String(Number(loss.toFixed(4)));

function showUpdate(io: CliIo, update: FollowUpdate, training: TrainingProgressReporter): void {
  const { job } = update;
  let steps = false;
  for (const event of update.newEvents) {
    // Per-step events feed the bar; a line each would bury the rest of the log.
    const step = parseStepEvent(event.message);
    if (step !== undefined) {
      training.update(step);
      steps = true;
      continue;
    }
    training.stop();
    const time = event.at.slice(11, 19);
    const level = event.level === 'info' ? '' : `${event.level}: `;
    io.stderr(`  ${time}  ${level}${event.message}\n`);
  }
  const last = update.newLoss.at(-1);
  if (last && (!steps || last.validationLoss !== null)) {
    training.stop();
    const validation =
      last.validationLoss === null ? '' : `, validation ${lossText(last.validationLoss)}`;
    const progress = job.progress === null ? '' : ` (${Math.round(job.progress * 100)}%)`;
    io.stderr(`  step ${last.step}: loss ${lossText(last.loss)}${validation}${progress}\n`);
  }
  // After the events that led to it, so the log reads in order.
  if (update.statusChanged) {
    training.stop();
    const progress = job.progress === null ? '' : ` ${Math.round(job.progress * 100)}%`;
    io.stderr(`job ${job.id}: ${job.rawStatus}${progress}\n`);
  }
}

/** The engine's checkpoints, usable as models where it serves them; a listing failure is only noted. */
async function showCheckpoints(io: CliIo, engine: FinetuneEngine, jobId: string): Promise<void> {
  try {
    const checkpoints = await engine.checkpoints(jobId);
    for (const checkpoint of checkpoints) {
      const loss = checkpoint.loss === null ? '' : `, loss ${lossText(checkpoint.loss)}`;
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
