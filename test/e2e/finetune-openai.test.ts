import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { OpenAIFineTuningDouble } from '../support/openai-fine-tuning-double.js';
import { validateAgainstOpenApi } from '../support/openapi-validator.js';
import { runFinetuneCli } from '../support/run-finetune-cli.js';
import { temporaryDirectory } from '../support/temporary-directory.js';
import { requiredEnvironmentPath } from './data-harness.js';
import { expectedShortRows, moonTaskWithTrainingData, withJobStore } from './finetune-harness.js';

const apiKey = 'sk-test-openai-finetune-0123456789';
const env = { OPENAI_API_KEY: apiKey };

let directory: { path: string; remove: () => void };
let task: string;
let double: OpenAIFineTuningDouble;

beforeEach(async () => {
  directory = temporaryDirectory();
  task = await moonTaskWithTrainingData(directory.path);
  double = await OpenAIFineTuningDouble.start({ apiKey });
});
afterEach(async () => {
  await double.close();
  directory.remove();
});

function finetune(extra: string[] = []) {
  return runFinetuneCli(
    task,
    [
      'finetune',
      '--engine',
      'openai',
      '--base',
      'openai:gpt-4o-mini',
      '--base-url',
      double.baseURL,
      '--poll-interval',
      '5',
      ...extra,
    ],
    env,
  );
}

describe('tunegate finetune --engine openai, through the official openai client', () => {
  it('checks and uploads the data, creates the job, follows it and registers the model', async () => {
    const before = readFileSync(join(task, 'tunegate.yaml'), 'utf8');
    const result = await finetune([
      '--epochs',
      '2',
      '--batch-size',
      '4',
      '--learning-rate-multiplier',
      '0.5',
      '--seed',
      '7',
      '--suffix',
      'moon',
    ]);
    expect(result.stderr).not.toContain('internal error');
    expect(result.code).toBe(0);
    const model = 'openai:ft:gpt-4o-mini:tunegate-test:moon:test1';
    expect(result.stdout).toContain(`job ftjob-test1 succeeded: ${model}`);
    expect(result.stdout).toContain('as "ft-moon-gpt-4o-mini-test1"');
    // Live following: statuses, the engine's events and the loss (2 × 0.7^step).
    expect(result.stderr).toContain('job ftjob-test1: running');
    expect(result.stderr).toContain('Fine-tuning job started');
    expect(result.stderr).toContain('step 4: loss 0.4802, validation 0.5302 (100%)');

    // The upload: the short-prompt chat rows, each valid for OpenAI's fine-tuning format.
    const [uploaded] = [...double.files.values()];
    const rows = (uploaded?.text ?? '')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(rows).toEqual(expectedShortRows());
    // The spec of April 2025 still holds the per-line fine-tuning schemas.
    const rowSpec = requiredEnvironmentPath('TUNEGATE_OPENAI_SPEC_2025');
    for (const row of rows) {
      expect(validateAgainstOpenApi('FineTuneChatRequestInput', row, rowSpec)).toEqual([]);
    }
    const request = double.jobs.get('ftjob-test1')?.request;
    expect(request).toEqual({
      model: 'gpt-4o-mini',
      training_file: 'file-test1',
      suffix: 'moon',
      seed: 7,
      method: {
        type: 'supervised',
        supervised: {
          hyperparameters: { n_epochs: 2, batch_size: 4, learning_rate_multiplier: 0.5 },
        },
      },
    });
    expect(double.contractProblems).toEqual([]);

    // The task file gained the model, with the rest of it untouched.
    const after = readFileSync(join(task, 'tunegate.yaml'), 'utf8');
    const models = parse(after).models as { ref: string; name?: string; baseURL?: string }[];
    expect(models.at(-1)).toEqual({
      ref: model,
      name: 'ft-moon-gpt-4o-mini-test1',
      baseURL: double.baseURL,
      finetunedFrom: 'openai:gpt-4o-mini',
    });
    const added = after.length - before.length;
    expect(after.slice(0, 200)).toBe(before.slice(0, 200));
    expect(after.slice(-400)).toBe(before.slice(-400));
    expect(added).toBeGreaterThan(0);

    // Persisted: the job, every event once, the loss curve.
    withJobStore(task, (store) => {
      const job = store.getJob('ftjob-test1');
      expect(job).toMatchObject({
        status: 'succeeded',
        resultModel: model,
        registered: true,
        trainedTokens: 4000,
        hyperparameters: { epochs: 2, batchSize: 4, learningRateMultiplier: 0.5, seed: 7 },
      });
      expect(store.events('ftjob-test1').map((event) => event.message)).toEqual(
        double.job('ftjob-test1').log.map((entry) => entry.message),
      );
      expect(store.lossPoints('ftjob-test1').map((point) => point.loss)).toEqual([
        1.4, 0.98, 0.686, 0.4802,
      ]);
    });

    // The double keeps a checkpoint every 2 steps.
    expect(result.stdout).toContain(
      `  checkpoint at step 2, loss 0.98: ${model}:ckpt-step-2\n  checkpoint at step 4, loss 0.4802: ${model}:ckpt-step-4\n`,
    );

    const listed = await runFinetuneCli(task, ['finetune', '--list'], env);
    expect(listed.stdout).toMatch(/ftjob-test1\s+openai\s+openai:gpt-4o-mini\s+succeeded/);
  });

  it("reports a failed job with the engine's message on stderr and a non-zero exit", async () => {
    double.scriptNextJob({
      failAtStep: 2,
      failure: { message: 'Training file has 2 examples that exceed the context length' },
    });
    const before = readFileSync(join(task, 'tunegate.yaml'), 'utf8');
    const result = await finetune();
    expect(result.code).toBe(4);
    expect(result.stderr).toContain(
      'tunegate: finetune job ftjob-test1 failed: Training file has 2 examples that exceed the context length',
    );
    expect(readFileSync(join(task, 'tunegate.yaml'), 'utf8')).toBe(before);
    withJobStore(task, (store) => {
      expect(store.getJob('ftjob-test1')).toMatchObject({
        status: 'failed',
        registered: false,
        errorMessage: 'Training file has 2 examples that exceed the context length',
      });
    });
  });

  it('stops before uploading anything when the training data fails its checks', async () => {
    const train = join(task, 'data', 'train.jsonl');
    const rows = readFileSync(train, 'utf8').trim().split('\n');
    rows[2] = JSON.stringify({
      id: 'bad',
      body: 'Moon',
      assertion: 'An astronaut can hear a hammer strike through the lunar vacuum.',
      expected: 'maybe',
    });
    writeFileSync(train, `${rows.join('\n')}\n`);
    const result = await finetune();
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('tunegate: the training file');
    expect(result.stderr).toContain('line 3');
    expect(double.requests).toEqual([]);
  });

  it('creates a job without following it, then cancels it', async () => {
    const created = await finetune(['--detach']);
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('follow it with  tunegate finetune --follow ftjob-test1');
    const cancelled = await runFinetuneCli(task, ['finetune', '--cancel', 'ftjob-test1'], env);
    expect(cancelled.code).toBe(0);
    expect(cancelled.stdout).toBe('job ftjob-test1: cancelled\n');
    expect(double.job('ftjob-test1').phase).toBe('cancelled');
    const followed = await runFinetuneCli(task, ['finetune', '--follow', 'ftjob-test1'], env);
    expect(followed.code).toBe(4);
    expect(followed.stderr).toContain('tunegate: finetune job ftjob-test1 was cancelled');
  });

  it('runs the local engine through the same client against any OpenAI-compatible address', async () => {
    const result = await runFinetuneCli(
      task,
      [
        'finetune',
        '--engine',
        'local',
        '--base',
        'local:stories260k',
        '--base-url',
        double.baseURL,
        '--api-key-env',
        'LOCAL_SERVE_KEY',
        '--poll-interval',
        '5',
      ],
      { LOCAL_SERVE_KEY: apiKey },
    );
    expect(result.stderr).not.toContain('internal error');
    expect(result.code).toBe(0);
    const model = 'local:ft:stories260k:tunegate-test::test1';
    expect(result.stdout).toContain(`succeeded: ${model}`);
    const registered = parse(readFileSync(join(task, 'tunegate.yaml'), 'utf8')).models.at(-1);
    // A local model is served from the model cache: no API address is recorded with it.
    expect(registered).toEqual({
      ref: model,
      name: 'ft-stories260k-test1',
      finetunedFrom: 'local:stories260k',
    });
    // Without --base-url the local engine serves the base model itself: it must be cached.
    const models = temporaryDirectory();
    const missing = await runFinetuneCli(
      task,
      ['finetune', '--engine', 'local', '--base', 'local:x'],
      {
        TUNEGATE_MODELS_DIR: models.path,
      },
    );
    models.remove();
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('no local model "x"');
  });

  it('says when the key is missing, naming the variable', async () => {
    const result = await runFinetuneCli(
      task,
      [
        'finetune',
        '--engine',
        'openai',
        '--base',
        'openai:gpt-4o-mini',
        '--base-url',
        double.baseURL,
      ],
      {},
    );
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('OPENAI_API_KEY');
    expect(double.requests).toEqual([]);
  });
});
