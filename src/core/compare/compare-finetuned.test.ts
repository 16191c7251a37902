import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../../../test/support/temporary-directory.js';
import { tinyModels, writeTinyLabelTask } from '../../../test/support/tiny-label-task.js';
import type { LanguageModel } from '../../spec/language-model.js';
import type { TunegateError } from '../../spec/tunegate-error.js';
import { SqliteComparisonStore } from '../../store/sqlite-comparison-store.js';
import { SqliteEvalStore } from '../../store/sqlite-eval-store.js';
import type { ContextFitReport } from '../eval/measure-context-fit.js';
import { runEval } from '../eval/run-eval.js';
import { analyzeLimits } from '../limits/analyze-limits.js';
import { noTrainingData } from '../readiness/dataset-readiness.js';
import type { ModelConfig } from '../task/task-schema.js';
import { compareFinetuned } from './compare-finetuned.js';

let directory: { path: string; remove: () => void };
beforeEach(() => {
  directory = temporaryDirectory();
});
afterEach(() => directory.remove());

describe('compareFinetuned', () => {
  it('measures the finetune against the best prompt and the base, then reuses the runs', async () => {
    const task = await writeTinyLabelTask(directory.path);
    const store = new SqliteEvalStore(':memory:');
    const comparisons = new SqliteComparisonStore(store.database);
    await runEval(task, { store, models: ['base'], createModel: tinyModels });
    const options = {
      store,
      comparisons,
      finetuned: 'tuned',
      base: 'base',
      trainingCost: 12,
      createModel: tinyModels,
      checkData: async () => noTrainingData(),
    };
    const comparison = await compareFinetuned(task, options);
    const [tuned, best, base] = comparison.arms;
    expect(comparison.arms.map((arm) => [arm.role, arm.variant, arm.model])).toEqual([
      ['finetuned', 'finetuned-short', 'tuned'],
      ['best-prompt', 'long', 'base'],
      ['base', 'plain', 'base'],
    ]);
    // Best: long on base passes q1–q3, fails q4, twice each: 6 of 8.
    expect([best?.passed, best?.trials]).toEqual([6, 8]);
    // Finetuned: all 8; against the best only case q4 differs (both its repeats). One case is
    // one piece of evidence: the sign-flip p over 4 cases is 1 (2 of 2 sign choices reach it);
    // counting q4's two repeats as two cases gave p = 0.5 before.
    expect([tuned?.passed, tuned?.trials]).toEqual([8, 8]);
    expect(tuned?.versusBest).toEqual({
      pairs: 4,
      onlyThis: 1,
      onlyBest: 0,
      p: 1,
      method: 'sign-flip (exact)',
      pairing: '4 cases, 2 repeats each',
    });
    // Base, plain instruction, answers yes: passes q1 and q3 (4 of 8); q2 only the best passes.
    expect([base?.passed, base?.trials]).toEqual([4, 8]);
    expect(base?.versusBest).toMatchObject({ pairs: 4, onlyThis: 0, onlyBest: 1, p: 1 });
    expect(best?.versusBest).toBeNull();
    expect(tuned?.consistency).toBe(1);
    // Per 1,000 calls at $1 / $2 per 1M tokens: (5 + 2) / 1000, (20 + 2) / 1000, (10 + 2) / 1000.
    expect(tuned?.costPer1000).toBeCloseTo(0.007, 12);
    expect(best?.costPer1000).toBeCloseTo(0.022, 12);
    expect(base?.costPer1000).toBeCloseTo(0.012, 12);
    // $12 of training over a saving of $0.000015 a call: 800,000 calls, 66,667 a month.
    expect(comparison.economics.breakEvenCalls).toBeCloseTo(800_000, 4);
    expect(comparison.economics.breakEvenMonthlyCalls).toBeCloseTo(800_000 / 12, 4);
    expect(comparison.verdict).toContain(
      'finetuned 100.0% against best prompt 75.0% and base 50.0%',
    );
    expect(comparison.verdict).toContain(
      'not separable from the best prompt (sign-flip (exact) p = 1.0, paired over 4 cases, 2 repeats each)',
    );
    // The task's own plain variant was evaluated at the same settings: that stands for the base.
    expect([tuned?.reused, best?.reused, base?.reused]).toEqual([false, true, true]);
    expect(comparison.arms.map((arm) => arm.settings)).toEqual([
      { temperature: 0 },
      { temperature: 0 },
      { temperature: 0 },
    ]);
    expect(comparisons.latestComparison('tiny')).toEqual(comparison);

    // The finetuned run is not prompt evidence.
    const limits = analyzeLimits(store, task.config);
    expect(limits.best?.variant).toBe('long');
    expect(limits.iterations.some((iteration) => iteration.model === 'tuned')).toBe(false);

    const runs = store.listRuns().length;
    const again = await compareFinetuned(task, options);
    expect(store.listRuns()).toHaveLength(runs);
    expect(again.arms.map((arm) => arm.reused)).toEqual([true, true, true]);
    expect(again.arms.map((arm) => arm.passRate)).toEqual([1, 0.75, 0.5]);
    store.close();
  });

  it('checks every arm to be run against its context before running any', async () => {
    const task = await writeTinyLabelTask(directory.path);
    const store = new SqliteEvalStore(':memory:');
    const comparisons = new SqliteComparisonStore(store.database);
    // The base holds 12 words: the plain prompt (instruction, question and 2 of framing) is
    // 13 words or more on every case; the finetuned model has no meter and is not checked.
    const withSmallBase = (config: ModelConfig): LanguageModel => {
      const model = tinyModels(config);
      if ((config.name ?? config.ref) !== 'base') return model;
      const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
      return {
        ...model,
        contextMeter: async () => ({
          contextSize: 12,
          method: 'one token a word',
          exact: true,
          maxTokensBeyondRoom: 'clipped',
          promptTokens: (prompt) =>
            prompt.mode === 'chat'
              ? prompt.messages.reduce((sum, message) => sum + words(message.content) + 2, 0)
              : words(prompt.text),
          answerTokens: words,
        }),
      };
    };
    // Only the best prompt is evaluated: its stored group is reused, the base has none to reuse.
    await runEval(task, {
      store,
      models: ['base'],
      variants: ['long'],
      createModel: withSmallBase,
      allowOverflow: true,
    });
    const runs = store.listRuns().length;
    const reports: string[] = [];
    const options = {
      store,
      comparisons,
      finetuned: 'tuned',
      base: 'base',
      trainingCost: 12,
      createModel: withSmallBase,
      checkData: async () => noTrainingData(),
      onContextFit: (arm: string, report: ContextFitReport) =>
        reports.push(
          `${arm}: ${report.checked.length} checked, ${report.findings.length} findings`,
        ),
    };
    const refused = await compareFinetuned(task, options).catch((error: unknown) => error);
    expect((refused as TunegateError).code).toBe('CONTEXT_OVERFLOW');
    expect((refused as TunegateError).message).toContain('variant plain on base: prompt of case');
    expect((refused as TunegateError).message).toContain('(4 of 4 cases overflow');
    // The finetuned arm comes first and fits, yet nothing ran: no new run, no comparison.
    expect(store.listRuns()).toHaveLength(runs);
    expect(comparisons.latestComparison('tiny')).toBeUndefined();
    expect(reports).toEqual(['finetuned: 0 checked, 0 findings', 'base: 1 checked, 1 findings']);

    // With --rerun the best prompt is run again too, so it is checked with the others.
    reports.length = 0;
    const rerun = await compareFinetuned(task, { ...options, rerun: true }).catch(
      (error: unknown) => error,
    );
    expect((rerun as TunegateError).code).toBe('CONTEXT_OVERFLOW');
    expect((rerun as TunegateError).message).toContain('(2 findings)');
    expect((rerun as TunegateError).message).toContain('variant long on base: prompt of case');
    expect(reports).toEqual([
      'best-prompt: 1 checked, 1 findings',
      'finetuned: 0 checked, 0 findings',
      'base: 1 checked, 1 findings',
    ]);
    expect(store.listRuns()).toHaveLength(runs);
    expect(comparisons.latestComparison('tiny')).toBeUndefined();

    const allowed = await compareFinetuned(task, { ...options, allowOverflow: true });
    expect(allowed.arms.map((arm) => arm.reused)).toEqual([false, true, false]);
    expect(store.listRuns()).toHaveLength(runs + 2);
    store.close();
  });

  it('needs an evaluated prompt first', async () => {
    const task = await writeTinyLabelTask(directory.path);
    const store = new SqliteEvalStore(':memory:');
    await expect(
      compareFinetuned(task, {
        store,
        comparisons: new SqliteComparisonStore(store.database),
        finetuned: 'tuned',
        createModel: tinyModels,
      }),
    ).rejects.toThrow(/run tunegate eval/);
    store.close();
  });
});
