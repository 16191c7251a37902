import OpenAI, { APIConnectionError, APIError, APIUserAbortError, toFile } from 'openai';
import type { FineTuningJob } from 'openai/resources/fine-tuning/jobs/jobs';
import { isRetryableStatus } from '../../providers/is-retryable-status.js';
import { createRedactor } from '../../providers/redact-secrets.js';
import type {
  CreateFinetuneJobRequest,
  FinetuneCallOptions,
  FinetuneCheckpoint,
  FinetuneEngine,
  FinetuneEngineCapabilities,
  FinetuneEvent,
  FinetuneFileUpload,
  FinetuneJob,
  FinetuneJobStatus,
  UploadedFinetuneFile,
} from '../../spec/finetune-engine.js';
import { ProviderCallError, TunegateError } from '../../spec/tunegate-error.js';
import { unixSecondsToIso } from './engine-time.js';
import type { FetchFunction } from './rest-client.js';

export interface OpenAIFinetuneEngineOptions {
  /** Registry name; `local` reuses this engine against tunegate's own server. */
  name?: string;
  baseURL?: string | undefined;
  apiKey: string;
  /** The provider prefix of resulting model references (`openai`, `local`). */
  referencePrefix?: string;
  fetch?: FetchFunction | undefined;
  /** The server's id for a base model reference's model part (default: unchanged). */
  baseModelId?: ((model: string) => string) | undefined;
}

const statuses: ReadonlySet<string> = new Set([
  'validating_files',
  'queued',
  'running',
  'succeeded',
  'failed',
  'cancelled',
]);

/**
 * OpenAI's fine-tuning API through the official `openai` client: files.create, then
 * fineTuning.jobs create/retrieve/listEvents/cancel and checkpoints.list. Any server with
 * the same API (tunegate's own local server) works by changing the base URL.
 */
export class OpenAIFinetuneEngine implements FinetuneEngine {
  readonly name: string;
  readonly capabilities: FinetuneEngineCapabilities = {
    learningRate: 'multiplier',
    loraRank: false,
    seed: true,
    validationFile: true,
    events: true,
  };
  readonly #client: OpenAI;
  readonly #prefix: string;
  readonly #redact: (text: string) => string;
  readonly #baseModelId: (model: string) => string;

  constructor(options: OpenAIFinetuneEngineOptions) {
    this.name = options.name ?? 'openai';
    this.#prefix = options.referencePrefix ?? 'openai';
    this.#redact = createRedactor([options.apiKey]);
    this.#baseModelId = options.baseModelId ?? ((model) => model);
    this.#client = new OpenAI({
      apiKey: options.apiKey,
      // Following retries on its own schedule; one quick retry here covers a dropped connection.
      maxRetries: 1,
      ...(options.baseURL ? { baseURL: options.baseURL } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  }

  async uploadFile(
    file: FinetuneFileUpload,
    options: FinetuneCallOptions = {},
  ): Promise<UploadedFinetuneFile> {
    const stored = await this.#call(async () =>
      this.#client.files.create(
        { file: await toFile(file.content, file.filename), purpose: 'fine-tune' },
        requestOptions(options),
      ),
    );
    return { id: stored.id, filename: stored.filename, bytes: stored.bytes };
  }

  async createJob(
    request: CreateFinetuneJobRequest,
    options: FinetuneCallOptions = {},
  ): Promise<FinetuneJob> {
    const { epochs, batchSize, learningRateMultiplier, seed } = request.hyperparameters;
    const hyperparameters = {
      ...(epochs === undefined ? {} : { n_epochs: epochs }),
      ...(batchSize === undefined ? {} : { batch_size: batchSize }),
      ...(learningRateMultiplier === undefined
        ? {}
        : { learning_rate_multiplier: learningRateMultiplier }),
    };
    const job = await this.#call(() =>
      this.#client.fineTuning.jobs.create(
        {
          model: this.#baseModelId(request.baseModel),
          training_file: request.trainingFile,
          ...(request.validationFile ? { validation_file: request.validationFile } : {}),
          ...(request.suffix ? { suffix: request.suffix } : {}),
          ...(seed === undefined ? {} : { seed }),
          method: { type: 'supervised', supervised: { hyperparameters } },
        },
        requestOptions(options),
      ),
    );
    return this.#toJob(job);
  }

  async getJob(id: string, options: FinetuneCallOptions = {}): Promise<FinetuneJob> {
    return this.#toJob(
      await this.#call(() => this.#client.fineTuning.jobs.retrieve(id, requestOptions(options))),
    );
  }

  async listEvents(
    id: string,
    options: FinetuneCallOptions & { since?: string | undefined } = {},
  ): Promise<FinetuneEvent[]> {
    // The API lists newest first; page back until the last event we already have.
    const newestFirst: FinetuneEvent[] = [];
    await this.#call(async () => {
      const pages = this.#client.fineTuning.jobs.listEvents(
        id,
        { limit: 100 },
        requestOptions(options),
      );
      for await (const event of pages) {
        if (event.id === options.since) break;
        newestFirst.push({
          id: event.id,
          at: unixSecondsToIso(event.created_at),
          level: event.level === 'warn' ? 'warning' : event.level,
          message: event.message,
          ...metricsOf(event.type, event.data),
        });
      }
    });
    return newestFirst.reverse();
  }

  async cancel(id: string, options: FinetuneCallOptions = {}): Promise<FinetuneJob> {
    return this.#toJob(
      await this.#call(() => this.#client.fineTuning.jobs.cancel(id, requestOptions(options))),
    );
  }

  async checkpoints(id: string, options: FinetuneCallOptions = {}): Promise<FinetuneCheckpoint[]> {
    const found: FinetuneCheckpoint[] = [];
    await this.#call(async () => {
      for await (const checkpoint of this.#client.fineTuning.jobs.checkpoints.list(
        id,
        { limit: 100 },
        requestOptions(options),
      )) {
        found.push({
          id: checkpoint.id,
          step: checkpoint.step_number,
          model: `${this.#prefix}:${checkpoint.fine_tuned_model_checkpoint}`,
          loss: checkpoint.metrics.train_loss ?? null,
          validationLoss: checkpoint.metrics.valid_loss ?? null,
        });
      }
    });
    return found.sort((a, b) => a.step - b.step);
  }

  #toJob(job: FineTuningJob): FinetuneJob {
    const status: FinetuneJobStatus = statuses.has(job.status)
      ? job.status
      : // An unknown new status is treated as still running, so following goes on.
        'running';
    return {
      id: job.id,
      status,
      rawStatus: job.status,
      baseModel: job.model,
      createdAt: unixSecondsToIso(job.created_at),
      finishedAt: job.finished_at ? unixSecondsToIso(job.finished_at) : null,
      resultModel: job.fine_tuned_model ? `${this.#prefix}:${job.fine_tuned_model}` : null,
      error: job.error?.message
        ? { message: job.error.message, code: job.error.code ?? null }
        : null,
      progress: status === 'succeeded' ? 1 : null,
      trainedTokens: job.trained_tokens ?? null,
    };
  }

  /** Runs one SDK call and turns its errors into tunegate's typed, redacted errors. */
  async #call<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw this.#toError(error);
    }
  }

  #toError(error: unknown): TunegateError {
    if (error instanceof TunegateError) return error;
    if (error instanceof APIUserAbortError) {
      return new TunegateError('ABORTED', `${this.name}: the call was aborted`);
    }
    if (error instanceof APIConnectionError) {
      return new ProviderCallError(
        `${this.name}: could not reach the fine-tuning API: ${this.#redact(error.message)}`,
        { isRetryable: true },
      );
    }
    if (error instanceof APIError && error.status !== undefined) {
      const body = error.error as { message?: unknown } | undefined;
      const detail = typeof body?.message === 'string' ? body.message : error.message;
      return new ProviderCallError(`${this.name}: HTTP ${error.status}: ${this.#redact(detail)}`, {
        status: error.status,
        isRetryable: isRetryableStatus(error.status),
      });
    }
    const message = error instanceof Error ? error.message : String(error);
    return new ProviderCallError(`${this.name}: ${this.#redact(message)}`, { isRetryable: false });
  }
}

function requestOptions(options: FinetuneCallOptions): { signal?: AbortSignal } {
  return options.signal ? { signal: options.signal } : {};
}

/** OpenAI's `metrics` events carry `{step, train_loss, valid_loss, total_steps}` in `data`. */
function metricsOf(type: string | undefined, data: unknown): Pick<FinetuneEvent, 'metrics'> {
  if (type !== 'metrics' || typeof data !== 'object' || data === null) return {};
  const values = data as Record<string, unknown>;
  const step = values.step;
  const loss = values.train_loss;
  if (typeof step !== 'number' || typeof loss !== 'number') return {};
  return {
    metrics: {
      step,
      loss,
      validationLoss: typeof values.valid_loss === 'number' ? values.valid_loss : null,
      totalSteps: typeof values.total_steps === 'number' ? values.total_steps : null,
    },
  };
}
