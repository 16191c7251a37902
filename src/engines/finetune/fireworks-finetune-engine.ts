import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
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
import { ProviderCallError } from '../../spec/tunegate-error.js';
import { toIsoTime } from './engine-time.js';
import { type FetchFunction, RestClient } from './rest-client.js';

export const fireworksBaseURL = 'https://api.fireworks.ai/v1';

export interface FireworksFinetuneEngineOptions {
  apiKey: string;
  account: string;
  baseURL?: string | undefined;
  fetch?: FetchFunction | undefined;
  /** How long to wait for an uploaded dataset to become READY (default 120 s). */
  datasetReadyTimeoutMs?: number;
}

/** A supervised fine-tuning job as Fireworks returns it (the fields tunegate reads). */
interface FireworksJob {
  name: string;
  state?: string;
  status?: { code?: string; message?: string };
  baseModel?: string;
  outputModel?: string;
  createTime?: string;
  completedTime?: string;
  jobProgress?: { percent?: number };
}

const stateMap: Record<string, FinetuneJobStatus> = {
  JOB_STATE_UNSPECIFIED: 'queued',
  JOB_STATE_CREATING: 'queued',
  JOB_STATE_VALIDATING: 'validating_files',
  JOB_STATE_RUNNING: 'running',
  JOB_STATE_WRITING_RESULTS: 'running',
  JOB_STATE_EVALUATION: 'running',
  JOB_STATE_ROLLOUT: 'running',
  JOB_STATE_COMPLETED: 'succeeded',
  JOB_STATE_FAILED: 'failed',
  JOB_STATE_CANCELLED: 'cancelled',
  JOB_STATE_DELETING: 'cancelled',
};

/**
 * Fireworks' fine-tuning REST API (docs.fireworks.ai, "Fine-tuning via API" and the API
 * reference for Datasets and Supervised Fine-tuning Jobs): a dataset record is created, its
 * JSONL uploaded with `:upload`, then a `supervisedFineTuningJobs` job is created, read and
 * deleted (Fireworks' way to stop one). Fireworks has no event log for these jobs.
 */
export class FireworksFinetuneEngine implements FinetuneEngine {
  readonly name = 'fireworks';
  readonly capabilities: FinetuneEngineCapabilities = {
    learningRate: 'absolute',
    loraRank: true,
    seed: false,
    validationFile: true,
    events: false,
  };
  readonly #client: RestClient;
  readonly #account: string;
  readonly #readyTimeoutMs: number;

  constructor(options: FireworksFinetuneEngineOptions) {
    this.#account = options.account;
    this.#readyTimeoutMs = options.datasetReadyTimeoutMs ?? 120_000;
    this.#client = new RestClient({
      engine: 'fireworks',
      baseURL: options.baseURL ?? fireworksBaseURL,
      apiKey: options.apiKey,
      fetch: options.fetch,
    });
  }

  get #accountPath(): string {
    return `/accounts/${encodeURIComponent(this.#account)}`;
  }

  async uploadFile(
    file: FinetuneFileUpload,
    options: FinetuneCallOptions = {},
  ): Promise<UploadedFinetuneFile> {
    // Dataset ids: lower-case letters, digits and dashes.
    const datasetId = `tunegate-${file.purpose}-${randomBytes(4).toString('hex')}`;
    const examples = countLines(file.content);
    await this.#client.send({
      method: 'POST',
      path: `${this.#accountPath}/datasets`,
      json: {
        datasetId,
        dataset: { userUploaded: {}, format: 'CHAT', exampleCount: String(examples) },
      },
      signal: options.signal,
    });
    const form = new FormData();
    form.set('file', new Blob([file.content]), file.filename);
    await this.#client.send({
      method: 'POST',
      path: `${this.#accountPath}/datasets/${datasetId}:upload`,
      form,
      signal: options.signal,
    });
    await this.#waitUntilReady(datasetId, options.signal);
    return {
      id: `accounts/${this.#account}/datasets/${datasetId}`,
      filename: file.filename,
      bytes: file.content.byteLength,
    };
  }

  async createJob(
    request: CreateFinetuneJobRequest,
    options: FinetuneCallOptions = {},
  ): Promise<FinetuneJob> {
    const { epochs, batchSize, learningRate, loraRank } = request.hyperparameters;
    const jobId = `tunegate-${randomBytes(6).toString('hex')}`;
    const body: Record<string, unknown> = {
      dataset: request.trainingFile,
      baseModel: request.baseModel,
      displayName: `tunegate ${request.suffix ?? jobId}`,
    };
    if (request.suffix) body.outputModel = `${slug(request.suffix)}-${jobId.slice(-6)}`;
    if (request.validationFile) body.evaluationDataset = request.validationFile;
    if (epochs !== undefined) body.epochs = epochs;
    if (batchSize !== undefined) body.batchSize = batchSize;
    if (learningRate !== undefined) body.learningRate = learningRate;
    if (loraRank !== undefined) body.loraRank = loraRank;
    const job = await this.#client.send<FireworksJob>({
      method: 'POST',
      path: `${this.#accountPath}/supervisedFineTuningJobs?supervisedFineTuningJobId=${jobId}`,
      json: body,
      signal: options.signal,
    });
    return this.#toJob(job);
  }

  async getJob(id: string, options: FinetuneCallOptions = {}): Promise<FinetuneJob> {
    return this.#toJob(
      await this.#client.send<FireworksJob>({
        method: 'GET',
        path: `${this.#accountPath}/supervisedFineTuningJobs/${encodeURIComponent(id)}`,
        signal: options.signal,
      }),
    );
  }

  async listEvents(): Promise<FinetuneEvent[]> {
    return [];
  }

  async cancel(id: string, options: FinetuneCallOptions = {}): Promise<FinetuneJob> {
    const path = `${this.#accountPath}/supervisedFineTuningJobs/${encodeURIComponent(id)}`;
    await this.#client.send({ method: 'DELETE', path, signal: options.signal });
    const after = await this.#client.request<FireworksJob>({
      method: 'GET',
      path,
      signal: options.signal,
      allow: [404],
    });
    const job = this.#toJob(after ?? { name: id, state: 'JOB_STATE_CANCELLED' });
    // Deleting a job is Fireworks' way to stop it: whatever state it reports, it is cancelled.
    return job.status === 'succeeded' || job.status === 'failed'
      ? job
      : { ...job, status: 'cancelled', finishedAt: job.finishedAt ?? new Date().toISOString() };
  }

  async checkpoints(): Promise<FinetuneCheckpoint[]> {
    return [];
  }

  async #waitUntilReady(datasetId: string, signal: AbortSignal | undefined): Promise<void> {
    const deadline = Date.now() + this.#readyTimeoutMs;
    for (let wait = 250; ; wait = Math.min(wait * 2, 5000)) {
      const dataset = await this.#client.send<{ state?: string }>({
        method: 'GET',
        path: `${this.#accountPath}/datasets/${datasetId}`,
        signal,
      });
      if (dataset.state === 'READY') return;
      if (Date.now() + wait > deadline) {
        throw new ProviderCallError(
          `fireworks: dataset ${datasetId} is still ${dataset.state ?? 'not ready'} after upload`,
          { isRetryable: true },
        );
      }
      await sleep(wait, undefined, signal ? { signal } : undefined);
    }
  }

  #toJob(job: FireworksJob): FinetuneJob {
    const raw = job.state ?? 'JOB_STATE_UNSPECIFIED';
    const status = stateMap[raw] ?? 'running';
    const now = new Date().toISOString();
    const final = status === 'succeeded' || status === 'failed' || status === 'cancelled';
    const percent = job.jobProgress?.percent;
    return {
      id: job.name.slice(job.name.lastIndexOf('/') + 1),
      status,
      rawStatus: raw,
      baseModel: job.baseModel ?? '',
      createdAt: toIsoTime(job.createTime, now),
      finishedAt: final ? toIsoTime(job.completedTime, now) : null,
      resultModel:
        status === 'succeeded' && job.outputModel
          ? `fireworks:${this.#modelName(job.outputModel)}`
          : null,
      error:
        status === 'failed'
          ? {
              message: job.status?.message || `the job ended in ${raw}`,
              code: job.status?.code ?? null,
            }
          : null,
      progress:
        status === 'succeeded'
          ? 1
          : typeof percent === 'number'
            ? Math.min(1, percent / 100)
            : null,
      trainedTokens: null,
    };
  }

  /** Fireworks names models `accounts/ACCOUNT/models/ID`; a bare id lives in this account. */
  #modelName(model: string): string {
    return model.startsWith('accounts/') ? model : `accounts/${this.#account}/models/${model}`;
  }
}

function countLines(content: Uint8Array): number {
  let lines = 0;
  let sinceNewline = 0;
  for (const byte of content) {
    if (byte === 10) {
      if (sinceNewline > 0) lines++;
      sinceNewline = 0;
    } else if (byte !== 13 && byte !== 32) sinceNewline++;
  }
  return lines + (sinceNewline > 0 ? 1 : 0);
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'tunegate'
  );
}
