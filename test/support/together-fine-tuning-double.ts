import { type DoubleReply, type DoubleRequest, formFileText, HttpDouble } from './http-double.js';
import { ScriptedTrainingJob, type TrainingScript } from './scripted-training-job.js';

interface DoubleJob {
  id: string;
  number: number;
  training: ScriptedTrainingJob;
  request: Record<string, unknown>;
}

const statusOf = {
  validating: 'pending',
  queued: 'queued',
  running: 'running',
  succeeded: 'completed',
  failed: 'error',
  cancelled: 'cancelled',
} as const;

/**
 * A TEST DOUBLE of Together's fine-tuning REST API, following the shapes documented in the
 * Together API reference (docs.together.ai/reference: "Upload a file" `POST /files/upload`
 * multipart with purpose, file_name, file_type and file; "Create job" `POST /fine-tunes` with
 * training_file, model, n_epochs, batch_size, learning_rate, suffix and a `training_type` of
 * `{type: 'Lora', lora_r, lora_alpha}`; "List job" `GET /fine-tunes/{id}` with statuses
 * pending, queued, running, compressing, uploading, cancel_requested, cancelled, error,
 * completed and `model_output_name`; "List job events" `GET /fine-tunes/{id}/events`;
 * `GET /fine-tunes/{id}/metrics` with `train/loss` and `train/global_step`; and
 * `POST /fine-tunes/{id}/cancel`). Request mismatches go to `contractProblems`.
 */
export class TogetherFineTuningDouble {
  readonly files = new Map<string, { filename: string; text: string }>();
  readonly jobs = new Map<string, DoubleJob>();
  readonly contractProblems: string[] = [];
  readonly #http: HttpDouble;
  readonly #script: TrainingScript;
  readonly #nextScripts: TrainingScript[] = [];

  private constructor(http: HttpDouble, script: TrainingScript) {
    this.#http = http;
    this.#script = script;
  }

  static async start(
    options: { apiKey?: string; script?: TrainingScript } = {},
  ): Promise<TogetherFineTuningDouble> {
    let double: TogetherFineTuningDouble | undefined;
    const http = await HttpDouble.start(
      (request) => (double as TogetherFineTuningDouble).#route(request),
      options.apiKey,
    );
    double = new TogetherFineTuningDouble(http, options.script ?? {});
    return double;
  }

  get baseURL(): string {
    return `${this.#http.url}/v1`;
  }

  get requests(): DoubleRequest[] {
    return this.#http.requests;
  }

  scriptNextJob(script: TrainingScript): void {
    this.#nextScripts.push(script);
  }

  job(id: string): ScriptedTrainingJob {
    const job = this.jobs.get(id);
    if (!job) throw new Error(`no job ${id} in the double`);
    return job.training;
  }

  close(): Promise<void> {
    return this.#http.close();
  }

  async #route(request: DoubleRequest): Promise<DoubleReply> {
    const { method, path } = request;
    if (method === 'POST' && path === '/v1/files/upload') return this.#upload(request);
    if (method === 'POST' && path === '/v1/fine-tunes') return this.#create(request);
    const match = /^\/v1\/fine-tunes\/([^/]+)(\/events|\/metrics|\/cancel|\/checkpoints)?$/.exec(
      path,
    );
    const job = match ? this.jobs.get(match[1] as string) : undefined;
    if (!match || !job) return { status: 404, body: { message: `not found: ${path}` } };
    switch (`${method} ${match[2] ?? ''}`) {
      case 'GET ':
        job.training.advance();
        return { status: 200, body: this.#jobBody(job) };
      case 'GET /events':
        return { status: 200, body: { data: events(job) } };
      case 'GET /metrics':
        return {
          status: 200,
          body: {
            metrics: job.training.log.flatMap((entry) =>
              entry.metrics
                ? [
                    {
                      'train/loss': entry.metrics.loss,
                      'train/global_step': entry.metrics.step,
                      'eval/loss': entry.metrics.validationLoss,
                    },
                  ]
                : [],
            ),
          },
        };
      case 'POST /cancel':
        job.training.cancel();
        return { status: 200, body: this.#jobBody(job) };
      case 'GET /checkpoints':
        return { status: 200, body: { data: [] } };
      default:
        return { status: 404, body: { message: `not found: ${method} ${path}` } };
    }
  }

  async #upload(request: DoubleRequest): Promise<DoubleReply> {
    const form = request.form;
    for (const field of ['purpose', 'file_name', 'file']) {
      if (!form?.has(field)) this.contractProblems.push(`upload: missing form field ${field}`);
    }
    if (form?.get('purpose') !== 'fine-tune') {
      this.contractProblems.push(`upload: purpose ${String(form?.get('purpose'))}`);
    }
    const text = await formFileText(form);
    const id = `file-${String(this.files.size + 1).padStart(8, '0')}`;
    const filename = String(form?.get('file_name'));
    this.files.set(id, { filename, text });
    return {
      status: 200,
      body: {
        id,
        object: 'file',
        created_at: 1_760_000_000,
        filename,
        bytes: Buffer.byteLength(text),
        purpose: 'fine-tune',
        Processed: true,
        FileType: 'jsonl',
        LineCount: text.trim().split('\n').length,
      },
    };
  }

  #create(request: DoubleRequest): DoubleReply {
    const body = (request.json ?? {}) as Record<string, unknown>;
    for (const field of ['training_file', 'model']) {
      if (typeof body[field] !== 'string') this.contractProblems.push(`create: ${field} missing`);
    }
    const trainingType = body.training_type as Record<string, unknown> | undefined;
    if (
      trainingType !== undefined &&
      trainingType.type !== 'Lora' &&
      trainingType.type !== 'Full'
    ) {
      this.contractProblems.push(`create: training_type.type ${String(trainingType.type)}`);
    }
    if (!this.files.has(String(body.training_file))) {
      return { status: 400, body: { error: { message: 'training file not found' } } };
    }
    const number = this.jobs.size + 1;
    const job: DoubleJob = {
      id: `ft-00000000-0000-4000-8000-${String(number).padStart(12, '0')}`,
      number,
      training: new ScriptedTrainingJob(
        this.#nextScripts.shift() ?? this.#script,
        1_760_000_100 + number * 1000,
      ),
      request: body,
    };
    this.jobs.set(job.id, job);
    return { status: 200, body: this.#jobBody(job) };
  }

  #jobBody(job: DoubleJob): Record<string, unknown> {
    const training = job.training;
    const body = job.request;
    const suffix = typeof body.suffix === 'string' ? `-${body.suffix}` : '';
    const epochs = typeof body.n_epochs === 'number' ? body.n_epochs : 1;
    return {
      id: job.id,
      status: statusOf[training.phase],
      model: body.model,
      model_output_name: `tunegate-test/${String(body.model).split('/').at(-1)}${suffix}-${job.number}`,
      training_file: body.training_file,
      validation_file: body.validation_file ?? '',
      created_at: iso(training.createdAt),
      updated_at: iso(training.finishedAt ?? training.createdAt + training.log.length),
      n_epochs: epochs,
      epochs_completed: Math.floor((training.step / training.steps) * epochs),
      batch_size: body.batch_size ?? 8,
      learning_rate: body.learning_rate ?? 0.00001,
      training_type: body.training_type ?? { type: 'Lora', lora_r: 8, lora_alpha: 16 },
      token_count: 1000 * training.step,
      events: events(job),
    };
  }
}

function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

function events(job: DoubleJob): Record<string, unknown>[] {
  return job.training.log.map((entry) => ({
    object: 'fine-tune-event',
    created_at: iso(entry.at),
    level: entry.level === 'warn' ? 'warning' : entry.level,
    message: entry.message,
    type: entry.level === 'error' ? 'job_error' : entry.metrics ? 'training_progress' : 'job_info',
    ...(entry.metrics ? { step: entry.metrics.step } : {}),
  }));
}
