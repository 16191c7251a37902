import { type DoubleReply, type DoubleRequest, formFileText, HttpDouble } from './http-double.js';
import { ScriptedTrainingJob, type TrainingScript } from './scripted-training-job.js';

interface DoubleDataset {
  id: string;
  state: 'UPLOADING' | 'READY';
  text: string | undefined;
  request: Record<string, unknown>;
}

interface DoubleJob {
  id: string;
  training: ScriptedTrainingJob;
  request: Record<string, unknown>;
  deleted: boolean;
}

const stateOf = {
  validating: 'JOB_STATE_VALIDATING',
  queued: 'JOB_STATE_CREATING',
  running: 'JOB_STATE_RUNNING',
  succeeded: 'JOB_STATE_COMPLETED',
  failed: 'JOB_STATE_FAILED',
  cancelled: 'JOB_STATE_CANCELLED',
} as const;

/**
 * A TEST DOUBLE of Fireworks' fine-tuning REST API, following docs.fireworks.ai ("Fine-tuning
 * via API", and the API reference for "Create Dataset", "Get Dataset", the `:upload`
 * endpoint, "Create/Get/Delete Supervised Fine-tuning Job"): datasets are created with
 * `{datasetId, dataset: {userUploaded: {}}}`, uploaded as multipart `file`, and read back with
 * state UPLOADING or READY; jobs live at `/v1/accounts/{account}/supervisedFineTuningJobs`
 * with `JOB_STATE_*` states, a `status: {code, message}`, `outputModel` and `jobProgress`.
 */
export class FireworksFineTuningDouble {
  readonly datasets = new Map<string, DoubleDataset>();
  readonly jobs = new Map<string, DoubleJob>();
  readonly contractProblems: string[] = [];
  readonly account: string;
  readonly #http: HttpDouble;
  readonly #script: TrainingScript;
  readonly #nextScripts: TrainingScript[] = [];

  private constructor(http: HttpDouble, account: string, script: TrainingScript) {
    this.#http = http;
    this.account = account;
    this.#script = script;
  }

  static async start(
    options: { apiKey?: string; account?: string; script?: TrainingScript } = {},
  ): Promise<FireworksFineTuningDouble> {
    let double: FireworksFineTuningDouble | undefined;
    const http = await HttpDouble.start(
      (request) => (double as FireworksFineTuningDouble).#route(request),
      options.apiKey,
    );
    double = new FireworksFineTuningDouble(
      http,
      options.account ?? 'test-account',
      options.script ?? {},
    );
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
    const prefix = `/v1/accounts/${this.account}`;
    if (!request.path.startsWith(`${prefix}/`)) {
      return notFound(`unknown account in ${request.path}`);
    }
    const rest = request.path.slice(prefix.length);
    const { method } = request;
    if (method === 'POST' && rest === '/datasets') return this.#createDataset(request);
    const upload = /^\/datasets\/([a-z0-9-]+):upload$/.exec(rest);
    if (method === 'POST' && upload) return this.#upload(upload[1] as string, request);
    const dataset = /^\/datasets\/([a-z0-9-]+)$/.exec(rest);
    if (method === 'GET' && dataset) {
      const found = this.datasets.get(dataset[1] as string);
      return found ? { status: 200, body: this.#datasetBody(found) } : notFound(rest);
    }
    if (method === 'POST' && rest === '/supervisedFineTuningJobs') return this.#createJob(request);
    const job = /^\/supervisedFineTuningJobs\/([a-z0-9-]+)$/.exec(rest);
    const found = job ? this.jobs.get(job[1] as string) : undefined;
    if (!found || found.deleted) return notFound(rest);
    if (method === 'GET') {
      found.training.advance();
      return { status: 200, body: this.#jobBody(found) };
    }
    if (method === 'DELETE') {
      found.training.cancel();
      found.deleted = true;
      return { status: 200, body: {} };
    }
    return notFound(rest);
  }

  #createDataset(request: DoubleRequest): DoubleReply {
    const body = (request.json ?? {}) as Record<string, unknown>;
    const id = body.datasetId;
    const dataset = body.dataset as Record<string, unknown> | undefined;
    if (typeof id !== 'string' || !/^[a-z0-9-]+$/.test(id)) {
      return { status: 400, body: { code: 3, message: `invalid datasetId ${String(id)}` } };
    }
    if (typeof dataset?.userUploaded !== 'object') {
      this.contractProblems.push('create dataset: dataset.userUploaded missing');
    }
    const created: DoubleDataset = { id, state: 'UPLOADING', text: undefined, request: body };
    this.datasets.set(id, created);
    return { status: 200, body: this.#datasetBody(created) };
  }

  async #upload(id: string, request: DoubleRequest): Promise<DoubleReply> {
    const dataset = this.datasets.get(id);
    if (!dataset) return notFound(`dataset ${id}`);
    dataset.text = await formFileText(request.form);
    dataset.state = 'READY';
    return { status: 200, body: {} };
  }

  #createJob(request: DoubleRequest): DoubleReply {
    const body = (request.json ?? {}) as Record<string, unknown>;
    const id = request.query.get('supervisedFineTuningJobId') ?? `job${this.jobs.size + 1}`;
    for (const field of ['dataset', 'baseModel']) {
      if (typeof body[field] !== 'string')
        this.contractProblems.push(`create job: ${field} missing`);
    }
    const datasetId = String(body.dataset).split('/').at(-1) ?? '';
    if (this.datasets.get(datasetId)?.state !== 'READY') {
      return {
        status: 400,
        body: { code: 9, message: `dataset ${String(body.dataset)} is not ready` },
      };
    }
    const job: DoubleJob = {
      id,
      training: new ScriptedTrainingJob(
        this.#nextScripts.shift() ?? this.#script,
        1_760_000_100 + (this.jobs.size + 1) * 1000,
      ),
      request: body,
      deleted: false,
    };
    this.jobs.set(id, job);
    return { status: 200, body: this.#jobBody(job) };
  }

  #datasetBody(dataset: DoubleDataset): Record<string, unknown> {
    return {
      name: `accounts/${this.account}/datasets/${dataset.id}`,
      createTime: '2026-11-01T00:00:00Z',
      state: dataset.state,
      status: { code: 'OK', message: '' },
      exampleCount: String(dataset.text ? dataset.text.trim().split('\n').length : 0),
      userUploaded: {},
      format: 'CHAT',
    };
  }

  #jobBody(job: DoubleJob): Record<string, unknown> {
    const training = job.training;
    const output = typeof job.request.outputModel === 'string' ? job.request.outputModel : job.id;
    return {
      name: `accounts/${this.account}/supervisedFineTuningJobs/${job.id}`,
      displayName: job.request.displayName ?? '',
      createTime: new Date(training.createdAt * 1000).toISOString(),
      ...(training.finishedAt
        ? { completedTime: new Date(training.finishedAt * 1000).toISOString() }
        : {}),
      dataset: job.request.dataset,
      state: stateOf[training.phase],
      status: training.failure
        ? { code: 'FAILED_PRECONDITION', message: training.failure.message }
        : { code: 'OK', message: '' },
      baseModel: job.request.baseModel,
      outputModel: `accounts/${this.account}/models/${output}`,
      epochs: job.request.epochs ?? 1,
      learningRate: job.request.learningRate ?? 0.0001,
      loraRank: job.request.loraRank ?? 8,
      jobProgress: { percent: Math.round((training.step / training.steps) * 100) },
    };
  }
}

function notFound(what: string): DoubleReply {
  return { status: 404, body: { code: 5, message: `not found: ${what}` } };
}
