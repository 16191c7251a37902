import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../../../test/support/temporary-directory.js';
import { tinyCases, writeTinyLabelTask } from '../../../test/support/tiny-label-task.js';
import type { GenerateRequest, LanguageModel } from '../../spec/language-model.js';
import type { SamplingOptions } from '../../spec/sampling-options.js';
import { ProviderCallError } from '../../spec/tunegate-error.js';
import { SqliteComparisonStore } from '../../store/sqlite-comparison-store.js';
import { SqliteEvalStore } from '../../store/sqlite-eval-store.js';
import { analyzeLimits } from '../limits/analyze-limits.js';
import { describeSweep, runSweep } from './run-sweep.js';
import type { SweepPoint } from './sweep-result.js';

let directory: { path: string; remove: () => void };
beforeEach(() => {
  directory = temporaryDirectory();
});
afterEach(() => directory.remove());

/**
 * Answers the label, except at temperature 1 with frequency penalty 1, where the second
 * repeat says `LABEL it is` (more varied, and off-format). Input 10 tokens, output 1 per word.
 */
function samplingSensitiveModel(seen: SamplingOptions[]): LanguageModel {
  return {
    reference: 'double:echo',
    provider: 'double',
    modelId: 'echo',
    supportsCompletionMode: false,
    async generate(request: GenerateRequest) {
      seen.push(request.sampling);
      const prompt = request.prompt;
      const text = prompt.mode === 'chat' ? (prompt.messages.at(-1)?.content ?? '') : prompt.text;
      const label = tinyCases.find((row) => text.includes(row.question))?.expected ?? '?';
      const { temperature = 0, frequencyPenalty = 0 } = request.sampling;
      const varied = temperature >= 1 && frequencyPenalty >= 1 && request.repeat === 1;
      const answer = varied ? `${label} it is` : label;
      return {
        text: answer,
        usage: { inputTokens: 10, outputTokens: answer.split(' ').length },
        finishReason: 'stop' as const,
      };
    },
  };
}

describe('runSweep', () => {
  it('runs the grid and shows how much diversity comes back at what cost in pass rate', async () => {
    const task = await writeTinyLabelTask(directory.path);
    const store = new SqliteEvalStore(':memory:');
    const results = new SqliteComparisonStore(store.database);
    const seen: SamplingOptions[] = [];
    const sweep = await runSweep(task, {
      store,
      results,
      model: 'base',
      variant: 'plain',
      axes: { temperature: [1, 0.7], frequencyPenalty: [0, 1] },
      repeats: 2,
      createModel: () => samplingSensitiveModel(seen),
    });
    const label = (temperature: number, penalty: number) =>
      `temperature=${temperature} topP=1 frequencyPenalty=${penalty} presencePenalty=0`;
    expect(sweep.points.map((point) => point.label)).toEqual([
      label(0.7, 0),
      label(0.7, 1),
      label(1, 0),
      label(1, 1),
    ]);
    expect(new Set(seen.map((sampling) => JSON.stringify(sampling))).size).toBe(4);
    // Three corners answer every case right and identically: distinct-2 within 0 (no bigrams).
    for (const point of sweep.points.slice(0, 3)) {
      expect([point.passRate, point.withinDistinct2, point.passRateChange]).toEqual([1, 0, 0]);
    }
    // At temperature 1 and penalty 1 the second repeat fails: 4 of 8; `yes it is` has 2 of 2
    // distinct bigrams, so distinct-2 within each input is 1.
    const varied = sweep.points[3];
    expect([varied?.passed, varied?.trials]).toEqual([4, 8]);
    expect(varied?.withinDistinct2).toBe(1);
    expect(varied?.withinDistinct2Change).toBe(1);
    expect(varied?.passRateChange).toBe(-0.5);
    expect(varied?.acrossDistinct2).toBe(0);
    // $1 / $2 per 1M tokens: 10 input and a mean of (1 + 3) / 2 output tokens a call.
    expect(varied?.costPer1000).toBeCloseTo((10 + 2 * 2) / 1000, 12);
    expect(sweep.points[0]?.costPer1000).toBeCloseTo((10 + 1 * 2) / 1000, 12);
    // A label task: distinct-2 is shown as n/a, and the summary speaks of agreement. The
    // varied point's repeats disagree on every case: agreement 1/2.
    for (const point of sweep.points) {
      expect(point.diversityApplicability?.applies).toBe(false);
      expect(point.diversityApplicability?.reason).toBe('label outputs');
    }
    expect(varied?.consistency).toBe(0.5);
    expect(sweep.summary).toBe(
      `diversity does not apply (label outputs); ${label(1, 1)} lowers agreement across repeats from 1.00 to 0.50 at a pass rate of 50.0% (−50.0 points against ${label(0.7, 0)})`,
    );
    expect(results.latestSweep('tiny')).toEqual(sweep);
    // A sweep is not prompt evidence.
    expect(analyzeLimits(store, task.config).iterations).toEqual([]);
    store.close();
  });

  it('runs every point at the task’s current settings outside the swept axes', async () => {
    const loaded = await writeTinyLabelTask(directory.path);
    const config = { ...loaded.config, sampling: { temperature: [0], maxTokens: [8], seed: [1] } };
    const store = new SqliteEvalStore(':memory:');
    const seen: SamplingOptions[] = [];
    const sweep = await runSweep(
      { ...loaded, config },
      {
        store,
        results: new SqliteComparisonStore(store.database),
        model: 'base',
        variant: 'plain',
        axes: { temperature: [0.7, 1] },
        sampling: { maxTokens: 16 },
        repeats: 2,
        createModel: () => samplingSensitiveModel(seen),
      },
    );
    // The flag replaces the task's max tokens, the task's seed stays; the sweep's own axes vary.
    expect(sweep.settings).toEqual({ maxTokens: 16, seed: 1 });
    expect(sweep.warnings).toEqual([]);
    expect(new Set(seen.map((sampling) => `${sampling.maxTokens} ${sampling.seed}`))).toEqual(
      new Set(['16 1']),
    );
    expect(sweep.points.map((point) => point.sampling)).toEqual(
      [0.7, 1].flatMap((temperature) => [
        { temperature, topP: 1, maxTokens: 16, seed: 1, frequencyPenalty: 0, presencePenalty: 0 },
        { temperature, topP: 1, maxTokens: 16, seed: 1, frequencyPenalty: 1, presencePenalty: 0 },
      ]),
    );
    store.close();
  });

  it('leaves failed calls out of every point, counts them, and never answers from an incomplete point', async () => {
    const task = await writeTinyLabelTask(directory.path);
    const store = new SqliteEvalStore(':memory:');
    const answering = samplingSensitiveModel([]);
    const sweep = await runSweep(task, {
      store,
      results: new SqliteComparisonStore(store.database),
      model: 'base',
      variant: 'plain',
      axes: { temperature: [0.7, 1], frequencyPenalty: [0] },
      repeats: 2,
      // At temperature 1 every call fails: that point is incomplete.
      createModel: () => ({
        ...answering,
        async generate(request: GenerateRequest) {
          if ((request.sampling.temperature ?? 0) >= 1) {
            throw new ProviderCallError('scripted outage at 42 tokens', {
              status: 400,
              isRetryable: false,
            });
          }
          return answering.generate(request);
        },
      }),
    });
    const [calm, failing] = sweep.points;
    expect(calm?.errors).toBe(0);
    expect(calm?.trials).toBe(tinyCases.length * 2);
    expect(calm?.incomplete).toBe(false);
    expect(failing?.errors).toBe(tinyCases.length * 2);
    expect(failing?.trials).toBe(0);
    expect(failing?.cases).toBe(0);
    expect(failing?.incomplete).toBe(true);
    expect(failing?.commonestError?.message).toContain('scripted outage');
    expect(sweep.summary).not.toContain(failing?.label ?? '');
    store.close();
  });

  it('rejects an unknown variant before running anything', async () => {
    const task = await writeTinyLabelTask(directory.path);
    const store = new SqliteEvalStore(':memory:');
    await expect(
      runSweep(task, {
        store,
        results: new SqliteComparisonStore(store.database),
        model: 'base',
        variant: 'nope',
      }),
    ).rejects.toThrow('unknown variant "nope" (the task has: plain, long)');
    expect(store.listRuns()).toEqual([]);
    store.close();
  });
});

describe('describeSweep', () => {
  const point = (label: string, withinDistinct2: number, passRate: number): SweepPoint => ({
    samplingIndex: 0,
    sampling: {},
    label,
    trials: 10,
    passed: passRate * 10,
    passRate,
    lower: 0,
    upper: 1,
    consistency: 1 - withinDistinct2,
    withinDistinct2,
    withinSelfBleu: null,
    acrossDistinct2: null,
    acrossSelfBleu: null,
    diversityApplicability: { applies: true, reason: null, medianWords: 12, answers: null },
    latencyP50: null,
    costPer1000: null,
    passRateChange: 0,
    withinDistinct2Change: null,
  });

  it('says where distinct-2 within inputs rises most when diversity applies', () => {
    expect(describeSweep([point('cold', 0.2, 0.9), point('hot', 0.6, 0.8)])).toBe(
      'hot brings distinct-2 within inputs from 0.20 to 0.60 at a pass rate of 80.0% (−10.0 points against cold)',
    );
  });
});
