import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comparison } from '../../src/core/compare/comparison.js';
import { analyzeLimits } from '../../src/core/limits/analyze-limits.js';
import { mcnemarExact } from '../../src/core/metrics/mcnemar-exact.js';
import type { SweepResult } from '../../src/core/sweep/sweep-result.js';
import { loadTask } from '../../src/core/task/load-task.js';
import { SqliteEvalStore } from '../../src/store/sqlite-eval-store.js';
import { runCli } from '../support/run-cli.js';
import { runFinetuneCli } from '../support/run-finetune-cli.js';
import { temporaryDirectory } from '../support/temporary-directory.js';

const finetuned = 'double:finetuned-rules.json';
const base = 'double:double-rules.json';
let directory: { path: string; remove: () => void };
let task: string;
let evalRows: { assertion: string; expected: string }[];

/**
 * The moon-jump example with a scripted "finetuned" model: right on every eval case except
 * the first two (it says the opposite there), and prices so that cost is not zero.
 */
beforeAll(async () => {
  directory = temporaryDirectory();
  expect((await runCli(directory.path, ['init', 'moon'])).code).toBe(0);
  task = join(directory.path, 'moon');
  evalRows = readFileSync(join(task, 'data', 'eval.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  const flip = (label: string) => (label === 'correct' ? 'incorrect' : 'correct');
  const rules = evalRows.map((row, index) => ({
    match: row.assertion.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    output: index < 2 ? flip(row.expected) : row.expected,
  }));
  writeFileSync(join(task, 'finetuned-rules.json'), JSON.stringify({ rules, default: 'unsure' }));
  const file = join(task, 'tunegate.yaml');
  writeFileSync(
    file,
    `${readFileSync(file, 'utf8')}\nprices:\n  "${base}": { input: 0.5, output: 1.5, training: 2 }\n  "${finetuned}": { input: 0.5, output: 1.5 }\n`,
  );
  const evaluation = await runCli(task, ['eval', '--model', base]);
  expect(evaluation.code).toBe(0);
});
afterAll(() => directory.remove());

function withStore<T>(read: (store: SqliteEvalStore) => T): T {
  const store = new SqliteEvalStore(join(task, '.tunegate', 'tunegate.db'));
  try {
    return read(store);
  } finally {
    store.close();
  }
}

/** Pass or fail per (case, repeat) of one group, straight from the stored cells. */
function outcomes(runId: string, variant: string, samplingIndex: number): Map<string, boolean> {
  return withStore((store) => {
    const found = new Map<string, boolean>();
    for (const cell of store.iterateCells(runId)) {
      if (cell.variant === variant && cell.samplingIndex === samplingIndex)
        found.set(`${cell.caseId}/${cell.repeat}`, cell.passed === true);
    }
    return found;
  });
}

describe('tunegate compare and sweep on the moon-jump example', () => {
  let comparison: Comparison;

  it('compares the finetuned model with the best prompt and the base, and stores it', async () => {
    const result = await runFinetuneCli(task, [
      'compare',
      '--finetuned',
      finetuned,
      '--base',
      base,
      '--training-cost',
      '5',
      '--json',
    ]);
    expect(result.stderr).not.toContain('internal error');
    expect(result.code).toBe(0);
    comparison = JSON.parse(result.stdout) as Comparison;
    const [tuned, best, baseArm] = comparison.arms;
    expect(comparison.arms.map((arm) => arm.role)).toEqual(['finetuned', 'best-prompt', 'base']);
    // 48 cases × 3 repeats; the scripted finetune misses the first two cases every time.
    expect([tuned?.passed, tuned?.trials]).toEqual([
      (evalRows.length - 2) * 3,
      evalRows.length * 3,
    ]);
    expect(tuned?.variant).toBe('finetuned-short');
    expect(tuned?.consistency).toBe(1);
    // The best prompt is the plain instruction here: its eval stands for the base arm too.
    expect([tuned?.reused, best?.reused, baseArm?.reused]).toEqual([false, true, true]);
    expect(baseArm?.variant).toBe('baseline');

    // The paired test against the best prompt, recounted by case from the stored cells: a case's
    // three repeats are one piece of evidence, not three.
    const shares = (trials: Map<string, boolean>) => {
      const byCase = new Map<string, { passed: number; answered: number }>();
      for (const [trial, pass] of trials) {
        const caseId = trial.split('/')[0] as string;
        const tally = byCase.get(caseId) ?? { passed: 0, answered: 0 };
        tally.answered++;
        if (pass) tally.passed++;
        byCase.set(caseId, tally);
      }
      return new Map([...byCase].map(([id, tally]) => [id, tally.passed / tally.answered]));
    };
    const bestShares = shares(
      outcomes(best?.runId ?? '', best?.variant ?? '', best?.samplingIndex ?? 0),
    );
    const tunedShares = shares(outcomes(tuned?.runId ?? '', 'finetuned-short', 0));
    let onlyTuned = 0;
    let onlyBest = 0;
    let wholeFlips = true;
    for (const [caseId, share] of tunedShares) {
      const other = bestShares.get(caseId) as number;
      if (share > other) onlyTuned++;
      if (share < other) onlyBest++;
      if (share !== other && Math.abs(share - other) !== 1) wholeFlips = false;
    }
    expect(tuned?.versusBest).toMatchObject({
      pairs: evalRows.length,
      onlyThis: onlyTuned,
      onlyBest,
      pairing: `${evalRows.length} cases, 3 repeats each`,
    });
    // Where every differing case flips whole, the sign-flip test is McNemar on cases.
    if (wholeFlips) {
      expect(tuned?.versusBest?.p).toBeCloseTo(mcnemarExact(onlyTuned, onlyBest), 12);
    }

    // Cost per 1,000 calls from the stored tokens at $0.5 / $1.5 per 1M.
    const tokens = withStore((store) => {
      let input = 0;
      let output = 0;
      let calls = 0;
      for (const cell of store.iterateCells(tuned?.runId ?? '')) {
        input += cell.inputTokens;
        output += cell.outputTokens;
        calls++;
      }
      return { input: input / calls, output: output / calls };
    });
    expect(tuned?.costPer1000).toBeCloseTo(
      ((tokens.input * 0.5 + tokens.output * 1.5) / 1e6) * 1000,
      12,
    );
    const saving = ((best?.costPer1000 ?? 0) - (tuned?.costPer1000 ?? 0)) / 1000;
    expect(saving).toBeGreaterThan(0);
    expect(comparison.economics.breakEvenCalls).toBeCloseTo(5 / saving, 6);
    expect(comparison.economics.trainingMethod).toBe('as given (--training-cost)');

    // The finetune's run is not prompt evidence: the best prompt is unchanged.
    const loaded = await loadTask(join(task, 'tunegate.yaml'));
    withStore((store) => {
      const limits = analyzeLimits(store, loaded.config);
      expect(limits.best?.label).toBe(best?.label);
      expect(limits.iterations.some((iteration) => iteration.model === finetuned)).toBe(false);
    });
  });

  it('prints the table, reusing every stored run', async () => {
    const runs = withStore((store) => store.listRuns().length);
    const result = await runFinetuneCli(task, [
      'compare',
      '--finetuned',
      finetuned,
      '--base',
      base,
    ]);
    expect(result.code).toBe(0);
    expect(withStore((store) => store.listRuns().length)).toBe(runs);
    expect(result.stdout).not.toContain('(new run)');
    expect(result.stdout).toMatch(/^finetuned\s+finetuned-short on double:finetuned-rules\.json/m);
    expect(result.stdout).toMatch(/^best prompt\s+/m);
    expect(result.stdout).toMatch(/^base\s+baseline on double:double-rules\.json/m);
    expect(result.stdout).toContain(`verdict: ${comparison.verdict}`);
  });

  it('sweeps a sampling grid and reports diversity against pass rate', async () => {
    const result = await runFinetuneCli(task, [
      'sweep',
      '--model',
      finetuned,
      '--variant',
      'baseline',
      '--temperature',
      '0.9,1',
      '--frequency-penalty',
      '0,1',
      '--repeats',
      '2',
      '--limit',
      '6',
      '--json',
    ]);
    expect(result.stderr).not.toContain('internal error');
    expect(result.code).toBe(0);
    const sweep = JSON.parse(result.stdout) as SweepResult;
    expect(sweep.points.map((point) => point.label)).toEqual([
      'temperature=0.9 topP=1 maxTokens=10 frequencyPenalty=0 presencePenalty=0',
      'temperature=0.9 topP=1 maxTokens=10 frequencyPenalty=1 presencePenalty=0',
      'temperature=1 topP=1 maxTokens=10 frequencyPenalty=0 presencePenalty=0',
      'temperature=1 topP=1 maxTokens=10 frequencyPenalty=1 presencePenalty=0',
    ]);
    const run = withStore((store) => store.getRun(sweep.runId));
    expect(run?.kind).toBe('sweep');
    for (const point of sweep.points) {
      const stored = outcomes(sweep.runId, 'baseline', point.samplingIndex);
      const passed = [...stored.values()].filter(Boolean).length;
      expect([point.trials, point.passed]).toEqual([12, passed]);
    }
    // The scripted model ignores sampling (a real one would not): nothing changes.
    expect(sweep.points.map((point) => point.passRateChange)).toEqual([0, 0, 0, 0]);

    const report = await runFinetuneCli(task, ['report', '--format', 'md']);
    expect(report.code).toBe(0);
    expect(report.stdout).toContain('## Finetuned model vs best prompt');
    expect(report.stdout).toContain('## Sampling sweep: diversity vs pass rate');
    const html = await runFinetuneCli(task, ['report', '-o', 'report.html']);
    expect(html.code).toBe(0);
    const page = readFileSync(join(task, 'report.html'), 'utf8');
    expect(page).toContain('<canvas id="chart-comparison"');
    expect(page).toContain('<canvas id="chart-sweep"');
  });

  it('measures every arm at the task’s sampling as it is now, and says what each ran at', async () => {
    const file = join(task, 'tunegate.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('maxTokens: 10', 'maxTokens: 16'));
    const result = await runFinetuneCli(task, [
      'compare',
      '--finetuned',
      finetuned,
      '--base',
      base,
      '--json',
    ]);
    expect(result.stderr).not.toContain('WARNING');
    expect(result.code).toBe(0);
    const raised = JSON.parse(result.stdout) as Comparison;
    expect(raised.settings?.maxTokens).toBe(16);
    expect(raised.warnings).toEqual([]);
    // Every arm was stored at 10 tokens: each ran again, at 16. Here the best prompt is the
    // plain instruction on the base model, so the base arm is that same new run.
    const [, bestArm, baseArm] = raised.arms;
    expect(raised.arms.map((arm) => arm.reused)).toEqual([false, false, false]);
    expect(bestArm?.variant).toBe('baseline');
    expect(bestArm?.rerunReason).toMatch(/^stored run \S+ ran at maxTokens 10, not 16$/);
    expect(baseArm?.runId).toBe(bestArm?.runId);
    expect(baseArm?.rerunReason).toBe('measured with the best prompt arm just now');
    for (const arm of raised.arms) {
      expect(arm.settings).toEqual(raised.settings);
      const cells = withStore((store) => [...store.iterateCells(arm.runId)]);
      expect(cells.length).toBe(evalRows.length * 3);
      expect(new Set(cells.map((cell) => JSON.stringify(cell.sampling)))).toEqual(
        new Set([JSON.stringify(raised.settings)]),
      );
    }
    // The best prompt keeps the temperature it won at, out of the task's two.
    const loaded = await loadTask(file);
    const best = withStore((store) => analyzeLimits(store, loaded.config).best);
    expect(raised.settings?.temperature).toBe(best?.sampling.temperature);

    // A flag sets every arm; at 10 tokens the stored eval fits the best prompt and the base
    // again. The finetune's compare run at 10 was made from the task file before the edit, so
    // it is not reused.
    const runs = withStore((store) => store.listRuns().length);
    const flagged = await runFinetuneCli(task, [
      'compare',
      '--finetuned',
      finetuned,
      '--base',
      base,
      '--max-tokens',
      '10',
    ]);
    expect(flagged.code).toBe(0);
    expect(withStore((store) => store.listRuns().length)).toBe(runs + 1);
    const temperature = raised.settings?.temperature;
    const ranAt = `temperature ${temperature}, top-p –, max tokens 10, frequency penalty –, presence penalty –, seed –`;
    expect(flagged.stdout).toContain(`settings for every arm: ${ranAt}`);
    for (const role of ['finetuned', 'best prompt', 'base']) {
      expect(flagged.stdout).toMatch(
        new RegExp(`^  ${role}\\s+ran at ${ranAt}(?: \\(run again: .*\\))?$`, 'm'),
      );
    }
    expect(flagged.stdout).toMatch(/^finetuned +finetuned-short on .* \(new run\) /m);
    expect(flagged.stdout.match(/\(new run\)/g)).toHaveLength(1);
    expect(flagged.stdout).not.toContain('WARNING');
    // Labels: distinct-2 and self-BLEU mean nothing, agreement does.
    expect(flagged.stdout).toContain('diversity n/a: label outputs');
    expect(flagged.stdout).toMatch(/^finetuned .* n\/a +n\/a +n\/a /m);

    const sweep = await runFinetuneCli(task, [
      'sweep',
      '--model',
      finetuned,
      '--variant',
      'baseline',
      '--temperature',
      '1',
      '--frequency-penalty',
      '0',
      '--max-tokens',
      '12',
      '--limit',
      '4',
      '--json',
    ]);
    expect(sweep.code).toBe(0);
    const swept = JSON.parse(sweep.stdout) as SweepResult;
    expect(swept.settings).toEqual({ maxTokens: 12 });
    expect(swept.points.map((point) => point.sampling)).toEqual([
      { temperature: 1, topP: 1, maxTokens: 12, frequencyPenalty: 0, presencePenalty: 0 },
    ]);
    expect(swept.points[0]?.diversityApplicability?.reason).toBe('label outputs');
  });

  it('shows diversity as n/a for a label task in show and diff, and refuses a bad flag', async () => {
    // The eval, and the best prompt measured again at 16 tokens by compare: cells pair.
    const runs = withStore((store) => store.listRuns());
    const first = runs.find((run) => (run.kind ?? 'eval') === 'eval')?.id;
    const second = runs.find(
      (run) => run.kind === 'compare' && run.options.variants?.[0] === 'baseline',
    )?.id;
    const show = await runCli(task, ['show', first ?? '']);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('distinct-2 and self-BLEU n/a: label outputs');
    expect(show.stdout).toMatch(/^baseline .* n\/a +n\/a /m);
    const diff = await runCli(task, ['diff', first ?? '', second ?? '']);
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('diversity   n/a (label outputs)');

    const bad = await runFinetuneCli(task, ['compare', '--finetuned', finetuned, '--top-p', '0']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/topP/);
  });
});
