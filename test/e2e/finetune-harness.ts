import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import { SqliteFinetuneJobStore } from '../../src/store/sqlite-finetune-job-store.js';
import { runCli } from '../support/run-cli.js';

export const trainFixture = resolve(import.meta.dirname, '../fixtures/finetune/moon-train.jsonl');

/**
 * `tunegate init moon` in `directory`, with the fixture's 12 training rows as data.train and
 * the policy minimum lowered to 10 so they are enough. Returns the task folder.
 */
export async function moonTaskWithTrainingData(directory: string): Promise<string> {
  const init = await runCli(directory, ['init', 'moon']);
  expect(init.code).toBe(0);
  const task = join(directory, 'moon');
  copyFileSync(trainFixture, join(task, 'data', 'train.jsonl'));
  const file = join(task, 'tunegate.yaml');
  const text = readFileSync(file, 'utf8')
    .replace(/^ {2}# train: data\/train\.jsonl.*$/m, '  train: data/train.jsonl')
    .replace(/minTrainExamples: 200/, 'minTrainExamples: 10');
  writeFileSync(file, text);
  return task;
}

/** Opens the task's store to read what the CLI persisted about jobs. */
export function withJobStore<T>(task: string, read: (store: SqliteFinetuneJobStore) => T): T {
  const store = new SqliteFinetuneJobStore(join(task, '.tunegate', 'tunegate.db'));
  try {
    return read(store);
  } finally {
    store.close();
  }
}

/** The rows of the fixture as the short-prompt chat rows the engines receive. */
export function expectedShortRows(): { messages: { role: string; content: string }[] }[] {
  return readFileSync(trainFixture, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { body: string; assertion: string; expected: string })
    .map((row) => ({
      messages: [
        { role: 'user', content: `Body: ${row.body}\nAssertion: ${row.assertion}` },
        { role: 'assistant', content: row.expected },
      ],
    }));
}
