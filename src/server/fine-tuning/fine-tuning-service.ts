import { existsSync, mkdirSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  Page,
  PageRequest,
  ServerCheckpointRecord,
  ServerFileRecord,
  ServerJobEventRecord,
  ServerJobRecord,
} from '../../store/server-fine-tuning-records.js';
import { SqliteServerFineTuningStore } from '../../store/sqlite-server-fine-tuning-store.js';
import { invalidRequest, OpenAIHttpError } from '../openai-http-error.js';
import { createJob } from './create-job.js';
import { newId } from './fine-tuning-ids.js';
import { type BaseModelFacts, inspectBaseModel } from './inspect-base-model.js';
import { JobScheduler } from './job-scheduler.js';
import type { MultipartFile } from './multipart-form-reader.js';
import { recordJobEvent } from './record-job-event.js';
import { startTrainingWorker } from './start-training-worker.js';
import type { StartTraining } from './training-run.js';
import { validateTrainingUpload } from './validate-training-upload.js';

export interface FineTuningServiceOptions {
  /** The SQLite store; opened at start when it exists, else on the first upload or job. */
  storeFile: string;
  /** Uploads go to `files/`, each job's adapters to `jobs/<id>/`. */
  dataDirectory: string;
  /** The served local GGUF models that can be fine-tuned: served id → GGUF path. */
  baseModels: ReadonlyMap<string, string>;
  /** How a job trains (default: the trainer in a worker thread). */
  startTraining?: StartTraining;
  /** Whether a GGUF can be fine-tuned (default: its header says F32 llama). */
  inspectBaseModel?: (path: string) => Promise<BaseModelFacts>;
  /** Unix seconds (default: the clock). */
  now?: () => number;
  sweepIntervalMs?: number;
  staleAfterSeconds?: number;
}

/** A fine-tuned model (or checkpoint) the server can serve: the base GGUF plus an adapter. */
export interface FineTunedModelInfo {
  id: string;
  baseModel: string;
  created: number;
  baseModelPath: string;
  adapterPath: string;
}

/**
 * The fine-tuning API's state and rules, behind the HTTP routes: files, jobs and their queue,
 * events, checkpoints and the fine-tuned models they produce, all persisted in one SQLite
 * store. Nothing is created on disk until the first upload or job, so serving alone leaves no
 * store behind.
 */
export class FineTuningService {
  readonly #options: FineTuningServiceOptions;
  readonly #now: () => number;
  readonly #baseFacts = new Map<string, Promise<BaseModelFacts>>();
  #store: SqliteServerFineTuningStore | undefined;
  #scheduler: JobScheduler | undefined;

  private constructor(options: FineTuningServiceOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => Math.floor(Date.now() / 1000));
  }

  /** Opens an existing store now, so jobs a previous server left are recovered at once. */
  static start(options: FineTuningServiceOptions): FineTuningService {
    const service = new FineTuningService(options);
    if (existsSync(options.storeFile)) service.#open();
    return service;
  }

  get baseModelIds(): string[] {
    return [...this.#options.baseModels.keys()];
  }

  /** Where multipart uploads are written while they arrive. */
  uploadDirectory(): string {
    const directory = join(this.#options.dataDirectory, 'files');
    mkdirSync(directory, { recursive: true });
    return directory;
  }

  async uploadFile(upload: MultipartFile, purpose: string): Promise<ServerFileRecord> {
    if (purpose !== 'fine-tune') {
      await rm(upload.path, { force: true });
      throw invalidRequest(
        `This server accepts files for fine-tuning only: use purpose 'fine-tune', not '${purpose}'.`,
        'purpose',
      );
    }
    const store = this.#open();
    const id = newId.file();
    const path = join(this.uploadDirectory(), `${id}.jsonl`);
    await rename(upload.path, path);
    const validation = await validateTrainingUpload(path);
    if (!validation.ok) {
      await rm(path, { force: true });
      throw invalidRequest(validation.message, 'file', 'invalid_file_format');
    }
    const record: ServerFileRecord = {
      id,
      filename: upload.filename,
      purpose,
      bytes: upload.bytes,
      createdAt: this.#now(),
      path,
      examples: validation.examples,
      format: validation.format,
      warnings: validation.warnings,
    };
    store.insertFile(record);
    return record;
  }

  getFile(id: string): ServerFileRecord {
    const file = this.#store?.getFile(id);
    if (file === undefined) {
      throw new OpenAIHttpError(404, `No such File object: ${id}`, { param: 'id' });
    }
    return file;
  }

  listFiles(request: PageRequest & { purpose?: string; order?: 'asc' | 'desc' }) {
    return this.#store?.listFiles(request) ?? empty<ServerFileRecord>();
  }

  async deleteFile(id: string): Promise<void> {
    const file = this.getFile(id);
    this.#store?.deleteFile(id);
    await rm(file.path, { force: true });
  }

  async createJob(body: Record<string, unknown>): Promise<ServerJobRecord> {
    const job = await createJob(body, {
      store: () => this.#open(),
      baseModels: this.#options.baseModels,
      inspectBaseModel: (path) => this.#inspect(path),
      now: this.#now,
    });
    this.#scheduler?.validateSoon(job.id);
    return job;
  }

  getJob(id: string): ServerJobRecord {
    const job = this.#store?.getJob(id);
    if (job === undefined) {
      throw new OpenAIHttpError(404, `Fine-tuning job ${id} not found.`, {
        param: 'fine_tuning_job_id',
        code: 'fine_tuning_job_not_found',
      });
    }
    return job;
  }

  listJobs(request: PageRequest): Page<ServerJobRecord> {
    return this.#store?.listJobs(request) ?? empty<ServerJobRecord>();
  }

  /** Cancels a job that has not finished; a training worker is stopped at once. */
  async cancelJob(id: string): Promise<ServerJobRecord> {
    const job = this.getJob(id);
    const store = this.#open();
    const cancelled = store.transaction(() => {
      const changed = store.updateJob(
        id,
        { status: 'cancelled', finishedAt: this.#now(), estimatedFinish: null, owner: null },
        ['validating_files', 'queued', 'running'],
      );
      if (changed) recordJobEvent(store, id, this.#now(), 'Fine-tuning job cancelled');
      return changed;
    });
    if (!cancelled) {
      const status = store.getJob(id)?.status ?? job.status;
      throw invalidRequest(
        `Job ${id} has already ${status === 'failed' ? 'failed' : status}; only a job that has not finished can be cancelled.`,
        null,
        'job_not_cancellable',
      );
    }
    await this.#scheduler?.stopJob(id);
    this.#scheduler?.pump();
    return this.getJob(id);
  }

  listEvents(id: string, request: PageRequest): Page<ServerJobEventRecord> {
    this.getJob(id);
    return this.#open().listEvents(id, request);
  }

  listCheckpoints(id: string, request: PageRequest): Page<ServerCheckpointRecord> {
    this.getJob(id);
    return this.#open().listCheckpoints(id, request);
  }

  /** Succeeded jobs whose base model is served here and whose files are still on disk. */
  fineTunedModels(): FineTunedModelInfo[] {
    const store = this.#store;
    if (store === undefined) return [];
    return store
      .jobsWithStatus(['succeeded'])
      .flatMap((job) => this.#servable(job, job.modelName, job.adapterPath, job.finishedAt));
  }

  /** A fine-tuned model or one of its checkpoints (`…:ckpt-step-N`), when servable here. */
  findFineTunedModel(id: string): FineTunedModelInfo | undefined {
    const store = this.#store;
    if (store === undefined || !id.startsWith('ft:')) return undefined;
    const job = store.jobByModelName(id);
    if (job !== undefined) {
      return job.status === 'succeeded'
        ? this.#servable(job, id, job.adapterPath, job.finishedAt)[0]
        : undefined;
    }
    const checkpoint = store.getCheckpointByModel(id);
    const owner = checkpoint === undefined ? undefined : store.getJob(checkpoint.jobId);
    if (checkpoint === undefined || owner === undefined) return undefined;
    return this.#servable(owner, id, checkpoint.adapterPath, checkpoint.createdAt)[0];
  }

  /** Stops training (the running job fails with `server_stopped`) and closes the store. */
  async close(): Promise<void> {
    await this.#scheduler?.close();
    this.#store?.close();
    this.#store = undefined;
    this.#scheduler = undefined;
  }

  #servable(
    job: ServerJobRecord,
    id: string,
    adapterPath: string | null,
    created: number | null,
  ): FineTunedModelInfo[] {
    if (!this.#options.baseModels.has(job.baseModel) || adapterPath === null) return [];
    if (!existsSync(adapterPath) || !existsSync(job.baseModelPath)) return [];
    return [
      {
        id,
        baseModel: job.baseModel,
        created: created ?? job.createdAt,
        baseModelPath: job.baseModelPath,
        adapterPath,
      },
    ];
  }

  #inspect(path: string): Promise<BaseModelFacts> {
    let facts = this.#baseFacts.get(path);
    if (facts === undefined) {
      facts = (this.#options.inspectBaseModel ?? inspectBaseModel)(path);
      facts.catch(() => this.#baseFacts.delete(path));
      this.#baseFacts.set(path, facts);
    }
    return facts;
  }

  #open(): SqliteServerFineTuningStore {
    if (this.#store === undefined) {
      const store = new SqliteServerFineTuningStore(this.#options.storeFile);
      this.#store = store;
      this.#scheduler = new JobScheduler({
        store,
        baseModels: new Set(this.#options.baseModels.keys()),
        inspectBaseModel: (path) => this.#inspect(path),
        startTraining: this.#options.startTraining ?? startTrainingWorker,
        jobsDirectory: join(this.#options.dataDirectory, 'jobs'),
        now: this.#now,
        sweepIntervalMs: this.#options.sweepIntervalMs ?? 15_000,
        staleAfterSeconds: this.#options.staleAfterSeconds ?? 60,
      });
    }
    return this.#store;
  }
}

function empty<T>(): Page<T> {
  return { items: [], hasMore: false };
}
