import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../support/run-cli.js';
import { runFinetuneCli } from '../support/run-finetune-cli.js';
import { temporaryDirectory } from '../support/temporary-directory.js';
import { moonTaskWithTrainingData, withJobStore } from './finetune-harness.js';

let directory: { path: string; remove: () => void };
let models: { path: string; remove: () => void };
let env: Record<string, string>;

beforeEach(async () => {
  const mirror = process.env.TUNEGATE_MODEL_MIRROR;
  if (!mirror) {
    throw new Error(
      'set TUNEGATE_MODEL_MIRROR to a folder holding stories260K/stories260K.bin and stories260K/tok512.bin',
    );
  }
  directory = temporaryDirectory();
  models = temporaryDirectory();
  env = { TUNEGATE_MODELS_DIR: models.path };
  const imported = await runCli(
    directory.path,
    [
      'models',
      'import',
      'llama2c',
      join(mirror, 'stories260K', 'stories260K.bin'),
      join(mirror, 'stories260K', 'tok512.bin'),
      '--name',
      'stories260k',
    ],
    env,
  );
  expect(imported.code).toBe(0);
});
afterEach(() => {
  directory.remove();
  models.remove();
});

describe('tunegate finetune --engine local', () => {
  it("trains through tunegate's own fine-tuning API with the official openai client", async () => {
    const task = await moonTaskWithTrainingData(directory.path);
    const result = await runFinetuneCli(
      task,
      [
        'finetune',
        '--engine',
        'local',
        '--base',
        'local:stories260k',
        '--epochs',
        '1',
        '--suffix',
        'moon',
        '--poll-interval',
        '100',
      ],
      env,
    );
    expect(result.stderr).not.toContain('internal error');
    expect(result.code).toBe(0);
    const model = /succeeded: (local:ft:stories260k:moon:[a-z0-9]{8})\n/.exec(result.stdout)?.[1];
    expect(model).toBeDefined();
    // 12 rows, batch 1, 1 epoch: 12 steps, each loss stored; the log shows the last step.
    expect(result.stderr).toMatch(
      /training step 12\/12 \| [0-9.]+ steps\/s \| ETA 0s \| loss [0-9.]+\n/,
    );
    expect(result.stderr).not.toContain('Step 5/12');
    withJobStore(task, (store) => {
      const [job] = store.listJobs();
      expect(job).toMatchObject({ engine: 'local', status: 'succeeded', resultModel: model });
      expect(store.lossPoints(job?.id ?? '').map((point) => point.step)).toEqual([
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
      ]);
      expect(job?.baseURL).toBeNull();
    });
    const registered = parse(readFileSync(join(task, 'tunegate.yaml'), 'utf8')).models.at(-1);
    expect(registered.ref).toBe(model);
    expect(registered.baseURL).toBeUndefined();
  });
});
