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
import { toIsoTime } from './engine-time.js';
import { type FetchFunction, RestClient } from './rest-client.js';

export const togetherBaseURL = 'https://api.together.xyz/v1';

export interface TogetherFinetuneEngineOptions {
  apiKey: string;
  baseURL?: string | undefined;
  fetch?: FetchFunction | undefined;
}

/** Together's job as `GET /fine-tunes/{id}` returns it (the fields tunegate reads). */
interface TogetherJob {
  id: string;
  status: string;
  model?: string;
  model_output_name?: string | null;
  created_at?: string;
  updated_at?: string;
  n_epochs?: number;
  epochs_completed?: number;
  token_count?: number;
  events?: TogetherEvent[];
}

interface TogetherEvent {
  created_at?: string;
  level?: string | null;
  message?: string;
  type?: string;
}

const statusMap: Record<string, FinetuneJobStatus> = {
  pending: 'queued',
  queued: 'queued',
  running: 'running',
  compressing: 'running',
  uploading: 'running',
  cancel_requested: 'running',
  completed: 'succeeded',
  cancelled: 'cancelled',
  error: 'failed',
};

/**
 * Together's fine-tuning REST API (docs.together.ai, API reference "Fine-tuning" and
 * "Files"): multipart upload to `/files/upload`, jobs at `/fine-tunes` with a LoRA
 * `training_type`, events at `/fine-tunes/{id}/events`, the loss curve at
 * `/fine-tunes/{id}/metrics`, and `/fine-tunes/{id}/cancel`.
 */
export class TogetherFinetuneEngine implements FinetuneEngine {
  readonly name = 'together';
  readonly capabilities: FinetuneEngineCapabilities = {
    learningRate: 'absolute',
    loraRank: true,
    seed: false,
    validationFile: true,
    events: true,
  };
  readonly #client: RestClient;

  constructor(options: TogetherFinetuneEngineOptions) {
    this.#client = new RestClient({
      engine: 'together',
      baseURL: options.baseURL ?? togetherBaseURL,
      apiKey: options.apiKey,
      fetch: options.fetch,
    });
  }

  async uploadFile(
    file: FinetuneFileUpload,
    options: FinetuneCallOptions = {},
  ): Promise<UploadedFinetuneFile> {
    const form = new FormData();
    form.set('purpose', 'fine-tune');
    form.set('file_name', file.filename);
    form.set('file_type', 'jsonl');
    form.set('file', new Blob([file.content]), file.filename);
    const stored = await this.#client.send<{ id: string; filename?: string; bytes?: number }>({
      method: 'POST',
      path: '/files/upload',
      form,
      signal: options.signal,
    });
    return {
      id: stored.id,
      filename: stored.filename ?? file.filename,
      bytes: stored.bytes ?? file.content.byteLength,
    };
  }

  async createJob(
    request: CreateFinetuneJobRequest,
    options: FinetuneCallOptions = {},
  ): Promise<FinetuneJob> {
    const { epochs, batchSize, learningRate, loraRank, loraAlpha } = request.hyperparameters;
    const body: Record<string, unknown> = {
      training_file: request.trainingFile,
      model: request.baseModel,
      training_type: {
        type: 'Lora',
        ...(loraRank === undefined ? {} : { lora_r: loraRank }),
        ...(loraAlpha === undefined ? {} : { lora_alpha: loraAlpha }),
      },
    };
    if (request.validationFile) {
      body.validation_file = request.validationFile;
      // Without evaluations the validation file is never read.
      body.n_evals = Math.max(1, epochs ?? 1);
    }
    if (epochs !== undefined) body.n_epochs = epochs;
    if (batchSize !== undefined) body.batch_size = batchSize;
    if (learningRate !== undefined) body.learning_rate = learningRate;
    if (request.suffix) body.suffix = request.suffix;
    const job = await this.#client.send<TogetherJob>({
      method: 'POST',
      path: '/fine-tunes',
      json: body,
      signal: options.signal,
    });
    return toJob(job);
  }

  async getJob(id: string, options: FinetuneCallOptions = {}): Promise<FinetuneJob> {
    return toJob(
      await this.#client.send<TogetherJob>({
        method: 'GET',
        path: `/fine-tunes/${encodeURIComponent(id)}`,
        signal: options.signal,
      }),
    );
  }

  async listEvents(id: string, options: FinetuneCallOptions = {}): Promise<FinetuneEvent[]> {
    const path = `/fine-tunes/${encodeURIComponent(id)}`;
    const listed = await this.#client.send<{ data?: TogetherEvent[] }>({
      method: 'GET',
      path: `${path}/events`,
      signal: options.signal,
    });
    // The loss curve is its own endpoint; an account or job without it answers 404.
    const metrics = await this.#client.request<{ metrics?: Record<string, unknown>[] }>({
      method: 'GET',
      path: `${path}/metrics`,
      signal: options.signal,
      allow: [404],
    });
    const fallback = new Date(0).toISOString();
    const events: FinetuneEvent[] = (listed.data ?? []).map((event) => ({
      id: eventId(event),
      at: toIsoTime(event.created_at, fallback),
      level: levelOf(event.level, event.type),
      message: event.message ?? event.type ?? '',
    }));
    for (const point of metrics?.metrics ?? []) {
      const step = point['train/global_step'];
      const loss = point['train/loss'];
      if (typeof step !== 'number' || typeof loss !== 'number') continue;
      const validation = point['eval/loss'];
      events.push({
        id: `metrics-${step}`,
        at: toIsoTime(point.logged_at, events.at(-1)?.at ?? fallback),
        level: 'info',
        message: `step ${step}: training loss ${loss}`,
        metrics: {
          step,
          loss,
          validationLoss: typeof validation === 'number' ? validation : null,
          totalSteps: null,
        },
      });
    }
    // Both lists are short and come whole; `since` is not needed (the store skips known ids).
    return events;
  }

  async cancel(id: string, options: FinetuneCallOptions = {}): Promise<FinetuneJob> {
    return toJob(
      await this.#client.send<TogetherJob>({
        method: 'POST',
        path: `/fine-tunes/${encodeURIComponent(id)}/cancel`,
        signal: options.signal,
      }),
    );
  }

  async checkpoints(id: string, options: FinetuneCallOptions = {}): Promise<FinetuneCheckpoint[]> {
    const listed = await this.#client.request<{
      data?: { step?: number; path?: string; checkpoint_type?: string }[];
    }>({
      method: 'GET',
      path: `/fine-tunes/${encodeURIComponent(id)}/checkpoints`,
      signal: options.signal,
      allow: [404],
    });
    return (listed?.data ?? [])
      .filter((checkpoint) => typeof checkpoint.step === 'number')
      .map((checkpoint) => ({
        id: `${id}:${checkpoint.step}`,
        step: checkpoint.step as number,
        model: null,
        loss: null,
        validationLoss: null,
      }))
      .sort((a, b) => a.step - b.step);
  }
}

function toJob(job: TogetherJob): FinetuneJob {
  const status = statusMap[job.status] ?? 'running';
  const now = new Date().toISOString();
  const failure = status === 'failed' ? lastError(job.events ?? []) : undefined;
  const progress =
    status === 'succeeded'
      ? 1
      : job.n_epochs && job.epochs_completed !== undefined
        ? Math.min(1, job.epochs_completed / job.n_epochs)
        : null;
  return {
    id: job.id,
    status,
    rawStatus: job.status,
    baseModel: job.model ?? '',
    createdAt: toIsoTime(job.created_at, now),
    finishedAt:
      status === 'succeeded' || status === 'failed' || status === 'cancelled'
        ? toIsoTime(job.updated_at, now)
        : null,
    resultModel:
      status === 'succeeded' && job.model_output_name ? `together:${job.model_output_name}` : null,
    error:
      status === 'failed'
        ? { message: failure ?? 'the job ended with status error', code: null }
        : null,
    progress,
    trainedTokens: job.token_count ?? null,
  };
}

function lastError(events: readonly TogetherEvent[]): string | undefined {
  for (let index = events.length - 1; index >= 0; index--) {
    const event = events[index];
    if (event && (event.level === 'error' || event.type === 'job_error') && event.message)
      return event.message;
  }
  return undefined;
}

function levelOf(
  level: string | null | undefined,
  type: string | undefined,
): FinetuneEvent['level'] {
  if (level === 'error' || type === 'job_error') return 'error';
  if (level === 'warning' || level === 'warn') return 'warning';
  return 'info';
}

/** Together's events carry no id: time, type and message identify one. */
function eventId(event: TogetherEvent): string {
  return `${event.created_at ?? ''}|${event.type ?? ''}|${event.message ?? ''}`.slice(0, 300);
}
