import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../../../test/support/temporary-directory.js';
import type { TrainingResult } from '../../engines/trainer/training-events.js';
import type { ServerJobRecord } from '../../store/server-fine-tuning-records.js';
import { SqliteServerFineTuningStore } from '../../store/sqlite-server-fine-tuning-store.js';
import { OpenAIHttpError } from '../openai-http-error.js';
import { FineTuningService } from './fine-tuning-service.js';
import type {
  StartTraining,
  TrainingOutcome,
  TrainingRequest,
  TrainingRunEvent,
} from './training-run.js';

interface FakeRun {
  request: TrainingRequest;
  emit: (event: TrainingRunEvent) => void;
  finish: (outcome: TrainingOutcome) => void;
  stopped: boolean;
}

let folder: { path: string; remove: () => void };
let runs: FakeRun[];
let service: FineTuningService | undefined;
let basePath: string;
let clock: number;

/** Training that happens only when the test says so. */
const fakeTraining: StartTraining = (request, onEvent) => {
  let finish: (outcome: TrainingOutcome) => void = () => {};
  const finished = new Promise<TrainingOutcome>((resolve) => {
    finish = resolve;
  });
  const run: FakeRun = { request, emit: onEvent, finish, stopped: false };
  runs.push(run);
  return {
    finished,
    stop: async () => {
      run.stopped = true;
      finish({ type: 'stopped' });
    },
  };
};

function start(): FineTuningService {
  service = FineTuningService.start({
    storeFile: join(folder.path, 'state', 'serve.db'),
    dataDirectory: join(folder.path, 'state', 'data'),
    baseModels: new Map([['tiny', basePath]]),
    startTraining: fakeTraining,
    inspectBaseModel: async () => ({ contextLength: 128 }),
    now: () => clock,
  });
  return service;
}

async function eventually<T>(read: () => T, holds: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; attempt < 400; attempt++) {
    const value = read();
    if (holds(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`condition never held; last value ${JSON.stringify(read())}`);
}

async function uploadExamples(target: FineTuningService, count = 12): Promise<string> {
  const path = join(folder.path, `upload-${count}.part`);
  const lines = Array.from({ length: count }, (_, index) =>
    JSON.stringify({
      messages: [
        { role: 'user', content: `Tag story ${index} about the ${index}th cat` },
        { role: 'assistant', content: `Cat | ${index}` },
      ],
    }),
  );
  writeFileSync(path, `${lines.join('\n')}\n`);
  const file = { field: 'file', filename: 'train.jsonl', contentType: undefined, path, bytes: 1 };
  return (await target.uploadFile(file, 'fine-tune')).id;
}

const statusOf = (id: string) => () => service?.getJob(id).status;
const messagesOf = (id: string) =>
  (service?.listEvents(id, { limit: 100 }).items ?? []).map((event) => event.message).reverse();

function trainingResult(outputPath: string): TrainingResult {
  return {
    outputPath,
    method: 'lora',
    epochs: [{ epoch: 1, trainLoss: 0.5, validationLoss: undefined, checkpointPath: undefined }],
    steps: 2,
    stoppedEarly: false,
    keptEpoch: 1,
    initialValidationLoss: undefined,
    trainableParameters: 10,
    tokensPerSecond: 1,
    realTokensPerSecond: 1,
    trainSeconds: 1,
    trainCpuSeconds: 1,
  };
}

beforeEach(() => {
  folder = temporaryDirectory('tunegate-fine-tuning-service-');
  runs = [];
  clock = 1_000;
  basePath = join(folder.path, 'tiny.gguf');
  writeFileSync(basePath, 'not read: the inspection is faked');
});

afterEach(async () => {
  await service?.close();
  service = undefined;
  folder.remove();
});

describe('FineTuningService', () => {
  it('validates, queues and trains one job at a time, then serves its model and checkpoints', async () => {
    const fineTuning = start();
    const fileId = await uploadExamples(fineTuning);
    const first = await fineTuning.createJob({ model: 'tiny', training_file: fileId, suffix: 'a' });
    const second = await fineTuning.createJob({ model: 'tiny', training_file: fileId });
    expect(first).toMatchObject({
      status: 'validating_files',
      modelName: expect.stringMatching(/^ft:tiny:a:[a-z0-9]{8}$/),
    });
    expect(second.modelName).toMatch(/^ft:tiny::[a-z0-9]{8}$/);
    await eventually(statusOf(first.id), (status) => status === 'running');
    await eventually(statusOf(second.id), (status) => status === 'queued');
    // The run starts just after the claim (`running`); only one, while the other job waits.
    await eventually(
      () => runs.length,
      (count) => count === 1,
    );
    expect(fineTuning.getJob(second.id).status).toBe('queued');
    const run = runs[0] as FakeRun;
    // 12 examples: epochs by the rule (ceil(100 / 12) = 9), auto batch 1, packing off.
    expect(run.request.training).toMatchObject({
      epochs: 9,
      batchSize: 1,
      packing: false,
      learningRate: 0.001,
    });
    expect(run.request.maximumSequenceLength).toBe(128);

    const directory = run.request.training.outputDirectory;
    const checkpoint = join(directory, 'adapter-epoch-1.lora.gguf');
    writeFileSync(checkpoint, 'adapter');
    run.emit({ type: 'sequence-length', sequenceLength: 16, longestExample: 13 });
    run.emit({
      type: 'step',
      epoch: 1,
      step: 1,
      totalSteps: 2,
      loss: 2.5,
      learningRate: 0.001,
      gradientNorm: 1,
      tokensPerSecond: 10,
    });
    run.emit({
      type: 'step',
      epoch: 1,
      step: 2,
      totalSteps: 2,
      loss: 1.25,
      learningRate: 0.001,
      gradientNorm: 1,
      tokensPerSecond: 10,
    });
    run.emit({
      type: 'epoch',
      epoch: 1,
      trainLoss: 1.875,
      validationLoss: 1.5,
      checkpointPath: checkpoint,
    });
    const adapter = join(directory, 'adapter.lora.gguf');
    writeFileSync(adapter, 'adapter');
    clock = 1_050;
    run.finish({ type: 'succeeded', result: trainingResult(adapter), sequenceLength: 16 });
    await eventually(statusOf(first.id), (status) => status === 'succeeded');

    const done = fineTuning.getJob(first.id);
    expect(done).toMatchObject({
      finishedAt: 1_050,
      adapterPath: adapter,
      owner: null,
      error: null,
    });
    expect(done.hyperparameters.sequenceLength).toBe(16);
    expect(messagesOf(first.id)).toEqual([
      `Created fine-tuning job: ${first.id}`,
      `Validating training file: ${fileId}`,
      expect.stringContaining('Training file: only 12 usable examples'),
      'Files validated, moving job to queued state',
      'Fine-tuning job started',
      'Training with sequences of 16 tokens (the longest example has 13)',
      'Step 1/2: training loss=2.5000',
      'Step 2/2: training loss=1.2500',
      'Epoch 1: validation loss=1.5000',
      `Checkpoint created at step 2: ${first.modelName}:ckpt-step-2`,
      `New fine-tuned model created: ${first.modelName}`,
      'The job has successfully completed',
    ]);
    const checkpoints = fineTuning.listCheckpoints(first.id, { limit: 10 }).items;
    expect(checkpoints.map((item) => [item.stepNumber, item.metrics])).toEqual([
      [2, { step: 2, train_loss: 1.875, valid_loss: 1.5, full_valid_loss: 1.5 }],
    ]);
    expect(fineTuning.fineTunedModels()).toEqual([
      {
        id: first.modelName,
        baseModel: 'tiny',
        created: 1_050,
        baseModelPath: basePath,
        adapterPath: adapter,
      },
    ]);
    expect(fineTuning.findFineTunedModel(`${first.modelName}:ckpt-step-2`)?.adapterPath).toBe(
      checkpoint,
    );
    expect(fineTuning.findFineTunedModel(second.modelName)).toBeUndefined();
    const results = fineTuning.getFile(done.resultFiles[0] ?? '');
    expect(results).toMatchObject({ purpose: 'fine-tune-results', filename: 'step_metrics.csv' });

    // The queue moves on to the second job.
    await eventually(
      () => runs.length,
      (count) => count === 2,
    );
    expect(fineTuning.getJob(second.id).status).toBe('running');
  });

  it('records a failed run with its reason', async () => {
    const fineTuning = start();
    const job = await fineTuning.createJob({
      model: 'tiny',
      training_file: await uploadExamples(fineTuning),
    });
    await eventually(
      () => runs.length,
      (count) => count === 1,
    );
    runs[0]?.finish({ type: 'failed', code: 'invalid_data', message: 'tensor "x" is missing' });
    await eventually(statusOf(job.id), (status) => status === 'failed');
    expect(fineTuning.getJob(job.id).error).toEqual({
      code: 'invalid_data',
      message: 'tensor "x" is missing',
      param: null,
    });
    expect(messagesOf(job.id).at(-1)).toBe('Training failed: tensor "x" is missing');
  });

  it('cancels queued and running jobs, stopping the run, and refuses to cancel a finished one', async () => {
    const fineTuning = start();
    const fileId = await uploadExamples(fineTuning);
    const running = await fineTuning.createJob({ model: 'tiny', training_file: fileId });
    const queued = await fineTuning.createJob({ model: 'tiny', training_file: fileId });
    await eventually(statusOf(queued.id), (status) => status === 'queued');
    await eventually(
      () => runs.length,
      (count) => count === 1,
    );
    expect((await fineTuning.cancelJob(queued.id)).status).toBe('cancelled');
    expect((await fineTuning.cancelJob(running.id)).status).toBe('cancelled');
    expect(runs[0]?.stopped).toBe(true);
    const failure = await fineTuning.cancelJob(running.id).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAIHttpError);
    expect((failure as OpenAIHttpError).status).toBe(400);
    expect(messagesOf(running.id).at(-1)).toBe('Fine-tuning job cancelled');
    expect(runs).toHaveLength(1);
  });

  it('refuses bad requests with 400s naming the parameter, and fails files with too few examples', async () => {
    const fineTuning = start();
    const fileId = await uploadExamples(fineTuning);
    const refusal = async (body: Record<string, unknown>) => {
      const error = await fineTuning.createJob(body).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OpenAIHttpError);
      const { status, param } = error as OpenAIHttpError;
      return { status, param };
    };
    expect(await refusal({ model: 'gpt-4o-mini', training_file: fileId })).toEqual({
      status: 400,
      param: 'model',
    });
    expect(await refusal({ model: 'tiny', training_file: 'file-none' })).toEqual({
      status: 400,
      param: 'training_file',
    });
    expect(
      await refusal({ model: 'tiny', training_file: fileId, method: { type: 'dpo' } }),
    ).toEqual({ status: 400, param: 'method.type' });
    expect(
      await refusal({ model: 'tiny', training_file: fileId, hyperparameters: { lora_ranks: 4 } }),
    ).toEqual({ status: 400, param: 'hyperparameters' });
    expect(
      await refusal({
        model: 'tiny',
        training_file: fileId,
        hyperparameters: { sequence_length: 256 },
      }),
    ).toEqual({ status: 400, param: 'hyperparameters.sequence_length' });
    expect(await refusal({ model: 'tiny', training_file: fileId, suffix: 'a:b' })).toEqual({
      status: 400,
      param: 'suffix',
    });

    const small = await fineTuning.createJob({
      model: 'tiny',
      training_file: await uploadExamples(fineTuning, 5),
    });
    await eventually(statusOf(small.id), (status) => status === 'failed');
    expect(fineTuning.getJob(small.id).error).toEqual({
      code: 'invalid_n_examples',
      message: 'Training file has 5 example(s), but must have at least 10 examples.',
      param: 'training_file',
    });
  });

  it('fails the running job with server_stopped when it closes', async () => {
    const fineTuning = start();
    const job = await fineTuning.createJob({
      model: 'tiny',
      training_file: await uploadExamples(fineTuning),
    });
    await eventually(
      () => runs.length,
      (count) => count === 1,
    );
    await fineTuning.close();
    service = undefined;
    expect(runs[0]?.stopped).toBe(true);
    const reopened = start();
    expect(reopened.getJob(job.id)).toMatchObject({
      status: 'failed',
      error: { code: 'server_stopped' },
    });
  });

  it('on start, fails jobs whose server is gone and picks up queued and unvalidated ones', async () => {
    const store = new SqliteServerFineTuningStore(join(folder.path, 'state', 'serve.db'));
    const fileId = await uploadExamples(start());
    await service?.close();
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    const base: ServerJobRecord = {
      id: '',
      createdAt: 900,
      baseModel: 'tiny',
      baseModelPath: basePath,
      suffix: null,
      modelName: '',
      trainingFile: fileId,
      validationFile: null,
      seed: 1,
      status: 'running',
      hyperparameters: {
        nEpochs: 1,
        batchSize: 1,
        learningRateMultiplier: 1,
        learningRate: 0.001,
        loraRank: 8,
        loraAlpha: 16,
        loraDropout: 0,
        loraTargetModules: ['attn_q'],
        sequenceLength: undefined,
      },
      autoHyperparameters: [],
      metadata: null,
      adapterPath: null,
      finishedAt: null,
      trainedTokens: null,
      error: null,
      estimatedFinish: null,
      resultFiles: [],
      owner: null,
      heartbeatAt: null,
    };
    const insert = (id: string, overrides: Partial<ServerJobRecord>) =>
      store.insertJob({ ...base, id, modelName: `ft:tiny::${id}`, ...overrides });
    insert('crashed-here', { owner: `${hostname()}/${dead}/x`, heartbeatAt: clock });
    insert('silent-elsewhere', { owner: 'other-host/1/x', heartbeatAt: clock - 600 });
    insert('alive-elsewhere', { owner: 'other-host/1/x', heartbeatAt: clock - 5 });
    insert('waiting', { status: 'queued' });
    insert('unchecked', { status: 'validating_files' });
    store.close();

    const fineTuning = start();
    for (const id of ['crashed-here', 'silent-elsewhere']) {
      expect(fineTuning.getJob(id)).toMatchObject({
        status: 'failed',
        error: { code: 'server_restarted', param: null },
      });
      expect(messagesOf(id).at(-1)).toContain('create the job again');
    }
    expect(fineTuning.getJob('alive-elsewhere').status).toBe('running');
    await eventually(statusOf('waiting'), (status) => status === 'running');
    await eventually(statusOf('unchecked'), (status) => status === 'queued');
  });
});
