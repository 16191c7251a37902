import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runFinetuneCli } from '../support/run-finetune-cli.js';
import { temporaryDirectory } from '../support/temporary-directory.js';
import { expectedShortRows, moonTaskWithTrainingData } from './finetune-harness.js';

let directory: { path: string; remove: () => void };
let task: string;
beforeEach(async () => {
  directory = temporaryDirectory();
  task = await moonTaskWithTrainingData(directory.path);
  writeFileSync(
    join(task, 'data', 'validation.jsonl'),
    [
      {
        id: 'v1',
        body: 'Moon',
        assertion: 'A kite cannot fly on the Moon because there is no air to hold it up.',
        expected: 'correct',
      },
      {
        id: 'v2',
        body: 'ISS',
        assertion: 'Astronauts aboard the station feel twice their Earth weight while orbiting.',
        expected: 'incorrect',
      },
    ]
      .map((row) => JSON.stringify(row))
      .join('\n'),
  );
});
afterEach(() => directory.remove());

const readRows = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

/** Each trainer's config file, how to read it, and the exact command its README must give. */
const trainers = [
  {
    trainer: 'axolotl',
    config: 'config.yml',
    command: 'accelerate launch -m axolotl.cli.train config.yml',
    check: (text: string) => {
      const config = parse(text);
      expect(config.datasets[0]).toMatchObject({ path: './train.jsonl', type: 'chat_template' });
      expect(config.num_epochs).toBe(2);
      expect(config.base_model).toBe('Qwen/Qwen2.5-0.5B-Instruct');
    },
  },
  {
    trainer: 'trl',
    config: 'sft_config.yaml',
    command: 'trl sft --config sft_config.yaml',
    check: (text: string) => {
      const config = parse(text);
      expect(config.datasets[0]).toEqual({
        path: 'json',
        data_files: 'train.jsonl',
        split: 'train',
      });
      expect(config.num_train_epochs).toBe(2);
    },
  },
  {
    trainer: 'unsloth',
    config: 'train_unsloth.py',
    command: 'python train_unsloth.py',
    check: (text: string) => {
      expect(text).toContain('DATA_FILE = "train.jsonl"');
      expect(text).toContain('num_train_epochs=2');
    },
  },
] as const;

describe('tunegate finetune --export', () => {
  it.each(trainers)(
    'writes a ready $trainer bundle: data, config, README with the exact command',
    async (expected) => {
      const output = join(directory.path, `${expected.trainer}-out`);
      const result = await runFinetuneCli(task, [
        'finetune',
        '--export',
        expected.trainer,
        '-o',
        output,
        '--validation',
        'data/validation.jsonl',
        '--epochs',
        '2',
      ]);
      expect(result.stderr).not.toContain('internal error');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`train with (from ${output}):\n  ${expected.command}\n`);
      const rows = readRows(join(output, 'train.jsonl'));
      expect(rows).toEqual(expectedShortRows());
      expect(readRows(join(output, 'validation.jsonl'))).toHaveLength(2);
      expected.check(readFileSync(join(output, expected.config), 'utf8'));
      const readme = readFileSync(join(output, 'README.md'), 'utf8');
      expect(readme).toContain(`\`\`\`sh\n${expected.command}\n\`\`\``);
      expect(readme).toContain('| `train.jsonl` | 12 training examples');
      expect(readme).toContain('| `validation.jsonl` | 2 validation examples');
      expect(readFileSync(join(output, 'train.sh'), 'utf8')).toContain(`\n${expected.command}\n`);
    },
  );

  it('refuses data that leaks eval cases, writing nothing', async () => {
    const evalRow = readFileSync(join(task, 'data', 'eval.jsonl'), 'utf8').split('\n')[0] ?? '';
    const train = join(task, 'data', 'train.jsonl');
    writeFileSync(train, `${readFileSync(train, 'utf8').trimEnd()}\n${evalRow}\n`);
    const output = join(directory.path, 'leaky');
    const result = await runFinetuneCli(task, ['finetune', '--export', 'trl', '-o', output]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('[leaked_example]');
    expect(existsSync(output)).toBe(false);
  });
});
