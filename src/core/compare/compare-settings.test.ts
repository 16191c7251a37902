import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../../../test/support/temporary-directory.js';
import { SqliteComparisonStore } from '../../store/sqlite-comparison-store.js';
import { SqliteEvalStore } from '../../store/sqlite-eval-store.js';
import { runEval } from '../eval/run-eval.js';
import { analyzeLimits } from '../limits/analyze-limits.js';
import { runProbe } from '../prompt-lab/run-probe.js';
import { noTrainingData } from '../readiness/dataset-readiness.js';
import { loadTask } from '../task/load-task.js';
import { compareFinetuned } from './compare-finetuned.js';

let directory: { path: string; remove: () => void };
beforeEach(() => {
  directory = temporaryDirectory();
});
afterEach(() => directory.remove());

/** Twelve words for q1 and q2 (cut at 8 tokens they fail `equals`), four for q3. */
const cases = [
  {
    id: 'q1',
    question: 'Is the Moon smaller than Earth?',
    expected: 'yes it is and by quite a lot as you can plainly see',
  },
  {
    id: 'q2',
    question: 'Is there air on Mars?',
    expected: 'there is a little but it is far too thin to breathe',
  },
  { id: 'q3', question: 'Does a feather fall slower in a vacuum?', expected: 'no it does not' },
];
/** Mean output tokens of the full answers cut at `maxTokens` (the double counts words). */
const fullAnswerTokens = (maxTokens: number) =>
  cases.reduce((sum, row) => sum + Math.min(row.expected.split(' ').length, maxTokens), 0) /
  cases.length;
const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A text task on the scripted `double:` provider (real model code, no network): the base
 * answers in full only under the `long` prompt; the "finetune" answers every input in full.
 */
async function writeTask(maxTokens: number) {
  const full = (prefix: string) =>
    cases.map((row) => ({ match: `${prefix}${escapeRegex(row.question)}`, output: row.expected }));
  writeFileSync(
    join(directory.path, 'eval.jsonl'),
    `${cases.map((row) => JSON.stringify(row)).join('\n')}\n`,
  );
  writeFileSync(
    join(directory.path, 'base.json'),
    JSON.stringify({ rules: full('Answer fully\\. Q: '), default: 'I do not know' }),
  );
  writeFileSync(
    join(directory.path, 'tuned.json'),
    JSON.stringify({ rules: full('Q: '), default: 'I do not know' }),
  );
  writeFileSync(
    join(directory.path, 'tunegate.yaml'),
    `name: moon
instruction: Answer the question.
input: "Q: {{question}}"
output: { kind: text }
checks: [{ type: equals }]
data: { eval: eval.jsonl }
models:
  - { ref: "double:base.json", name: base, price: { input: 1, output: 2, training: 4 } }
  - { ref: "double:tuned.json", name: tuned, price: { input: 1, output: 2 } }
variants:
  - name: plain
  - { name: long, template: "Answer fully. {{input}}" }
sampling: { temperature: 0, maxTokens: ${maxTokens} }
repeats: 2
run: { cache: false }
`,
  );
  return loadTask(join(directory.path, 'tunegate.yaml'));
}

describe('compareFinetuned measures every arm at the current settings', () => {
  it('reruns arms stored at other sampling, reuses arms stored at the same', async () => {
    const store = new SqliteEvalStore(join(directory.path, 'tunegate.db'));
    const comparisons = new SqliteComparisonStore(store.database);
    const old = await writeTask(8);
    await runEval(old, { store, models: ['base'] });
    await runProbe(old, { store, models: ['base'] });
    const evidence = store.listRuns().map((run) => run.id);

    // maxTokens raised in the task file: every arm must run at 16.
    const task = await writeTask(16);
    const options = {
      store,
      comparisons,
      finetuned: 'tuned',
      base: 'base',
      trainingCost: 1,
      checkData: async () => noTrainingData(),
    };
    const comparison = await compareFinetuned(task, options);
    expect(comparison.settings).toEqual({ temperature: 0, maxTokens: 16 });
    expect(comparison.warnings).toEqual([]);
    expect(comparison.arms.map((arm) => [arm.role, arm.variant, arm.settings])).toEqual([
      ['finetuned', 'finetuned-short', { temperature: 0, maxTokens: 16 }],
      ['best-prompt', 'long', { temperature: 0, maxTokens: 16 }],
      ['base', 'plain', { temperature: 0, maxTokens: 16 }],
    ]);
    const [tuned, best, base] = comparison.arms;
    expect(comparison.arms.map((arm) => arm.reused)).toEqual([false, false, false]);
    for (const arm of [best, base]) {
      expect(evidence).not.toContain(arm?.runId);
      expect(arm?.rerunReason).toMatch(/^stored run .* ran at maxTokens 8, not 16$/);
    }
    // Every call of every arm was made at 16 tokens: the full twelve-word answers came back.
    for (const arm of comparison.arms) {
      const cells = [...store.iterateCells(arm.runId)];
      expect(cells).toHaveLength(cases.length * 2);
      expect(new Set(cells.map((cell) => cell.sampling.maxTokens))).toEqual(new Set([16]));
      const tokens = arm.role === 'base' ? 4 : fullAnswerTokens(16);
      expect([arm.trials, arm.outputTokensPerCall]).toEqual([6, tokens]);
    }
    expect([tuned?.passRate, best?.passRate, base?.passRate]).toEqual([1, 1, 0]);
    expect(store.getRun(best?.runId ?? '')?.kind).toBe('compare');
    expect(store.getRun(base?.runId ?? '')?.kind).toBe('compare');
    // The runs made here are not prompt evidence: the best prompt is still the one at 8 tokens.
    expect(analyzeLimits(store, task.config).best?.sampling).toEqual({
      temperature: 0,
      maxTokens: 8,
    });

    const runs = store.listRuns().length;
    const again = await compareFinetuned(task, options);
    expect(store.listRuns()).toHaveLength(runs);
    expect(again.arms.map((arm) => [arm.reused, arm.runId])).toEqual(
      comparison.arms.map((arm) => [true, arm.runId]),
    );

    // A flag applies to every arm: at 8 tokens the stored eval and probe fit again.
    const atEight = await compareFinetuned(task, { ...options, sampling: { maxTokens: 8 } });
    expect(atEight.settings).toEqual({ temperature: 0, maxTokens: 8 });
    expect(atEight.arms.map((arm) => [arm.reused, arm.settings])).toEqual([
      [false, { temperature: 0, maxTokens: 8 }],
      [true, { temperature: 0, maxTokens: 8 }],
      [true, { temperature: 0, maxTokens: 8 }],
    ]);
    expect(evidence).toContain(atEight.arms[1]?.runId);
    expect(evidence).toContain(atEight.arms[2]?.runId);
    expect(atEight.arms.map((arm) => arm.outputTokensPerCall)).toEqual([
      fullAnswerTokens(8),
      fullAnswerTokens(8),
      4,
    ]);
    // At 8 tokens only q3's short answer survives the cut, for the finetune and the best prompt.
    expect(atEight.arms.map((arm) => arm.passed)).toEqual([2, 2, 0]);
    expect(comparisons.latestComparison('moon')).toEqual(atEight);
    store.close();
  });

  it('measures every arm on the same cases and repeats', async () => {
    const store = new SqliteEvalStore(join(directory.path, 'tunegate.db'));
    const task = await writeTask(16);
    await runEval(task, { store, models: ['base'] });
    const comparison = await compareFinetuned(task, {
      store,
      comparisons: new SqliteComparisonStore(store.database),
      finetuned: 'tuned',
      base: 'base',
      trainingCost: 1,
      checkData: async () => noTrainingData(),
      repeats: 3,
      limit: 2,
    });
    expect([comparison.evalCases, comparison.repeats]).toEqual([2, 3]);
    // The stored best prompt had 3 cases × 2 repeats: measured again on 2 × 3.
    expect(comparison.arms.map((arm) => arm.trials)).toEqual([6, 6, 6]);
    expect(comparison.arms[1]?.rerunReason).toMatch(/ran on other cases \(3 stored, 2 now/);
    for (const arm of comparison.arms) {
      const cells = [...store.iterateCells(arm.runId)];
      expect(new Set(cells.map((cell) => cell.caseId))).toEqual(new Set(['q1', 'q2']));
      expect(new Set(cells.map((cell) => cell.repeat))).toEqual(new Set([0, 1, 2]));
    }
    store.close();
  });
});
