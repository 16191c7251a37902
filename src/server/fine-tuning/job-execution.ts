import { rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFineTunedModelRecord } from '../../engines/llama-cpp/fine-tuned-model-record.js';
import type { LoraTargetName } from '../../engines/trainer/model/llama-weights.js';
import type { TrainingResult } from '../../engines/trainer/training-events.js';
import type { ServerJobRecord } from '../../store/server-fine-tuning-records.js';
import type { SqliteServerFineTuningStore } from '../../store/sqlite-server-fine-tuning-store.js';
import { checkpointModelName, newId } from './fine-tuning-ids.js';
import { recordJobEvent } from './record-job-event.js';
import type {
  StartTraining,
  TrainingRequest,
  TrainingRun,
  TrainingRunEvent,
} from './training-run.js';

export interface JobExecutionContext {
  store: SqliteServerFineTuningStore;
  startTraining: StartTraining;
  /** Where the job's checkpoints, adapter and metrics go. */
  directory: string;
  /** The base model's context length (caps an `auto` sequence length). */
  contextLength: number;
  /** Unix seconds. */
  now: () => number;
}

interface StepRow {
  step: number;
  trainLoss: number;
  learningRate: number;
  validationLoss?: number | undefined;
}

const format = (value: number) => value.toFixed(4);
const whole = (value: number) => value.toLocaleString('en-US');

/**
 * One claimed (`running`) job, trained by a worker: turns the trainer's progress into the
 * job's events (`Step N/M: training loss=…`), checkpoints (one per epoch, each a servable
 * model) and metrics, then records how it ended. Every state change is conditional on the job
 * still being `running`, so a cancel that lands first always wins.
 */
export class JobExecution {
  readonly jobId: string;
  /** Settles once the outcome is recorded. */
  readonly done: Promise<void>;
  readonly #context: JobExecutionContext;
  readonly #job: ServerJobRecord;
  readonly #run: TrainingRun;
  readonly #steps: StepRow[] = [];
  readonly #startedAt = performance.now();
  #tokensPerEpoch = 0;

  constructor(
    job: ServerJobRecord,
    files: { train: string; validation?: string | undefined },
    context: JobExecutionContext,
  ) {
    this.jobId = job.id;
    this.#job = job;
    this.#context = context;
    const values = job.hyperparameters;
    const request: TrainingRequest = {
      training: {
        modelPath: job.baseModelPath,
        trainFile: files.train,
        ...(files.validation === undefined ? {} : { validationFile: files.validation }),
        outputDirectory: context.directory,
        outputName: 'adapter',
        method: {
          type: 'lora',
          rank: values.loraRank,
          alpha: values.loraAlpha,
          dropout: values.loraDropout,
          targetModules: values.loraTargetModules as LoraTargetName[],
        },
        epochs: values.nEpochs,
        batchSize: values.batchSize,
        // One example per row, so `batch_size` counts examples as OpenAI's does.
        packing: false,
        learningRate: values.learningRate,
        seed: job.seed,
        checkpoints: true,
        ...(values.sequenceLength === undefined ? {} : { sequenceLength: values.sequenceLength }),
      },
      maximumSequenceLength: context.contextLength,
    };
    this.#event('Fine-tuning job started');
    this.#run = context.startTraining(request, (event) => this.#onEvent(event));
    this.done = this.#run.finished.then(async (outcome) => {
      if (outcome.type === 'succeeded') await this.#succeed(outcome.result, outcome.sequenceLength);
      else if (outcome.type === 'failed') this.#fail(outcome.code, outcome.message);
    });
  }

  /** Ends the worker; the caller has already recorded why (cancelled, server stopping). */
  async stop(): Promise<void> {
    await this.#run.stop();
    await this.done;
  }

  /** Marks the job alive, so no other server takes it for abandoned. */
  heartbeat(): void {
    this.#context.store.updateJob(this.jobId, { heartbeatAt: this.#context.now() }, ['running']);
  }

  #event(message: string, options: Parameters<typeof recordJobEvent>[4] = {}): void {
    recordJobEvent(this.#context.store, this.jobId, this.#context.now(), message, options);
  }

  #onEvent(event: TrainingRunEvent): void {
    const { store } = this.#context;
    if (store.getJob(this.jobId)?.status !== 'running') {
      // Cancelled elsewhere (another server on the same store): stop training.
      void this.#run.stop();
      return;
    }
    switch (event.type) {
      case 'sequence-length': {
        const hyperparameters = {
          ...this.#job.hyperparameters,
          sequenceLength: event.sequenceLength,
        };
        store.updateJob(this.jobId, { hyperparameters }, ['running']);
        this.#event(
          `Training with sequences of ${event.sequenceLength} tokens (the longest example has ${event.longestExample})`,
        );
        return;
      }
      case 'prepared': {
        this.#tokensPerEpoch = event.tokensPerEpoch;
        const validation =
          event.validationExamples > 0
            ? ` and ${event.validationExamples} validation examples`
            : '';
        this.#event(
          `Training on ${event.trainExamples} examples${validation}: ${event.totalSteps} steps, ${event.trainableParameters} trainable parameters`,
        );
        // trained_tokens counts every token read, as OpenAI bills; the loss covers the answers.
        this.#event(
          `Training reads ${whole(event.tokensPerEpoch)} tokens an epoch (the base model's tokenizer); ${whole(event.lossTokensPerEpoch)} of them are answer tokens that carry the loss`,
        );
        if (event.truncatedExamples > 0) {
          this.#event(
            `${event.truncatedExamples} examples are longer than the sequence length and were truncated`,
            {
              level: 'warn',
            },
          );
        }
        return;
      }
      case 'step': {
        this.#steps.push({
          step: event.step,
          trainLoss: event.loss,
          learningRate: event.learningRate,
        });
        const now = this.#context.now();
        const perStep = (performance.now() - this.#startedAt) / 1000 / event.step;
        const estimatedFinish = Math.round(now + perStep * (event.totalSteps - event.step));
        store.updateJob(this.jobId, { heartbeatAt: now, estimatedFinish }, ['running']);
        this.#event(`Step ${event.step}/${event.totalSteps}: training loss=${format(event.loss)}`, {
          type: 'metrics',
          data: {
            step: event.step,
            train_loss: event.loss,
            total_steps: event.totalSteps,
            learning_rate: event.learningRate,
          },
        });
        return;
      }
      case 'epoch': {
        const step = this.#steps.at(-1)?.step ?? 0;
        const last = this.#steps.at(-1);
        if (last !== undefined) last.validationLoss = event.validationLoss;
        const metrics: Record<string, number> = { step, train_loss: event.trainLoss };
        if (event.validationLoss !== undefined) {
          metrics.valid_loss = event.validationLoss;
          metrics.full_valid_loss = event.validationLoss;
          this.#event(`Epoch ${event.epoch}: validation loss=${format(event.validationLoss)}`, {
            type: 'metrics',
            data: { step, train_loss: event.trainLoss, valid_loss: event.validationLoss },
          });
        }
        if (event.checkpointPath !== undefined) {
          const modelName = checkpointModelName(this.#job.modelName, step);
          store.insertCheckpoint({
            id: newId.checkpoint(),
            jobId: this.jobId,
            createdAt: this.#context.now(),
            stepNumber: step,
            modelName,
            adapterPath: event.checkpointPath,
            metrics,
          });
          this.#event(`Checkpoint created at step ${step}: ${modelName}`);
        }
        return;
      }
      case 'early-stop':
        this.#event(`Stopped early after epoch ${event.epoch}; keeping epoch ${event.bestEpoch}`);
        return;
    }
  }

  async #succeed(result: TrainingResult, sequenceLength: number): Promise<void> {
    const { store, now } = this.#context;
    const resultsPath = join(this.#context.directory, 'step_metrics.csv');
    const csv = await this.#writeMetrics(resultsPath);
    const resultFile = {
      id: newId.file(),
      filename: 'step_metrics.csv',
      purpose: 'fine-tune-results',
      bytes: csv,
      createdAt: now(),
      path: resultsPath,
      examples: 0,
      format: 'csv',
      warnings: [],
    };
    // The record lands before the job reads as succeeded, so a client that sees the model can run it.
    const recordPath = writeFineTunedModelRecord(this.#context.directory, {
      id: this.#job.modelName,
      baseModel: this.#job.baseModel,
      baseModelPath: this.#job.baseModelPath,
      adapterPath: result.outputPath,
      jobId: this.jobId,
    });
    const finished = store.transaction(() => {
      const hyperparameters = { ...this.#job.hyperparameters, sequenceLength };
      const updated = store.updateJob(
        this.jobId,
        {
          status: 'succeeded',
          hyperparameters,
          adapterPath: result.outputPath,
          finishedAt: now(),
          trainedTokens: this.#tokensPerEpoch * result.epochs.length,
          resultFiles: [resultFile.id],
          estimatedFinish: null,
          owner: null,
        },
        ['running'],
      );
      if (!updated) return false;
      store.insertFile(resultFile);
      this.#event(`New fine-tuned model created: ${this.#job.modelName}`);
      this.#event('The job has successfully completed');
      return true;
    });
    // Lost to a cancel: no model, so no record.
    if (!finished) rmSync(recordPath, { force: true });
  }

  #fail(code: string, message: string): void {
    const { store, now } = this.#context;
    store.transaction(() => {
      const failed = store.updateJob(
        this.jobId,
        {
          status: 'failed',
          error: { code, message, param: null },
          finishedAt: now(),
          estimatedFinish: null,
          owner: null,
        },
        ['running'],
      );
      if (failed) this.#event(`Training failed: ${message}`, { level: 'error' });
    });
  }

  /** OpenAI's results file: one row per step; returns its size in bytes. */
  async #writeMetrics(path: string): Promise<number> {
    const lines = ['step,train_loss,valid_loss,learning_rate'];
    for (const row of this.#steps) {
      lines.push(`${row.step},${row.trainLoss},${row.validationLoss ?? ''},${row.learningRate}`);
    }
    const text = `${lines.join('\n')}\n`;
    await writeFile(path, text);
    return Buffer.byteLength(text);
  }
}
