import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { JobError, ServerJobRecord } from '../../store/server-fine-tuning-records.js';
import type { SqliteServerFineTuningStore } from '../../store/sqlite-server-fine-tuning-store.js';
import { randomToken } from './fine-tuning-ids.js';
import type { BaseModelFacts } from './inspect-base-model.js';
import { JobExecution } from './job-execution.js';
import { recordJobEvent } from './record-job-event.js';
import type { StartTraining } from './training-run.js';

export interface JobSchedulerOptions {
  store: SqliteServerFineTuningStore;
  /** Served base model ids: this server trains only jobs on these. */
  baseModels: ReadonlySet<string>;
  inspectBaseModel: (path: string) => Promise<BaseModelFacts>;
  startTraining: StartTraining;
  /** Each job trains in `jobsDirectory/<job id>/`. */
  jobsDirectory: string;
  now: () => number;
  /** How often to beat the heart of the running job and look for abandoned ones (ms). */
  sweepIntervalMs: number;
  /** A running job whose owner was silent this long (seconds) is abandoned. */
  staleAfterSeconds: number;
}

const minimumExamples = 10;

/**
 * The job queue of one server: validates new jobs (`validating_files` → `queued`), trains one
 * queued job at a time (→ `running`), and on start and every sweep fails jobs left `running`
 * by a server that is gone, so no job stays `running` forever. Jobs are claimed with a
 * conditional update, so servers sharing a store never train the same job twice.
 */
export class JobScheduler {
  readonly owner = `${hostname()}/${process.pid}/${randomToken(8)}`;
  readonly #options: JobSchedulerOptions;
  readonly #timer: NodeJS.Timeout;
  #execution: JobExecution | undefined;
  #pumping: Promise<void> | undefined;
  #closing = false;

  constructor(options: JobSchedulerOptions) {
    this.#options = options;
    this.#recover();
    this.#timer = setInterval(() => this.#sweep(), options.sweepIntervalMs);
    this.#timer.unref();
    this.pump();
  }

  /** The job training in this server now, if any. */
  get runningJobId(): string | undefined {
    return this.#execution?.jobId;
  }

  /** Checks a new job's files soon, then queues it (or fails it, saying why). */
  validateSoon(jobId: string): void {
    setImmediate(() => this.#validate(jobId));
  }

  /** Starts the oldest queued job this server can train, when none is training. */
  pump(): void {
    if (this.#closing || this.#execution !== undefined || this.#pumping !== undefined) return;
    this.#pumping = this.#startNext().finally(() => {
      this.#pumping = undefined;
    });
  }

  /** Stops training `jobId` here (its new state is already recorded). */
  async stopJob(jobId: string): Promise<void> {
    await this.#pumping;
    if (this.#execution?.jobId === jobId) await this.#execution.stop();
  }

  /**
   * Stops: a job training here is failed with `server_stopped` (training cannot resume midway)
   * and its worker ended; queued jobs stay queued for the next start.
   */
  async close(): Promise<void> {
    this.#closing = true;
    clearInterval(this.#timer);
    await this.#pumping;
    const execution = this.#execution;
    if (execution === undefined) return;
    this.#failJob(execution.jobId, ['running'], {
      code: 'server_stopped',
      message:
        'The server stopped while the job was training, and training cannot resume midway; create the job again. Checkpoints written before the stop stay usable as models.',
      param: null,
    });
    await execution.stop();
  }

  async #startNext(): Promise<void> {
    const { store, now } = this.#options;
    for (const job of store.jobsWithStatus(['queued'])) {
      if (this.#closing) return;
      if (!this.#options.baseModels.has(job.baseModel)) continue;
      const claimed = store.updateJob(
        job.id,
        { status: 'running', owner: this.owner, heartbeatAt: now() },
        ['queued'],
      );
      if (!claimed) continue;
      const training = store.getFile(job.trainingFile);
      const validation =
        job.validationFile === null ? undefined : store.getFile(job.validationFile);
      let facts: BaseModelFacts;
      try {
        if (training === undefined || !existsSync(training.path)) {
          throw new Error(`the training file ${job.trainingFile} no longer exists`);
        }
        if (
          job.validationFile !== null &&
          (validation === undefined || !existsSync(validation.path))
        ) {
          throw new Error(`the validation file ${job.validationFile} no longer exists`);
        }
        facts = await this.#options.inspectBaseModel(job.baseModelPath);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.#failJob(job.id, ['running'], { code: 'invalid_job', message, param: null });
        continue;
      }
      const directory = join(this.#options.jobsDirectory, job.id);
      await mkdir(directory, { recursive: true });
      const execution = new JobExecution(
        { ...job, status: 'running' },
        { train: training.path, validation: validation?.path },
        {
          store,
          startTraining: this.#options.startTraining,
          directory,
          contextLength: facts.contextLength,
          now,
        },
      );
      this.#execution = execution;
      void execution.done.then(() => {
        if (this.#execution === execution) this.#execution = undefined;
        this.pump();
      });
      return;
    }
  }

  #validate(jobId: string): void {
    const { store, now } = this.#options;
    const job = store.getJob(jobId);
    if (this.#closing || job?.status !== 'validating_files') return;
    const problem = this.#findFileProblem(job);
    if (problem !== undefined) {
      this.#failJob(job.id, ['validating_files'], problem);
      return;
    }
    store.transaction(() => {
      if (!store.updateJob(job.id, { status: 'queued' }, ['validating_files'])) return;
      for (const warning of store.getFile(job.trainingFile)?.warnings ?? []) {
        recordJobEvent(store, job.id, now(), `Training file: ${warning}`, { level: 'warn' });
      }
      recordJobEvent(store, job.id, now(), 'Files validated, moving job to queued state');
    });
    this.pump();
  }

  #findFileProblem(job: ServerJobRecord): JobError | undefined {
    const { store } = this.#options;
    const training = store.getFile(job.trainingFile);
    if (training === undefined || !existsSync(training.path)) {
      const message = `The training file ${job.trainingFile} no longer exists.`;
      return { code: 'invalid_training_file', message, param: 'training_file' };
    }
    if (training.examples < minimumExamples) {
      const message = `Training file has ${training.examples} example(s), but must have at least ${minimumExamples} examples.`;
      return { code: 'invalid_n_examples', message, param: 'training_file' };
    }
    if (job.validationFile !== null) {
      const validation = store.getFile(job.validationFile);
      if (validation === undefined || !existsSync(validation.path)) {
        const message = `The validation file ${job.validationFile} no longer exists.`;
        return { code: 'invalid_validation_file', message, param: 'validation_file' };
      }
    }
    if (!existsSync(job.baseModelPath)) {
      const message = `The base model's GGUF ${job.baseModelPath} no longer exists.`;
      return { code: 'model_not_found', message, param: 'model' };
    }
    return undefined;
  }

  #failJob(jobId: string, from: ServerJobRecord['status'][], error: JobError): void {
    const { store, now } = this.#options;
    store.transaction(() => {
      const failed = store.updateJob(
        jobId,
        { status: 'failed', error, finishedAt: now(), estimatedFinish: null, owner: null },
        from,
      );
      if (failed) recordJobEvent(store, jobId, now(), error.message, { level: 'error' });
    });
  }

  /** On start: fail jobs a vanished server left running, re-check unvalidated ones. */
  #recover(): void {
    this.#failAbandoned();
    for (const job of this.#options.store.jobsWithStatus(['validating_files'])) {
      this.validateSoon(job.id);
    }
  }

  #sweep(): void {
    this.#execution?.heartbeat();
    this.#failAbandoned();
    this.pump();
  }

  #failAbandoned(): void {
    for (const job of this.#options.store.jobsWithStatus(['running'])) {
      if (this.#isAlive(job)) continue;
      this.#failJob(job.id, ['running'], {
        code: 'server_restarted',
        message:
          'The server training this job stopped (it restarted or crashed), and training cannot resume midway; create the job again. Checkpoints written before the stop stay usable as models.',
        param: null,
      });
    }
  }

  /** Whether a running job's owner still trains it: ours, or a live process with a fresh heartbeat. */
  #isAlive(job: ServerJobRecord): boolean {
    // Ours: this scheduler records how its own runs end.
    if (job.owner === this.owner) return true;
    if (job.owner === null || job.heartbeatAt === null) return false;
    if (this.#options.now() - job.heartbeatAt > this.#options.staleAfterSeconds) return false;
    const [host, pid] = job.owner.split('/');
    if (host !== hostname()) return true;
    try {
      process.kill(Number(pid), 0);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
  }
}
