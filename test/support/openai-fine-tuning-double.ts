import { type DoubleReply, type DoubleRequest, formFileText, HttpDouble } from './http-double.js';
import { validateAgainstOpenApi } from './openapi-validator.js';
import { ScriptedTrainingJob, type TrainingScript } from './scripted-training-job.js';

export interface OpenAIFineTuningDoubleOptions {
  apiKey?: string;
  /** How jobs train, unless `scriptNextJob` says otherwise. */
  script?: TrainingScript;
}

interface StoredFile {
  id: string;
  filename: string;
  purpose: string;
  bytes: number;
  text: string;
  createdAt: number;
}

interface DoubleJob {
  id: string;
  number: number;
  training: ScriptedTrainingJob;
  request: Record<string, unknown>;
}

const organization = 'org-tunegate-test';

/**
 * A TEST DOUBLE of OpenAI's fine-tuning API, based on OpenAI's official OpenAPI spec (the
 * `OpenAIFile`, `CreateFineTuningJobRequest`, `FineTuningJob`, `FineTuningJobEvent`,
 * `FineTuningJobCheckpoint` and list schemas) and its API reference: `POST /v1/files`
 * (multipart), `POST|GET /v1/fine_tuning/jobs`, `GET /v1/fine_tuning/jobs/{id}`, `…/events`
 * (newest first, `after` cursor), `…/checkpoints` and `POST …/cancel`. Every request body
 * and every reply is validated against the spec; `contractProblems` lists any mismatch.
 * Jobs move one step per read (see ScriptedTrainingJob).
 */
export class OpenAIFineTuningDouble {
  readonly files = new Map<string, StoredFile>();
  readonly jobs = new Map<string, DoubleJob>();
  readonly contractProblems: string[] = [];
  readonly #http: HttpDouble;
  readonly #options: OpenAIFineTuningDoubleOptions;
  readonly #nextScripts: TrainingScript[] = [];

  private constructor(http: HttpDouble, options: OpenAIFineTuningDoubleOptions) {
    this.#http = http;
    this.#options = options;
  }

  static async start(options: OpenAIFineTuningDoubleOptions = {}): Promise<OpenAIFineTuningDouble> {
    let double: OpenAIFineTuningDouble | undefined;
    const http = await HttpDouble.start(
      (request) => (double as OpenAIFineTuningDouble).#route(request),
      options.apiKey,
    );
    double = new OpenAIFineTuningDouble(http, options);
    return double;
  }

  get baseURL(): string {
    return `${this.#http.url}/v1`;
  }

  get requests(): DoubleRequest[] {
    return this.#http.requests;
  }

  /** The next job created trains by this script. */
  scriptNextJob(script: TrainingScript): void {
    this.#nextScripts.push(script);
  }

  job(id: string): ScriptedTrainingJob {
    const job = this.jobs.get(id);
    if (!job) throw new Error(`no job ${id} in the double`);
    return job.training;
  }

  failNext(reply: DoubleReply): void {
    this.#http.failNext(reply);
  }

  close(): Promise<void> {
    return this.#http.close();
  }

  async #route(request: DoubleRequest): Promise<DoubleReply> {
    const { method, path } = request;
    if (method === 'POST' && path === '/v1/files') return this.#upload(request);
    const file = /^\/v1\/files\/([^/]+)$/.exec(path);
    if (method === 'GET' && file) {
      const stored = this.files.get(file[1] as string);
      return stored ? this.#reply('OpenAIFile', fileBody(stored)) : notFound(path);
    }
    if (path === '/v1/fine_tuning/jobs') {
      if (method === 'POST') return this.#create(request);
      if (method === 'GET') {
        const data = [...this.jobs.values()].reverse().map((job) => this.#jobBody(job));
        return this.#reply('ListPaginatedFineTuningJobsResponse', {
          object: 'list',
          data,
          has_more: false,
        });
      }
    }
    const match = /^\/v1\/fine_tuning\/jobs\/([^/]+)(\/events|\/checkpoints|\/cancel)?$/.exec(path);
    const job = match ? this.jobs.get(match[1] as string) : undefined;
    if (!match || !job) return notFound(path);
    const action = match[2];
    if (method === 'GET' && action === undefined) {
      job.training.advance();
      return this.#reply('FineTuningJob', this.#jobBody(job));
    }
    if (method === 'GET' && action === '/events') return this.#events(job, request.query);
    if (method === 'GET' && action === '/checkpoints') return this.#checkpoints(job);
    if (method === 'POST' && action === '/cancel') {
      job.training.cancel();
      return this.#reply('FineTuningJob', this.#jobBody(job));
    }
    return notFound(path);
  }

  async #upload(request: DoubleRequest): Promise<DoubleReply> {
    const purpose = request.form?.get('purpose');
    if (purpose !== 'fine-tune') {
      return badRequest(`Invalid purpose: ${String(purpose)}`, 'purpose');
    }
    const upload = request.form?.get('file');
    const filename = upload && typeof upload !== 'string' ? upload.name : 'upload.jsonl';
    const text = await formFileText(request.form);
    const stored: StoredFile = {
      id: `file-test${this.files.size + 1}`,
      filename,
      purpose,
      bytes: Buffer.byteLength(text),
      text,
      createdAt: 1_760_000_000 + this.files.size,
    };
    this.files.set(stored.id, stored);
    return this.#reply('OpenAIFile', fileBody(stored));
  }

  #create(request: DoubleRequest): DoubleReply {
    const body = (request.json ?? {}) as Record<string, unknown>;
    this.#check('CreateFineTuningJobRequest', body, 'request');
    const training = this.files.get(String(body.training_file));
    if (!training) {
      return badRequest(`invalid training_file: ${String(body.training_file)}`, 'training_file');
    }
    if (body.validation_file !== undefined && !this.files.has(String(body.validation_file))) {
      return badRequest(
        `invalid validation_file: ${String(body.validation_file)}`,
        'validation_file',
      );
    }
    const number = this.jobs.size + 1;
    const job: DoubleJob = {
      id: `ftjob-test${number}`,
      number,
      training: new ScriptedTrainingJob(
        this.#nextScripts.shift() ?? this.#options.script ?? {},
        1_760_000_100 + number * 1000,
      ),
      request: body,
    };
    this.jobs.set(job.id, job);
    return this.#reply('FineTuningJob', this.#jobBody(job));
  }

  #events(job: DoubleJob, query: URLSearchParams): DoubleReply {
    const limit = Number(query.get('limit') ?? 20);
    const after = query.get('after');
    const newestFirst = [...job.training.log].reverse().map((entry) => ({
      object: 'fine_tuning.job.event',
      id: `ftevent-test${job.number}x${entry.sequence}`,
      created_at: entry.at,
      level: entry.level,
      message: entry.message,
      type: entry.metrics ? 'metrics' : 'message',
      data: entry.metrics
        ? {
            step: entry.metrics.step,
            train_loss: entry.metrics.loss,
            valid_loss: entry.metrics.validationLoss,
            total_steps: entry.metrics.totalSteps,
          }
        : {},
    }));
    const start = after === null ? 0 : newestFirst.findIndex((event) => event.id === after) + 1;
    const data = newestFirst.slice(start, start + limit);
    return this.#reply('ListFineTuningJobEventsResponse', {
      object: 'list',
      data,
      has_more: start + limit < newestFirst.length,
    });
  }

  #checkpoints(job: DoubleJob): DoubleReply {
    const every = Math.max(1, Math.floor(job.training.steps / 2));
    const data = job.training.log
      .filter((entry) => entry.metrics && entry.metrics.step % every === 0)
      .reverse()
      .map((entry) => ({
        object: 'fine_tuning.job.checkpoint',
        id: `ftckpt-test${job.number}x${entry.metrics?.step}`,
        created_at: entry.at,
        fine_tuned_model_checkpoint: `${this.#modelName(job)}:ckpt-step-${entry.metrics?.step}`,
        step_number: entry.metrics?.step ?? 0,
        metrics: {
          step: entry.metrics?.step ?? 0,
          train_loss: entry.metrics?.loss ?? 0,
          valid_loss: entry.metrics?.validationLoss ?? 0,
        },
        fine_tuning_job_id: job.id,
      }));
    return this.#reply('ListFineTuningJobCheckpointsResponse', {
      object: 'list',
      data,
      first_id: data[0]?.id ?? null,
      last_id: data.at(-1)?.id ?? null,
      has_more: false,
    });
  }

  #jobBody(job: DoubleJob): Record<string, unknown> {
    const training = job.training;
    const body = job.request;
    const method = body.method as
      | { supervised?: { hyperparameters?: Record<string, unknown> } }
      | undefined;
    const asked = method?.supervised?.hyperparameters ?? {};
    // OpenAI resolves `auto` to concrete values in the job it returns.
    const hyperparameters = {
      n_epochs: typeof asked.n_epochs === 'number' ? asked.n_epochs : 3,
      batch_size: typeof asked.batch_size === 'number' ? asked.batch_size : 1,
      learning_rate_multiplier:
        typeof asked.learning_rate_multiplier === 'number' ? asked.learning_rate_multiplier : 1.8,
    };
    const status = {
      validating: 'validating_files',
      queued: 'queued',
      running: 'running',
      succeeded: 'succeeded',
      failed: 'failed',
      cancelled: 'cancelled',
    }[training.phase];
    const succeeded = training.phase === 'succeeded';
    return {
      object: 'fine_tuning.job',
      id: job.id,
      model: String(body.model),
      created_at: training.createdAt,
      finished_at: training.finishedAt,
      fine_tuned_model: succeeded ? this.#modelName(job) : null,
      organization_id: organization,
      result_files: succeeded ? [`file-result${job.number}`] : [],
      status,
      validation_file: typeof body.validation_file === 'string' ? body.validation_file : null,
      training_file: String(body.training_file),
      hyperparameters,
      trained_tokens: succeeded ? 1000 * training.steps : null,
      error: training.failure ? { ...training.failure, param: null } : null,
      seed: typeof body.seed === 'number' ? body.seed : 42,
      estimated_finish: null,
      method: { type: 'supervised', supervised: { hyperparameters } },
    };
  }

  #modelName(job: DoubleJob): string {
    const suffix = typeof job.request.suffix === 'string' ? job.request.suffix : '';
    return `ft:${String(job.request.model)}:tunegate-test:${suffix}:test${job.number}`;
  }

  /** Validates and records any contract problem, then replies 200. */
  #reply(schema: string, body: unknown): DoubleReply {
    this.#check(schema, body, 'reply');
    return { status: 200, body };
  }

  #check(schema: string, body: unknown, what: string): void {
    for (const problem of validateAgainstOpenApi(schema, body)) {
      this.contractProblems.push(`${what} ${schema}: ${problem}`);
    }
  }
}

function fileBody(file: StoredFile): Record<string, unknown> {
  return {
    object: 'file',
    id: file.id,
    bytes: file.bytes,
    created_at: file.createdAt,
    filename: file.filename,
    purpose: file.purpose,
    status: 'processed',
  };
}

function badRequest(message: string, param: string): DoubleReply {
  return {
    status: 400,
    body: { error: { message, type: 'invalid_request_error', param, code: null } },
  };
}

function notFound(path: string): DoubleReply {
  return {
    status: 404,
    body: {
      error: { message: `Unknown request URL: ${path}`, type: 'invalid_request_error', code: null },
    },
  };
}
