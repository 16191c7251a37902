import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../../../test/support/temporary-directory.js';
import { writeTinyLabelTask } from '../../../test/support/tiny-label-task.js';
import type {
  CreateFinetuneJobRequest,
  FinetuneEngine,
  FinetuneFileUpload,
} from '../../spec/finetune-engine.js';
import { SqliteFinetuneJobStore } from '../../store/sqlite-finetune-job-store.js';
import { chooseEpochs } from '../datasets/epoch-rule.js';
import { tiktokenTrainingCounter } from '../datasets/tiktoken-training-counter.js';
import { countUploadTokens } from '../datasets/training-token-count.js';
import { startFinetune } from './start-finetune.js';

const train = [
  { question: 'Does a ball thrown upward on the Moon come back down?', expected: 'yes' },
  { question: 'Is Jupiter a rocky planet with a solid crust?', expected: 'no' },
  { question: 'Do astronauts float inside the orbiting station?', expected: 'yes' },
];

/** Records uploads and the create request; the job comes back validating. */
function recordingEngine(learningRate: 'absolute' | 'multiplier') {
  const uploads: FinetuneFileUpload[] = [];
  const requests: CreateFinetuneJobRequest[] = [];
  const engine: FinetuneEngine = {
    name: learningRate === 'multiplier' ? 'openai' : 'together',
    capabilities: {
      learningRate,
      loraRank: learningRate === 'absolute',
      seed: true,
      validationFile: true,
      events: true,
    },
    async uploadFile(file) {
      uploads.push(file);
      return {
        id: `file-${uploads.length}`,
        filename: file.filename,
        bytes: file.content.byteLength,
      };
    },
    async createJob(request) {
      requests.push(request);
      return {
        id: 'ftjob-abc123',
        status: 'validating_files',
        rawStatus: 'validating_files',
        baseModel: request.baseModel,
        createdAt: '2026-11-24T10:00:00.000Z',
        finishedAt: null,
        resultModel: null,
        error: null,
        progress: null,
        trainedTokens: null,
      };
    },
    getJob: async () => {
      throw new Error('unused');
    },
    listEvents: async () => [],
    cancel: async () => {
      throw new Error('unused');
    },
    checkpoints: async () => [],
  };
  return { engine, uploads, requests };
}

let directory: { path: string; remove: () => void };
beforeEach(() => {
  directory = temporaryDirectory();
});
afterEach(() => directory.remove());

describe('startFinetune', () => {
  it('uploads the short-prompt rows, creates the job and persists it before following', async () => {
    const task = await writeTinyLabelTask(
      directory.path,
      'policy: { minTrainExamples: 3 }\n',
      train,
    );
    const store = new SqliteFinetuneJobStore(':memory:');
    const { engine, uploads, requests } = recordingEngine('multiplier');
    const steps: string[] = [];
    const started = await startFinetune(task, {
      engine,
      provider: 'openai',
      store,
      baseModel: 'openai:gpt-4o-mini',
      hyperparameters: { epochs: 3, loraRank: 8 },
      suffix: 'tiny',
      onStep: (step) => steps.push(step),
      now: () => new Date('2026-11-24T10:00:01.000Z'),
    });
    expect(started.warnings).toContain('openai has no LoRA rank setting: ignored');
    expect(uploads.map((upload) => [upload.filename, upload.purpose])).toEqual([
      ['train.openai.jsonl', 'training'],
    ]);
    const rows = new TextDecoder()
      .decode(uploads[0]?.content)
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(rows[0]).toEqual({
      messages: [
        { role: 'user', content: 'Q: Does a ball thrown upward on the Moon come back down?' },
        { role: 'assistant', content: 'yes' },
      ],
    });
    expect(requests).toEqual([
      {
        baseModel: 'gpt-4o-mini',
        trainingFile: 'file-1',
        hyperparameters: { epochs: 3, loraRank: 8 },
        suffix: 'tiny',
      },
    ]);
    expect(store.getJob('ftjob-abc123')).toMatchObject({
      engine: 'openai',
      baseModel: 'openai:gpt-4o-mini',
      status: 'validating_files',
      modelName: 'ft-tiny-gpt-4o-mini-abc123',
      taskFile: task.file,
      updatedAt: '2026-11-24T10:00:01.000Z',
      registered: false,
    });
    expect(steps[0]).toBe('checking the training data for openai');
  });

  it('sends the auto-epoch rule’s epochs when none are asked for, and counts what it uploads', async () => {
    const task = await writeTinyLabelTask(
      directory.path,
      'policy: { minTrainExamples: 3 }\n',
      train,
    );
    const store = new SqliteFinetuneJobStore(':memory:');
    const { engine, uploads, requests } = recordingEngine('absolute');
    const started = await startFinetune(task, {
      engine,
      provider: 'together',
      store,
      baseModel: 'together:meta-llama/Meta-Llama-3.1-8B-Instruct-Reference',
      hyperparameters: {},
    });
    // Three rows: 100 passes would need 34 epochs; the rule's ceiling is 25. Together's own
    // default (one epoch) never applies: the job runs what `ready` priced.
    expect(requests[0]?.hyperparameters).toEqual({ epochs: chooseEpochs(3) });
    expect(chooseEpochs(3)).toBe(25);
    expect(store.getJob('ftjob-abc123')?.hyperparameters).toEqual({ epochs: 25 });
    const counter = await tiktokenTrainingCounter(
      'together:meta-llama/Meta-Llama-3.1-8B-Instruct-Reference',
    );
    const expected = countUploadTokens(uploads[0]?.content ?? new Uint8Array(), counter);
    expect(started.trainingTokens).toEqual(expected);
    expect(started.trainingTokens).toMatchObject({
      examples: 3,
      epochs: 25,
      epochSource: 'the auto-epoch rule for 3 examples',
    });
    expect(started.trainingTokens.trainingTokens).toBe(started.trainingTokens.tokensPerEpoch * 25);
  });

  it('refuses a base model of another provider and a learning rate the engine does not take', async () => {
    const task = await writeTinyLabelTask(
      directory.path,
      'policy: { minTrainExamples: 3 }\n',
      train,
    );
    const store = new SqliteFinetuneJobStore(':memory:');
    const { engine, uploads } = recordingEngine('multiplier');
    const base = { engine, provider: 'openai', store, hyperparameters: {} };
    await expect(startFinetune(task, { ...base, baseModel: 'base' })).rejects.toThrow(
      'the openai engine trains openai:… models, not double:echo',
    );
    await expect(
      startFinetune(task, {
        ...base,
        baseModel: 'openai:gpt-4o',
        hyperparameters: { learningRate: 0.001 },
      }),
    ).rejects.toThrow('use --learning-rate-multiplier instead of --learning-rate');
    await expect(startFinetune(task, base)).rejects.toThrow('which model to finetune?');
    expect(uploads).toEqual([]);
  });
});
