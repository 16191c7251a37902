import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pendingTrainLine } from '../../core/demo/demo-task-yaml.js';
import { analyzeLimits } from '../../core/limits/analyze-limits.js';
import type { Iteration } from '../../core/limits/iteration.js';
import { assessReadiness } from '../../core/readiness/assess-readiness.js';
import { interval as formatInterval, percent } from '../../core/readiness/gate-inputs.js';
import { writeEditedTaskFile } from '../../core/task/append-to-task-list.js';
import { loadTask } from '../../core/task/load-task.js';
import { TunegateError } from '../../spec/tunegate-error.js';
import { SqliteComparisonStore } from '../../store/sqlite-comparison-store.js';
import { SqliteEvalStore } from '../../store/sqlite-eval-store.js';
import { SqliteFinetuneJobStore } from '../../store/sqlite-finetune-job-store.js';
import type { DemoStage, DemoState } from './demo-stage.js';

const interval = (iteration: Iteration) => formatInterval(iteration.lower, iteration.upper);

async function withTaskStore<T>(
  state: DemoState,
  read: (store: SqliteEvalStore, task: Awaited<ReturnType<typeof loadTask>>) => T | Promise<T>,
): Promise<T> {
  const task = await loadTask(join(state.directory, 'tunegate.yaml'));
  const store = new SqliteEvalStore(join(state.directory, '.tunegate', 'tunegate.db'));
  try {
    return await read(store, task);
  } finally {
    store.close();
  }
}

async function countLines(file: string): Promise<number> {
  const text = await readFile(file, 'utf8');
  return text.split('\n').filter((line) => line.trim() !== '').length;
}

/** The workflow, in the order the five rules ask for it. */
export const demoStages: readonly DemoStage[] = [
  {
    id: 'probe',
    title: 'Rule 1 · Know the base model',
    why: 'the plain instruction, zero-shot, on the candidate model: the baseline everything is measured against',
    commands: () => [['probe']],
    takeaway: (state) =>
      withTaskStore(state, (store, task) => {
        const probe = analyzeLimits(store, task.config)
          .iterations.filter((iteration) => iteration.runKind === 'probe')
          .at(-1);
        if (!probe) throw new TunegateError('RUN_NOT_FOUND', 'the probe stored no baseline');
        return `baseline: ${percent(probe.passRate)} pass (${interval(probe)}) over ${probe.cases} cases × ${Math.round(probe.trials / probe.cases)} repeats`;
      }),
  },
  {
    id: 'variants',
    title: 'Rule 2 · Engineer prompts before finetuning',
    why: 'one change at a time along wording, few-shot, system message and sampling, each measured',
    commands: () => [['variants', '--no-rewrite', '--accept-all'], ['eval']],
    takeaway: (state) =>
      withTaskStore(state, (store, task) => {
        const limits = analyzeLimits(store, task.config);
        const best = limits.best;
        if (!best) throw new TunegateError('RUN_NOT_FOUND', 'the eval stored no results');
        const variants = new Set(limits.iterations.map((iteration) => iteration.variant)).size;
        return `${variants} prompts measured; best: ${best.variant} at ${percent(best.passRate)} (${interval(best)})`;
      }),
  },
  {
    id: 'limits',
    title: 'Rule 3 · Find the limits of prompting',
    why: 'where the best score plateaus, and which cases no prompt solves',
    commands: () => [['limits']],
    takeaway: (state) =>
      withTaskStore(state, (store, task) => {
        const limits = analyzeLimits(store, task.config);
        const plateau = limits.plateau.reached ? 'plateau reached' : 'no plateau yet';
        return `${plateau}; ${limits.neverSolved.length} of ${limits.matrix.cases.length} cases solved by no prompt, ${limits.rarelySolved.length} rarely`;
      }),
  },
  {
    id: 'data',
    title: 'Rule 5 · Finetuning is data work',
    why: 'clean, checked, de-duplicated training rows that do not leak into the held-out eval set',
    commands: () => [
      ['data', 'fix', 'data/train-candidates.jsonl', '--task', '.', '-o', 'data/train-fixed.jsonl'],
      [
        'data',
        'leakage',
        'data/train-fixed.jsonl',
        '--against',
        'data/eval.jsonl',
        '--output-field',
        'place',
        '--against-output-field',
        'place',
        '-o',
        'data/train.jsonl',
      ],
      ['data', 'check', 'data/train.jsonl', '--task', '.'],
    ],
    acceptedCodes: [3],
    after: async (state) => {
      const file = join(state.directory, 'tunegate.yaml');
      const text = await readFile(file, 'utf8');
      const line = text.split('\n').find((candidate) => candidate.startsWith(pendingTrainLine));
      if (line === undefined) return 'data.train is already set in tunegate.yaml';
      await writeEditedTaskFile(
        file,
        text.replace(line, '  train: data/train.jsonl'),
        'setting data.train',
      );
      return 'set data.train: data/train.jsonl in tunegate.yaml';
    },
    takeaway: async (state) => {
      const folder = join(state.directory, 'data');
      const candidates = await countLines(join(folder, 'train-candidates.jsonl'));
      const fixed = await countLines(join(folder, 'train-fixed.jsonl'));
      const clean = await countLines(join(folder, 'train.jsonl'));
      return `${candidates} generated rows → ${fixed} after fixes and de-duplication → ${clean} clean rows that do not leak into the eval set`;
    },
  },
  {
    id: 'ready',
    title: 'The gates · Is a finetune earned?',
    why: 'five gates over the evidence so far, the economics, and a verdict',
    commands: () => [['ready']],
    takeaway: (state) =>
      withTaskStore(state, async (store, task) => {
        const readiness = await assessReadiness(task, store);
        const passed = readiness.gates.filter((gate) => gate.pass).length;
        return `${passed} of ${readiness.gates.length} gates pass; verdict: ${readiness.verdict}: ${readiness.verdictReason}`;
      }),
  },
  {
    id: 'finetune',
    title: 'Rule 4 · Finetune for consistency and the specific task',
    why: "a LoRA finetune on tunegate's own CPU trainer, through its OpenAI-compatible fine-tuning API",
    commands: (state) => [
      [
        'finetune',
        '--engine',
        'local',
        '--epochs',
        String(state.size.epochs),
        '--learning-rate-multiplier',
        String(state.size.learningRateMultiplier),
        '--seed',
        '1',
        '--suffix',
        'demo',
        '--poll-interval',
        '200',
      ],
    ],
    takeaway: (state) =>
      withTaskStore(state, (store, task) => {
        const jobs = new SqliteFinetuneJobStore(store.database);
        const job = jobs
          .listJobs(task.config.name)
          .filter((candidate) => candidate.status === 'succeeded')
          .at(-1);
        if (!job?.resultModel) throw new TunegateError('RUN_NOT_FOUND', 'no finetune succeeded');
        state.finetuned = job.modelName;
        const loss = jobs.lossPoints(job.id);
        const first = loss[0]?.loss;
        const last = loss.at(-1);
        const lossText =
          first === undefined || last === undefined
            ? ''
            : `; training loss ${first.toFixed(2)} → ${last.loss.toFixed(2)}${last.validationLoss === null ? '' : `, validation ${last.validationLoss.toFixed(3)}`}`;
        const tokens = job.trainedTokens?.toLocaleString('en-US') ?? '?';
        return `${job.resultModel}: ${tokens} training tokens over ${job.hyperparameters.epochs ?? '?'} epochs (${loss.length} steps)${lossText}`;
      }),
  },
  {
    id: 'compare',
    title: 'Rule 4 · Compare with the best prompt',
    why: 'the finetune (short prompt) against the best prompt and the base model, on the held-out cases',
    commands: (state) => [['compare', '--finetuned', requireFinetuned(state)]],
    takeaway: (state) =>
      withTaskStore(state, (store, task) => {
        const comparison = new SqliteComparisonStore(store.database).latestComparison(
          task.config.name,
        );
        if (!comparison) throw new TunegateError('RUN_NOT_FOUND', 'the comparison was not stored');
        const arm = (role: string) => comparison.arms.find((candidate) => candidate.role === role);
        const tuned = arm('finetuned');
        const best = arm('best-prompt');
        const base = arm('base');
        const test = tuned?.versusBest;
        return `finetuned ${percent(tuned?.passRate ?? 0)} vs best prompt ${percent(best?.passRate ?? 0)} vs base ${percent(base?.passRate ?? 0)}${test ? ` (${test.method ?? 'McNemar'} p = ${test.p.toPrecision(2)}, ${test.pairing ?? `${test.pairs} pairs`})` : ''}`;
      }),
  },
  {
    id: 'sweep',
    title: 'Rule 4 · What creativity did it cost?',
    why: 'temperature × frequency penalty on the finetune: how much diversity comes back, at what cost',
    commands: (state) => [['sweep', '--model', requireFinetuned(state)]],
    takeaway: (state) =>
      withTaskStore(state, (store, task) => {
        const sweep = new SqliteComparisonStore(store.database).latestSweep(task.config.name);
        if (!sweep) throw new TunegateError('RUN_NOT_FOUND', 'the sweep was not stored');
        return sweep.summary;
      }),
  },
  {
    id: 'report',
    title: 'The evidence · One report',
    why: 'gates, iterations and plateau, the comparison and the sweep, in one self-contained file',
    commands: () => [['report', '-o', 'report.html']],
    takeaway: async (state) => {
      state.report = join(state.directory, 'report.html');
      return `report: ${state.report}`;
    },
  },
];

function requireFinetuned(state: DemoState): string {
  if (state.finetuned === undefined) {
    throw new TunegateError('RUN_NOT_FOUND', 'the finetune stage has not registered a model');
  }
  return state.finetuned;
}
