import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTask } from '../../src/core/task/load-task.js';
import type { LoadedTask } from '../../src/core/task/loaded-task.js';
import { SqliteEvalStore } from '../../src/store/sqlite-eval-store.js';
import { addRun, type Outcome } from './synthetic-evidence.js';

/** What a hostile model might answer: markup that must stay text in every report. */
export const hostileOutput =
  '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2"> **not bold** | cell';

export interface ReadinessFixture {
  directory: string;
  task: LoadedTask;
  store: SqliteEvalStore;
  remove: () => void;
}

/**
 * A spam/ham task on disk (eval set, few-shot pool, 200 training rows) and a store whose
 * history passes all five gates: a probe of the plain instruction, three more variants that
 * never beat it, failures mostly format or consistency, and a case no prompt solves (answered
 * with `hostileOutput`).
 */
export async function readinessFixture(
  options: { trainRows?: number } = {},
): Promise<ReadinessFixture> {
  const directory = mkdtempSync(join(tmpdir(), 'tunegate-readiness-'));
  const jsonl = (rows: object[]) => `${rows.map((row) => JSON.stringify(row)).join('\n')}\n`;
  writeFileSync(
    join(directory, 'eval.jsonl'),
    jsonl(
      ['c1', 'c2', 'c3', 'c4'].map((id, index) => ({
        id,
        input: `message ${id}`,
        expected: index % 2 ? 'ham' : 'spam',
      })),
    ),
  );
  writeFileSync(
    join(directory, 'pool.jsonl'),
    jsonl([{ id: 'p1', input: 'win money', expected: 'spam' }]),
  );
  const trainRows = options.trainRows ?? 200;
  writeFileSync(
    join(directory, 'train.jsonl'),
    jsonl(
      Array.from({ length: trainRows }, (_, index) => ({
        id: `t${index}`,
        input: `training message number ${index}`,
        expected: index % 2 ? 'ham' : 'spam',
      })),
    ),
  );
  writeFileSync(
    join(directory, 'tunegate.yaml'),
    [
      'name: spam',
      'instruction: Classify the message. Answer with exactly one word, spam or ham.',
      'output: { kind: label, labels: [spam, ham] }',
      'checks: [{ type: label, name: shape }, { type: equals, name: right }]',
      'targets: { passRate: 0.9 }',
      'data: { eval: eval.jsonl, fewShot: pool.jsonl, train: train.jsonl }',
      'models: [ { ref: "double:a", name: a } ]',
      'prices:',
      '  "double:a": { input: 2, output: 8, training: 25 }',
      '  "double:ft:a": { input: 3, output: 12 }',
      'variants:',
      '  - { name: baseline }',
      '  - { name: firm, instruction: "Label the message: spam or ham. Answer with one word." }',
      '  - { name: shots, fewShot: { k: 1 } }',
      '  - { name: persona, system: "You sort mail into spam or ham." }',
      'repeats: 3',
    ].join('\n'),
  );
  const task = await loadTask(join(directory, 'tunegate.yaml'));
  const store = new SqliteEvalStore(join(directory, 'tunegate.db'));
  const output = (caseId: string, outcome: Outcome) =>
    caseId === 'c4'
      ? hostileOutput
      : outcome === 'p'
        ? caseId === 'c2'
          ? 'ham'
          : 'spam'
        : outcome === 'f'
          ? 'Spam!'
          : 'ham';
  const tokens = { inputTokens: 400, outputTokens: 2 };
  addRun(
    store,
    [
      {
        variant: 'baseline',
        model: 'a',
        cases: { c1: 'ppf', c2: 'pcp', c3: 'pfc', c4: 'ccc' },
        output,
        ...tokens,
      },
    ],
    { taskName: 'spam', kind: 'probe' },
  );
  addRun(
    store,
    ['firm', 'shots', 'persona'].map((variant) => ({
      variant,
      model: 'a',
      cases: { c1: 'pcc', c2: 'pcc', c3: 'fcc', c4: 'ccc' },
      output,
      ...tokens,
    })),
    { taskName: 'spam' },
  );
  return {
    directory,
    task,
    store,
    remove: () => {
      store.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
