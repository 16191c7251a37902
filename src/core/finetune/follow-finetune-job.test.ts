import { describe, expect, it } from 'vitest';
import type {
  FinetuneEngine,
  FinetuneEvent,
  FinetuneJob,
  FinetuneJobStatus,
} from '../../spec/finetune-engine.js';
import { ProviderCallError, TunegateError } from '../../spec/tunegate-error.js';
import { SqliteFinetuneJobStore } from '../../store/sqlite-finetune-job-store.js';
import type { FinetuneJobRecord } from './finetune-job-record.js';
import { followFinetuneJob } from './follow-finetune-job.js';

type Poll = { status: FinetuneJobStatus; events?: FinetuneEvent[]; error?: string } | Error;

/** An engine that answers a script, one entry per poll, and records what it was asked. */
function scriptedEngine(polls: Poll[], hasEvents = true) {
  const sinceAsked: (string | undefined)[] = [];
  const log: FinetuneEvent[] = [];
  let index = 0;
  let current: FinetuneJob | undefined;
  const engine: FinetuneEngine = {
    name: 'scripted',
    capabilities: {
      learningRate: 'absolute',
      loraRank: true,
      seed: true,
      validationFile: true,
      events: hasEvents,
    },
    uploadFile: async () => ({ id: 'f', filename: 'f', bytes: 0 }),
    createJob: async () => {
      throw new Error('not used');
    },
    async getJob(id) {
      const poll = polls[Math.min(index, polls.length - 1)] as Poll;
      index++;
      if (poll instanceof Error) throw poll;
      log.push(...(poll.events ?? []));
      current = {
        id,
        status: poll.status,
        rawStatus: poll.status,
        baseModel: 'm',
        createdAt: '2026-11-24T10:00:00.000Z',
        finishedAt: poll.status === 'succeeded' || poll.status === 'failed' ? 'done' : null,
        resultModel: poll.status === 'succeeded' ? 'openai:ft:m:x' : null,
        error: poll.error ? { message: poll.error, code: null } : null,
        progress: null,
        trainedTokens: poll.status === 'succeeded' ? 900 : null,
      };
      return current;
    },
    async listEvents(_id, options = {}) {
      sinceAsked.push(options.since);
      const start = options.since ? log.findIndex((event) => event.id === options.since) + 1 : 0;
      return log.slice(start);
    },
    cancel: async () => current as FinetuneJob,
    checkpoints: async () => [],
  };
  return { engine, sinceAsked, polls: () => index };
}

function storedJob(store: SqliteFinetuneJobStore): FinetuneJobRecord {
  const job: FinetuneJobRecord = {
    id: 'job-1',
    engine: 'scripted',
    baseURL: null,
    account: null,
    taskName: 'demo',
    taskFile: '/t.yaml',
    baseModel: 'openai:m',
    trainingFile: 'f',
    validationFile: null,
    hyperparameters: {},
    suffix: null,
    modelName: 'ft',
    status: 'queued',
    rawStatus: 'queued',
    createdAt: '2026-11-24T10:00:00.000Z',
    updatedAt: '2026-11-24T10:00:00.000Z',
    finishedAt: null,
    resultModel: null,
    errorMessage: null,
    progress: null,
    trainedTokens: null,
    registered: false,
  };
  store.saveJob(job);
  return job;
}

const metric = (step: number, loss: number): FinetuneEvent => ({
  id: `m${step}`,
  at: `2026-11-24T10:00:0${step}.000Z`,
  level: 'info',
  message: `step ${step}`,
  metrics: { step, loss, validationLoss: null, totalSteps: 4 },
});

const backoff = { minMs: 10, maxMs: 40, factor: 2 };

describe('followFinetuneJob', () => {
  it('stores status, events once and loss, backing off while nothing changes', async () => {
    const store = new SqliteFinetuneJobStore(':memory:');
    storedJob(store);
    const { engine, sinceAsked } = scriptedEngine([
      { status: 'running', events: [metric(1, 1.5)] },
      { status: 'running' },
      { status: 'running' },
      { status: 'running', events: [metric(2, 1.1)] },
      { status: 'succeeded', events: [metric(4, 0.5)] },
    ]);
    const waits: number[] = [];
    const result = await followFinetuneJob('job-1', {
      engine,
      store,
      backoff,
      wait: async (milliseconds) => {
        waits.push(milliseconds);
      },
    });
    expect(result.interrupted).toBe(false);
    expect(result.job.status).toBe('succeeded');
    expect(result.job.resultModel).toBe('openai:ft:m:x');
    expect(result.job.trainedTokens).toBe(900);
    expect(result.job.progress).toBe(1);
    // A change resets the wait to 10; two quiet polls double it (20, 40).
    expect(waits).toEqual([10, 20, 40, 10]);
    expect(sinceAsked).toEqual([undefined, 'm1', 'm1', 'm1', 'm2']);
    expect(store.events('job-1').map((event) => event.id)).toEqual(['m1', 'm2', 'm4']);
    expect(store.lossPoints('job-1').map((point) => [point.step, point.loss])).toEqual([
      [1, 1.5],
      [2, 1.1],
      [4, 0.5],
    ]);
    expect(store.getJob('job-1')?.status).toBe('succeeded');
  });

  it('returns a failed job with the engine’s message and logs it', async () => {
    const store = new SqliteFinetuneJobStore(':memory:');
    storedJob(store);
    const { engine } = scriptedEngine([
      { status: 'failed', error: 'file has 3 rows over the context limit' },
    ]);
    const result = await followFinetuneJob('job-1', {
      engine,
      store,
      backoff,
      wait: async () => {},
    });
    expect(result.job.status).toBe('failed');
    expect(result.job.errorMessage).toBe('file has 3 rows over the context limit');
    expect(store.events('job-1').at(-1)).toMatchObject({
      level: 'error',
      message: 'file has 3 rows over the context limit',
    });
  });

  it('rides out transient errors but gives up on the others', async () => {
    const store = new SqliteFinetuneJobStore(':memory:');
    storedJob(store);
    const transient = new ProviderCallError('HTTP 503', { status: 503, isRetryable: true });
    const { engine } = scriptedEngine([transient, transient, { status: 'succeeded' }]);
    const result = await followFinetuneJob('job-1', {
      engine,
      store,
      backoff,
      wait: async () => {},
    });
    expect(result.job.status).toBe('succeeded');

    storedJob(store);
    const denied = new ProviderCallError('HTTP 401', { status: 401, isRetryable: false });
    const failing = scriptedEngine([denied]);
    await expect(
      followFinetuneJob('job-1', { engine: failing.engine, store, backoff, wait: async () => {} }),
    ).rejects.toBe(denied);
  });

  it('records status changes itself for engines without an event log', async () => {
    const store = new SqliteFinetuneJobStore(':memory:');
    storedJob(store);
    const { engine } = scriptedEngine(
      [{ status: 'running' }, { status: 'running' }, { status: 'succeeded' }],
      false,
    );
    await followFinetuneJob('job-1', { engine, store, backoff, wait: async () => {} });
    expect(store.events('job-1').map((event) => event.message)).toEqual([
      'status: running',
      'status: succeeded',
    ]);
  });

  it('stops following when aborted, leaving the job resumable', async () => {
    const store = new SqliteFinetuneJobStore(':memory:');
    storedJob(store);
    const controller = new AbortController();
    const { engine, polls } = scriptedEngine([{ status: 'running' }]);
    const result = await followFinetuneJob('job-1', {
      engine,
      store,
      backoff,
      signal: controller.signal,
      wait: async () => {
        controller.abort();
        throw new Error('aborted');
      },
    });
    expect(result).toMatchObject({ interrupted: true, job: { status: 'running' } });
    expect(polls()).toBe(1);
    await expect(followFinetuneJob('missing', { engine, store })).rejects.toThrow(TunegateError);
  });
});
