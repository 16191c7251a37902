import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FireworksFineTuningDouble } from '../../../test/support/fireworks-fine-tuning-double.js';
import { OpenAIFineTuningDouble } from '../../../test/support/openai-fine-tuning-double.js';
import { TogetherFineTuningDouble } from '../../../test/support/together-fine-tuning-double.js';
import type { FinetuneEngine, FinetuneEvent, FinetuneJob } from '../../spec/finetune-engine.js';
import { ProviderCallError } from '../../spec/tunegate-error.js';
import { findFinetuneEngine } from './finetune-engine-registry.js';

interface Double {
  baseURL: string;
  contractProblems: string[];
  scriptNextJob(script: { failAtStep?: number; failure?: { message: string } }): void;
  close(): Promise<void>;
}

interface Case {
  engine: string;
  start: () => Promise<Double>;
  account?: string;
  baseModel: string;
  hyperparameters: Record<string, number>;
  /** The resulting reference the engine must report for job number `n` (suffix `moon`). */
  expectedModel: (job: FinetuneJob) => string;
  hasLoss: boolean;
}

const apiKey = 'sk-test-finetune-0123456789';
const rows = new TextEncoder().encode(
  `${JSON.stringify({
    messages: [
      { role: 'user', content: 'a' },
      { role: 'assistant', content: 'b' },
    ],
  })}\n`.repeat(3),
);

const cases: Case[] = [
  {
    engine: 'openai',
    start: () => OpenAIFineTuningDouble.start({ apiKey }),
    baseModel: 'gpt-4o-mini-2024-07-18',
    hyperparameters: { epochs: 2, batchSize: 4, learningRateMultiplier: 0.5, seed: 7 },
    expectedModel: (job) =>
      `openai:ft:gpt-4o-mini-2024-07-18:tunegate-test:moon:test${job.id.replace('ftjob-test', '')}`,
    hasLoss: true,
  },
  {
    engine: 'together',
    start: () => TogetherFineTuningDouble.start({ apiKey }),
    baseModel: 'meta-llama/Meta-Llama-3.1-8B-Instruct-Reference',
    hyperparameters: { epochs: 2, batchSize: 8, learningRate: 0.0001, loraRank: 16 },
    expectedModel: (job) =>
      `together:tunegate-test/Meta-Llama-3.1-8B-Instruct-Reference-moon-${Number(job.id.slice(-12))}`,
    hasLoss: true,
  },
  {
    engine: 'fireworks',
    start: () => FireworksFineTuningDouble.start({ apiKey, account: 'acme' }),
    account: 'acme',
    baseModel: 'accounts/fireworks/models/llama-v3p1-8b-instruct',
    hyperparameters: { epochs: 2, learningRate: 0.0001, loraRank: 8 },
    expectedModel: (job) => `fireworks:accounts/acme/models/moon-${job.id.slice(-6)}`,
    hasLoss: false,
  },
];

async function pollUntilFinal(engine: FinetuneEngine, id: string): Promise<FinetuneJob> {
  for (let poll = 0; poll < 30; poll++) {
    const job = await engine.getJob(id);
    if (['succeeded', 'failed', 'cancelled'].includes(job.status)) return job;
  }
  throw new Error(`job ${id} did not finish in 30 polls`);
}

describe.each(cases)('the $engine engine against its double', (testCase) => {
  let double: Double;
  let engine: FinetuneEngine;

  beforeAll(async () => {
    double = await testCase.start();
    engine = findFinetuneEngine(testCase.engine).create({
      apiKey,
      baseURL: double.baseURL,
      account: testCase.account,
    });
  });
  afterAll(() => double.close());

  async function createJob(): Promise<FinetuneJob> {
    const file = await engine.uploadFile({
      filename: 'train.jsonl',
      content: rows,
      purpose: 'training',
    });
    expect(file.bytes).toBe(rows.byteLength);
    return engine.createJob({
      baseModel: testCase.baseModel,
      trainingFile: file.id,
      hyperparameters: testCase.hyperparameters,
      suffix: 'moon',
    });
  }

  it('uploads, creates a job, follows it to success and names the resulting model', async () => {
    const created = await createJob();
    expect(['validating_files', 'queued']).toContain(created.status);
    expect(created.resultModel).toBeNull();
    const finished = await pollUntilFinal(engine, created.id);
    expect(finished.status).toBe('succeeded');
    expect(finished.progress).toBe(1);
    expect(finished.resultModel).toBe(testCase.expectedModel(finished));
    const events = await engine.listEvents(created.id);
    const losses = events.flatMap((event) => (event.metrics ? [event.metrics.loss] : []));
    // The double's loss is 2 × 0.7^step over 4 steps.
    expect(losses).toEqual(testCase.hasLoss ? [1.4, 0.98, 0.686, 0.4802] : []);
    expect(double.contractProblems).toEqual([]);
  });

  it("reports a failed job with the engine's own message", async () => {
    double.scriptNextJob({
      failAtStep: 2,
      failure: { message: 'row 3 exceeds the maximum context length' },
    });
    const created = await createJob();
    const failed = await pollUntilFinal(engine, created.id);
    expect(failed.status).toBe('failed');
    expect(failed.error?.message).toBe('row 3 exceeds the maximum context length');
    expect(failed.resultModel).toBeNull();
  });

  it('cancels a running job', async () => {
    const created = await createJob();
    await engine.getJob(created.id);
    const cancelled = await engine.cancel(created.id);
    expect(cancelled.status).toBe('cancelled');
  });

  it('turns an HTTP error into a typed error that never shows the key', async () => {
    const wrong = findFinetuneEngine(testCase.engine).create({
      apiKey: 'sk-wrong-key-0123456789abcdef',
      baseURL: double.baseURL,
      account: testCase.account,
    });
    const error = await wrong.getJob('nothing').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderCallError);
    expect((error as ProviderCallError).status).toBe(401);
    expect((error as Error).message).not.toContain('sk-wrong-key');
  });
});

describe('the OpenAI engine', () => {
  it('lists only the events newer than the last one it has, oldest first, across pages', async () => {
    const double = await OpenAIFineTuningDouble.start({ apiKey, script: { steps: 150 } });
    try {
      const engine = findFinetuneEngine('openai').create({ apiKey, baseURL: double.baseURL });
      const file = await engine.uploadFile({
        filename: 't.jsonl',
        content: rows,
        purpose: 'training',
      });
      const job = await engine.createJob({
        baseModel: 'gpt-4o-mini',
        trainingFile: file.id,
        hyperparameters: {},
      });
      for (let poll = 0; poll < 120; poll++) await engine.getJob(job.id);
      // 1 validating + 1 queued + 1 started + 118 steps = 121 events: more than one page of 100.
      const all = await engine.listEvents(job.id);
      expect(all).toHaveLength(121);
      expect(all[0]?.message).toBe('Validating training file');
      const last: FinetuneEvent | undefined = all.at(-1);
      expect(last?.metrics).toEqual({
        step: 118,
        loss: Math.round(2 * 0.7 ** 118 * 10_000) / 10_000,
        validationLoss: 0.05,
        totalSteps: 150,
      });
      for (let poll = 0; poll < 2; poll++) await engine.getJob(job.id);
      const newer = await engine.listEvents(job.id, { since: last?.id });
      expect(newer.map((event) => event.metrics?.step)).toEqual([119, 120]);
      expect(double.contractProblems).toEqual([]);
    } finally {
      await double.close();
    }
  });
});
