import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FireworksFineTuningDouble } from '../support/fireworks-fine-tuning-double.js';
import { runFinetuneCli } from '../support/run-finetune-cli.js';
import { temporaryDirectory } from '../support/temporary-directory.js';
import { TogetherFineTuningDouble } from '../support/together-fine-tuning-double.js';
import { expectedShortRows, moonTaskWithTrainingData, withJobStore } from './finetune-harness.js';

const apiKey = 'test-rest-engine-key-0123456789';

let directory: { path: string; remove: () => void };
let task: string;
beforeEach(async () => {
  directory = temporaryDirectory();
  task = await moonTaskWithTrainingData(directory.path);
});
afterEach(() => directory.remove());

const rowsOf = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

const registeredModels = () =>
  (parse(readFileSync(join(task, 'tunegate.yaml'), 'utf8')).models as { ref: string }[]).map(
    (model) => model.ref,
  );

describe('tunegate finetune --engine together', () => {
  let double: TogetherFineTuningDouble;
  beforeEach(async () => {
    double = await TogetherFineTuningDouble.start({ apiKey });
  });
  afterEach(() => double.close());

  const finetune = () =>
    runFinetuneCli(
      task,
      [
        'finetune',
        '--engine',
        'together',
        '--base',
        'together:meta-llama/Meta-Llama-3.1-8B-Instruct-Reference',
        '--base-url',
        double.baseURL,
        '--epochs',
        '2',
        '--learning-rate',
        '0.0001',
        '--lora-rank',
        '16',
        '--suffix',
        'moon',
        '--poll-interval',
        '5',
      ],
      { TOGETHER_API_KEY: apiKey },
    );

  it('trains a LoRA finetune, follows the loss and registers the output model', async () => {
    const result = await finetune();
    expect(result.stderr).not.toContain('internal error');
    expect(result.code).toBe(0);
    const model = 'together:tunegate-test/Meta-Llama-3.1-8B-Instruct-Reference-moon-1';
    expect(result.stdout).toContain(`succeeded: ${model}`);
    expect(result.stderr).toContain('step 4: loss 0.4802, validation 0.5302');
    expect(rowsOf([...double.files.values()][0]?.text ?? '')).toEqual(expectedShortRows());
    const [job] = [...double.jobs.values()];
    expect(job?.request).toEqual({
      training_file: 'file-00000001',
      model: 'meta-llama/Meta-Llama-3.1-8B-Instruct-Reference',
      training_type: { type: 'Lora', lora_r: 16 },
      n_epochs: 2,
      learning_rate: 0.0001,
      suffix: 'moon',
    });
    expect(double.contractProblems).toEqual([]);
    expect(registeredModels()).toContain(model);
  });

  it("reports Together's error event as the failure", async () => {
    double.scriptNextJob({ failAtStep: 1, failure: { message: 'CUDA out of memory at step 1' } });
    const result = await finetune();
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(
      /tunegate: finetune job ft-\S+ failed: CUDA out of memory at step 1/,
    );
    expect(registeredModels()).toHaveLength(2);
  });
});

describe('tunegate finetune --engine fireworks', () => {
  let double: FireworksFineTuningDouble;
  beforeEach(async () => {
    double = await FireworksFineTuningDouble.start({ apiKey, account: 'acme' });
  });
  afterEach(() => double.close());

  const finetune = (extra: string[] = []) =>
    runFinetuneCli(
      task,
      [
        'finetune',
        '--engine',
        'fireworks',
        '--base',
        'fireworks:accounts/fireworks/models/llama-v3p1-8b-instruct',
        '--base-url',
        double.baseURL,
        '--lora-rank',
        '8',
        '--poll-interval',
        '5',
        ...extra,
      ],
      { FIREWORKS_API_KEY: apiKey, FIREWORKS_ACCOUNT_ID: 'acme' },
    );

  it('uploads a dataset, runs the job and registers the output model', async () => {
    const result = await finetune(['--suffix', 'moon']);
    expect(result.stderr).not.toContain('internal error');
    expect(result.code).toBe(0);
    const [job] = [...double.jobs.values()];
    const model = `fireworks:accounts/acme/models/moon-${job?.id.slice(-6)}`;
    expect(result.stdout).toContain(`succeeded: ${model}`);
    // Fireworks has no event log: tunegate records the state changes itself.
    expect(result.stderr).toContain('status: JOB_STATE_RUNNING');
    const [dataset] = [...double.datasets.values()];
    expect(rowsOf(dataset?.text ?? '')).toEqual(expectedShortRows());
    expect(job?.request).toMatchObject({
      dataset: `accounts/acme/datasets/${dataset?.id}`,
      baseModel: 'accounts/fireworks/models/llama-v3p1-8b-instruct',
      loraRank: 8,
    });
    expect(double.contractProblems).toEqual([]);
    expect(registeredModels()).toContain(model);
    withJobStore(task, (store) => {
      expect(store.events(job?.id ?? '').map((event) => event.message)).toEqual([
        'status: JOB_STATE_CREATING',
        'status: JOB_STATE_RUNNING',
        'status: JOB_STATE_COMPLETED',
      ]);
    });
  });

  it("reports the job's status message as the failure", async () => {
    double.scriptNextJob({ failAtStep: 2, failure: { message: 'dataset has no assistant turns' } });
    const result = await finetune();
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(
      /tunegate: finetune job tunegate-\w+ failed: dataset has no assistant turns/,
    );
  });

  it('names the missing account variable', async () => {
    const result = await runFinetuneCli(
      task,
      ['finetune', '--engine', 'fireworks', '--base', 'fireworks:x', '--base-url', double.baseURL],
      { FIREWORKS_API_KEY: apiKey },
    );
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('FIREWORKS_ACCOUNT_ID');
  });
});
