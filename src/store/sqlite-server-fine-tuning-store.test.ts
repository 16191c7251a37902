import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../../test/support/temporary-directory.js';
import type { ServerJobRecord } from './server-fine-tuning-records.js';
import { SqliteServerFineTuningStore } from './sqlite-server-fine-tuning-store.js';

let folder: { path: string; remove: () => void };
let store: SqliteServerFineTuningStore;

beforeEach(() => {
  folder = temporaryDirectory('tunegate-server-store-');
  store = new SqliteServerFineTuningStore(join(folder.path, 'serve.db'));
});
afterEach(() => {
  store.close();
  folder.remove();
});

function job(id: string, overrides: Partial<ServerJobRecord> = {}): ServerJobRecord {
  return {
    id,
    createdAt: 100,
    baseModel: 'stories260K',
    baseModelPath: '/models/stories260K.gguf',
    suffix: null,
    modelName: `ft:stories260K::${id}`,
    trainingFile: 'file-a',
    validationFile: null,
    seed: 3,
    status: 'queued',
    hyperparameters: {
      nEpochs: 3,
      batchSize: 1,
      learningRateMultiplier: 1,
      learningRate: 0.001,
      loraRank: 8,
      loraAlpha: 16,
      loraDropout: 0,
      loraTargetModules: ['attn_q'],
      sequenceLength: undefined,
    },
    autoHyperparameters: ['n_epochs'],
    metadata: { team: 'a' },
    adapterPath: null,
    finishedAt: null,
    trainedTokens: null,
    error: null,
    estimatedFinish: null,
    resultFiles: [],
    owner: null,
    heartbeatAt: null,
    ...overrides,
  };
}

describe('SqliteServerFineTuningStore', () => {
  it('round-trips a job and pages newest first with an after cursor', () => {
    for (const id of ['j1', 'j2', 'j3', 'j4', 'j5']) store.insertJob(job(id));
    expect(store.getJob('j2')).toEqual(job('j2'));
    const first = store.listJobs({ limit: 2 });
    expect(first.items.map((item) => item.id)).toEqual(['j5', 'j4']);
    expect(first.hasMore).toBe(true);
    const second = store.listJobs({ limit: 2, after: 'j4' });
    expect(second.items.map((item) => item.id)).toEqual(['j3', 'j2']);
    const last = store.listJobs({ limit: 2, after: 'j2' });
    expect(last).toEqual({ items: [job('j1')], hasMore: false });
    expect(store.listJobs({ limit: 2, after: 'no-such-job' }).items).toEqual([]);
  });

  it('updates a job only from the states it names', () => {
    store.insertJob(job('j1', { status: 'running' }));
    expect(store.updateJob('j1', { status: 'succeeded', finishedAt: 200 }, ['queued'])).toBe(false);
    expect(store.getJob('j1')?.status).toBe('running');
    const error = { code: 'server_restarted', message: 'gone', param: null };
    expect(store.updateJob('j1', { status: 'failed', error, finishedAt: 200 }, ['running'])).toBe(
      true,
    );
    expect(store.getJob('j1')).toMatchObject({ status: 'failed', error, finishedAt: 200 });
    expect(store.jobsWithStatus(['failed']).map((item) => item.id)).toEqual(['j1']);
    expect(store.jobByModelName('ft:stories260K::j1')?.id).toBe('j1');
  });

  it('lists files by purpose in either order, and events and checkpoints per job', () => {
    const file = (id: string, purpose: string) => ({
      id,
      filename: `${id}.jsonl`,
      purpose,
      bytes: 10,
      createdAt: 1,
      path: `/files/${id}.jsonl`,
      examples: 12,
      format: 'openai-chat',
      warnings: ['line 2: duplicate of line 1 [duplicate_row]'],
    });
    store.insertFile(file('f1', 'fine-tune'));
    store.insertFile(file('f2', 'fine-tune-results'));
    store.insertFile(file('f3', 'fine-tune'));
    expect(store.getFile('f1')).toEqual(file('f1', 'fine-tune'));
    const tuned = store.listFiles({ limit: 10, purpose: 'fine-tune' });
    expect(tuned.items.map((item) => item.id)).toEqual(['f3', 'f1']);
    const ascending = store.listFiles({ limit: 1, order: 'asc', after: 'f1' });
    expect(ascending.items.map((item) => item.id)).toEqual(['f2']);
    expect(ascending.hasMore).toBe(true);
    expect(store.deleteFile('f2')).toBe(true);
    expect(store.getFile('f2')).toBeUndefined();

    for (const [index, jobId] of ['j1', 'j2', 'j1'].entries()) {
      store.insertEvent({
        id: `e${index}`,
        jobId,
        createdAt: index,
        level: 'info',
        type: 'metrics',
        message: `event ${index}`,
        data: { step: index },
      });
    }
    expect(store.listEvents('j1', { limit: 10 }).items.map((event) => event.message)).toEqual([
      'event 2',
      'event 0',
    ]);
    store.insertCheckpoint({
      id: 'c1',
      jobId: 'j1',
      createdAt: 5,
      stepNumber: 25,
      modelName: 'ft:stories260K::j1:ckpt-step-25',
      adapterPath: '/jobs/j1/adapter-epoch-1.lora.gguf',
      metrics: { step: 25, train_loss: 0.5 },
    });
    expect(store.listCheckpoints('j1', { limit: 10 }).items).toHaveLength(1);
    expect(store.getCheckpointByModel('ft:stories260K::j1:ckpt-step-25')?.stepNumber).toBe(25);
  });

  it('writes all of a transaction or none of it', () => {
    expect(() =>
      store.transaction(() => {
        store.insertJob(job('j1'));
        store.insertJob(job('j1'));
      }),
    ).toThrow();
    expect(store.getJob('j1')).toBeUndefined();
  });
});
