import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseEpochs } from '../../src/core/datasets/epoch-rule.js';
import { prepareTrainingFiles } from '../../src/core/finetune/prepare-training-files.js';
import { loadTask } from '../../src/core/task/load-task.js';
import { readGgufFile } from '../../src/engines/llama-cpp/gguf/gguf-reader.js';
import { buildBatches } from '../../src/engines/trainer/data/build-batches.js';
import { LlamaCppExampleTokenizer } from '../../src/engines/trainer/data/llama-cpp-example-tokenizer.js';
import { readTrainingFile } from '../../src/engines/trainer/data/read-training-file.js';
import { readLlamaHyperparameters } from '../../src/engines/trainer/model/llama-hyperparameters.js';
import { autoSequenceLength } from '../../src/server/fine-tuning/training-run.js';
import { SqliteEvalStore } from '../../src/store/sqlite-eval-store.js';
import { SqliteFinetuneJobStore } from '../../src/store/sqlite-finetune-job-store.js';
import { runCli } from '../support/run-cli.js';
import { runFinetuneCli } from '../support/run-finetune-cli.js';
import { addRun } from '../support/synthetic-evidence.js';
import { temporaryDirectory } from '../support/temporary-directory.js';
import { importStories260K, type Stories260K } from './local-stories260k.js';

const jsonl = (rows: object[]) => `${rows.map((row) => JSON.stringify(row)).join('\n')}\n`;
const animals = ['otter', 'heron', 'badger', 'lynx', 'moose', 'walrus', 'gecko', 'ibis', 'okapi'];
const places = ['river', 'forest', 'desert', 'harbour', 'meadow', 'glacier', 'canyon'];

// 20 rows and no epochs in the task: the auto-epoch rule gives ceil(100 / 20) = 5 epochs, not
// the 3 a fixed default would. One row is longer than stories260K's context.
const trainRows = Array.from({ length: 20 }, (_, index) => ({
  id: `t${index}`,
  input:
    index === 19
      ? Array.from({ length: 400 }, (_, word) => animals[word % animals.length]).join(' ')
      : `The ${animals[index % animals.length]} sleeps by the ${places[index % places.length]} number ${index}.`,
  expected: index % 2 ? 'ham' : 'spam',
}));

let stories: Stories260K;
let folder: { path: string; remove: () => void };
let storeFile: string;

beforeAll(async () => {
  stories = await importStories260K();
  folder = temporaryDirectory('tunegate-token-count-');
  const write = (name: string, text: string) => writeFileSync(join(folder.path, name), text);
  write(
    'eval.jsonl',
    jsonl(
      ['c1', 'c2'].map((id, index) => ({
        id,
        input: `eval ${id}`,
        expected: index ? 'ham' : 'spam',
      })),
    ),
  );
  write('train.jsonl', jsonl(trainRows));
  write(
    'tunegate.yaml',
    [
      'name: tokens',
      'instruction: Classify the message. Answer with exactly one word, spam or ham.',
      'output: { kind: label, labels: [spam, ham] }',
      'checks: [{ type: label, name: shape }, { type: equals, name: right }]',
      'data: { eval: eval.jsonl, train: train.jsonl }',
      'models: [ { ref: "double:a", name: a }, { ref: "local:stories260K", name: base } ]',
      'variants: [ { name: baseline } ]',
      'lab: { finetune: { model: base } }',
      'policy: { minTrainExamples: 20 }',
    ].join('\n'),
  );
  mkdirSync(join(folder.path, '.tunegate'));
  storeFile = join(folder.path, '.tunegate', 'tunegate.db');
  const store = new SqliteEvalStore(storeFile);
  // A best prompt, so `ready` prices the finetune.
  addRun(store, [{ variant: 'baseline', model: 'a', cases: { c1: 'pc', c2: 'cp' } }], {
    taskName: 'tokens',
    kind: 'probe',
  });
  store.close();
});
afterAll(() => {
  folder?.remove();
  stories?.remove();
});

/** What the local trainer's own batching counts for the uploaded file over `epochs`. */
async function trainerCount(epochs: number) {
  const task = await loadTask(join(folder.path, 'tunegate.yaml'));
  const prepared = await prepareTrainingFiles(task, { format: 'openai' });
  const uploaded = join(folder.path, 'uploaded.jsonl');
  writeFileSync(uploaded, prepared.training.content);
  const contextLength = readLlamaHyperparameters(await readGgufFile(stories.path)).contextLength;
  const tokenizer = await LlamaCppExampleTokenizer.load(stories.path);
  try {
    const examples = (await readTrainingFile(uploaded)).map((example) =>
      tokenizer.tokenize(example),
    );
    const longest = Math.max(...examples.map((example) => example.tokens.length));
    const length = autoSequenceLength(longest, contextLength);
    const plan = buildBatches(examples, { rows: 1, length, packing: false });
    return { perEpoch: plan.tokens, total: plan.tokens * epochs, truncated: plan.truncated };
  } finally {
    await tokenizer.dispose();
  }
}

describe('one training-token count', () => {
  it('data stats, ready and the local job give the same count over the auto-epoch rule', async () => {
    const { env } = stories;
    const stats = await runCli(
      folder.path,
      ['data', 'stats', 'train.jsonl', '--task', '.', '--model', 'local:stories260K', '--json'],
      env,
    );
    expect(stats.code).toBe(0);
    const [estimate] = JSON.parse(stats.stdout).training;
    const ready = await runCli(folder.path, ['ready', '--json', '--store', storeFile], env);
    expect(ready.code).toBe(0);
    const economics = JSON.parse(ready.stdout).economics.training;

    const epochs = chooseEpochs(20);
    expect(epochs).toBe(5);
    for (const count of [estimate, economics]) {
      expect(count.epochs).toBe(epochs);
      expect(count.epochSource).toBe('the auto-epoch rule for 20 examples');
      expect(count.exact).toBe(true);
      expect(count.tokenizer).toContain("stories260K.gguf's own tokenizer");
    }

    const trainer = await trainerCount(epochs);
    // The long row is cut where the trainer cuts it: its sequence holds the context.
    expect(trainer.truncated).toBe(1);
    expect(estimate.truncatedExamples).toBe(1);
    expect(estimate.tokensPerEpoch).toBe(trainer.perEpoch);
    expect(estimate.trainingTokens).toBe(trainer.total);
    expect(economics.trainingTokens).toBe(trainer.total);

    const finetune = await runFinetuneCli(
      folder.path,
      ['finetune', '--engine', 'local', '--store', storeFile, '--poll-interval', '100'],
      env,
    );
    expect(finetune.stderr).not.toContain('internal error');
    expect(finetune.code).toBe(0);
    expect(finetune.stdout).toContain(
      `trained tokens: ${trainer.total.toLocaleString('en-US')} (reported by local), as counted before training`,
    );
    const jobs = new SqliteFinetuneJobStore(storeFile);
    try {
      const [job] = jobs.listJobs();
      // The job ran the epochs `ready` priced, and the fine-tuning API reported the same count.
      expect(job?.hyperparameters.epochs).toBe(epochs);
      expect(job?.trainedTokens).toBe(trainer.total);
    } finally {
      jobs.close();
    }
  });
});
