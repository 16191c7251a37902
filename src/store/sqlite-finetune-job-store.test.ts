import { describe, expect, it } from 'vitest';
import { addRun } from '../../test/support/synthetic-evidence.js';
import type { FinetuneJobRecord } from '../core/finetune/finetune-job-record.js';
import { StoreJobSource } from '../core/finetune/store-job-source.js';
import { SqliteEvalStore } from './sqlite-eval-store.js';
import { SqliteFinetuneJobStore } from './sqlite-finetune-job-store.js';

function job(overrides: Partial<FinetuneJobRecord> = {}): FinetuneJobRecord {
  return {
    id: 'ftjob-1',
    engine: 'openai',
    baseURL: null,
    account: null,
    taskName: 'demo',
    taskFile: '/tasks/demo/tunegate.yaml',
    baseModel: 'openai:gpt-4o-mini',
    trainingFile: 'file-1',
    validationFile: null,
    hyperparameters: { epochs: 3, learningRateMultiplier: 0.5 },
    suffix: 'moon',
    modelName: 'ft-moon',
    status: 'validating_files',
    rawStatus: 'validating_files',
    createdAt: '2026-11-24T10:00:00.000Z',
    updatedAt: '2026-11-24T10:00:00.000Z',
    finishedAt: null,
    resultModel: null,
    errorMessage: null,
    progress: null,
    trainedTokens: null,
    registered: false,
    ...overrides,
  };
}

describe('SqliteFinetuneJobStore', () => {
  it('keeps a job in the runs file and updates its state in place', () => {
    const runs = new SqliteEvalStore(':memory:');
    const store = new SqliteFinetuneJobStore(runs.database);
    store.saveJob(job());
    store.saveJob(
      job({
        status: 'succeeded',
        rawStatus: 'succeeded',
        resultModel: 'openai:ft:gpt-4o-mini:org:moon:abc',
        finishedAt: '2026-11-24T11:00:00.000Z',
        progress: 1,
        trainedTokens: 4000,
        registered: true,
      }),
    );
    expect(store.getJob('ftjob-1')).toEqual(
      job({
        status: 'succeeded',
        rawStatus: 'succeeded',
        resultModel: 'openai:ft:gpt-4o-mini:org:moon:abc',
        finishedAt: '2026-11-24T11:00:00.000Z',
        progress: 1,
        trainedTokens: 4000,
        registered: true,
      }),
    );
    store.saveJob(job({ id: 'other', taskName: 'elsewhere', createdAt: '2026-11-25T00:00:00Z' }));
    expect(store.listJobs().map((record) => record.id)).toEqual(['ftjob-1', 'other']);
    expect(store.listJobs('demo').map((record) => record.id)).toEqual(['ftjob-1']);
    expect(store.getJob('missing')).toBeUndefined();
    runs.close();
  });

  it('stores each event once, in arrival order, and upserts loss points by step', () => {
    const store = new SqliteFinetuneJobStore(':memory:');
    store.saveJob(job());
    const first = [
      { id: 'e1', at: '2026-11-24T10:00:01Z', level: 'info' as const, message: 'validating' },
      { id: 'e2', at: '2026-11-24T10:00:02Z', level: 'info' as const, message: 'started' },
    ];
    expect(store.addEvents('ftjob-1', first)).toEqual(first);
    const again = store.addEvents('ftjob-1', [
      first[1] as (typeof first)[number],
      { id: 'e3', at: '2026-11-24T10:00:03Z', level: 'error', message: 'failed: bad row' },
    ]);
    expect(again.map((event) => event.id)).toEqual(['e3']);
    expect(store.events('ftjob-1').map((event) => event.id)).toEqual(['e1', 'e2', 'e3']);
    expect(store.lastEventId('ftjob-1')).toBe('e3');
    expect(store.lastEventId('nothing')).toBeUndefined();
    store.addLossPoints('ftjob-1', [
      { step: 2, loss: 0.9, validationLoss: null },
      { step: 1, loss: 1.2, validationLoss: 1.3 },
    ]);
    store.addLossPoints('ftjob-1', [{ step: 2, loss: 0.8, validationLoss: 0.85 }]);
    expect(store.lossPoints('ftjob-1')).toEqual([
      { step: 1, loss: 1.2, validationLoss: 1.3 },
      { step: 2, loss: 0.8, validationLoss: 0.85 },
    ]);
    store.close();
  });
});

describe('StoreJobSource', () => {
  it('shows the persisted jobs to the web app, newest first, validating as queued', async () => {
    const store = new SqliteFinetuneJobStore(':memory:');
    store.saveJob(job());
    store.saveJob(
      job({
        id: 'ftjob-2',
        createdAt: '2026-11-24T12:00:00.000Z',
        status: 'failed',
        rawStatus: 'failed',
        errorMessage: 'bad file',
      }),
    );
    store.addEvents('ftjob-2', [
      { id: 'x', at: '2026-11-24T12:00:05Z', level: 'error', message: 'bad file' },
    ]);
    store.addLossPoints('ftjob-2', [{ step: 1, loss: 2, validationLoss: null }]);
    const source = new StoreJobSource(store, 'demo');
    const jobs = await source.listJobs();
    expect(jobs.map((summary) => [summary.id, summary.status])).toEqual([
      ['ftjob-2', 'failed'],
      ['ftjob-1', 'queued'],
    ]);
    expect(await source.events('ftjob-2')).toEqual([
      { at: '2026-11-24T12:00:05Z', level: 'error', message: 'bad file' },
    ]);
    expect(await source.lossPoints('ftjob-2')).toEqual([
      { step: 1, loss: 2, validationLoss: null },
    ]);
    expect(await source.getJob('nope')).toBeUndefined();
    store.close();
  });
});

describe('run kinds and evidence', () => {
  it('keeps compare and sweep runs out of the prompt evidence', () => {
    const store = new SqliteEvalStore(':memory:');
    const evaluated = addRun(store, [{ variant: 'v', model: 'm', cases: { a: 'p', b: 'c' } }]);
    addRun(store, [{ variant: 'finetuned-short', model: 'ft', cases: { a: 'p', b: 'p' } }], {
      kind: 'compare',
    });
    addRun(store, [{ variant: 'v', model: 'm', cases: { a: 'p', b: 'p' } }], { kind: 'sweep' });
    expect(store.groupTotals('demo').map((group) => group.runId)).toEqual([evaluated]);
    expect(store.variantCaseTallies('demo', 0.1).map((tally) => tally.variant)).toEqual(['v', 'v']);
    expect(store.listRuns().map((run) => run.kind ?? 'eval')).toEqual(['eval', 'compare', 'sweep']);
    store.close();
  });
});
