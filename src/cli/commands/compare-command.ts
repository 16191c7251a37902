import type { Command } from 'commander';
import { compareFinetuned } from '../../core/compare/compare-finetuned.js';
import type { Comparison } from '../../core/compare/comparison.js';
import type { RunProgress } from '../../core/eval/run-progress.js';
import { localTrainingTokenCounters } from '../../engines/trainer/data/llama-cpp-training-token-counter.js';
import { SqliteComparisonStore } from '../../store/sqlite-comparison-store.js';
import { SqliteFinetuneJobStore } from '../../store/sqlite-finetune-job-store.js';
import { nonNegativeNumber, positiveInteger } from '../argument-parsers.js';
import type { CliIo } from '../cli-io.js';
import type { CommandContext } from '../command-context.js';
import { warnContextFit } from '../context-fit-printer.js';
import { exitCodes } from '../exit-codes.js';
import { formatDollars, formatMilliseconds, formatPercent, formatTable } from '../format-table.js';
import { createProgressReporter, type ProgressReporter } from '../progress-reporter.js';
import { loadTaskFrom, openStore } from '../task-location.js';
import { exitForFailedCalls } from './show-command.js';

interface CompareCommandOptions {
  task: string;
  store?: string;
  finetuned: string;
  base?: string;
  repeats?: number;
  limit?: number;
  rerun: boolean;
  trainingCost?: number;
  allowOverflow: boolean;
  json: boolean;
}

export function registerCompareCommand(program: Command, context: CommandContext): void {
  program
    .command('compare')
    .description(
      'the finetuned model (short prompt) against the best prompt and the base model: pass rate, a paired test over cases, consistency, diversity, latency, cost and break-even',
    )
    .requiredOption('--finetuned <model>', 'the finetuned model: a task model or provider:model')
    .option(
      '--base <model>',
      'the base model (default: lab.finetune.model, the job’s base, else the best prompt’s)',
    )
    .option('--task <file>', 'task file or folder', 'tunegate.yaml')
    .option('--store <file>', 'SQLite store (default: .tunegate/tunegate.db beside the task)')
    .option(
      '--repeats <n>',
      'repeats per case for the runs made now (default: the task’s)',
      positiveInteger,
    )
    .option('--limit <n>', 'only the first n eval cases', positiveInteger)
    .option(
      '--rerun',
      'run the finetuned and base models again instead of reusing stored runs',
      false,
    )
    .option(
      '--training-cost <usd>',
      'what training cost, when known (default: from the job or estimated)',
      nonNegativeNumber,
    )
    .option(
      '--allow-overflow',
      'run even when prompts or expected answers do not fit a model’s context',
      false,
    )
    .option('--json', 'machine-readable output', false)
    .action(async (options: CompareCommandOptions) => {
      context.result.code = await compareCommand(context.io, options);
    });
}

export async function compareCommand(io: CliIo, options: CompareCommandOptions): Promise<number> {
  const task = await loadTaskFrom(io, options.task);
  const store = openStore(io, task.file, options.store);
  const reporters = new Map<string, ProgressReporter>();
  try {
    const comparison = await compareFinetuned(task, {
      store,
      comparisons: new SqliteComparisonStore(store.database),
      jobs: new SqliteFinetuneJobStore(store.database),
      finetuned: options.finetuned,
      base: options.base,
      repeats: options.repeats,
      limit: options.limit,
      rerun: options.rerun,
      trainingCost: options.trainingCost,
      counters: localTrainingTokenCounters({ cwd: task.directory, env: io.env }),
      env: io.env,
      signal: io.signal,
      allowOverflow: options.allowOverflow,
      onContextFit: (arm, report) =>
        warnContextFit(io, report, options.allowOverflow, `compare: ${arm}`),
      onProgress: (arm: string, progress: RunProgress) => {
        let reporter = reporters.get(arm);
        if (!reporter) {
          reporter = createProgressReporter(io, `compare: ${arm}`);
          reporters.set(arm, reporter);
        }
        reporter.update(progress);
      },
    });
    for (const reporter of reporters.values()) reporter.stop();
    if (options.json) io.stdout(`${JSON.stringify(comparison, null, 2)}\n`);
    else printComparison(io, comparison);
    const failed = comparison.arms.reduce((sum, arm) => sum + (arm.errors ?? 0), 0);
    return exitForFailedCalls(io, failed, comparison.id);
  } finally {
    for (const reporter of reporters.values()) reporter.stop();
    store.close();
  }
}

const roleNames = { finetuned: 'finetuned', 'best-prompt': 'best prompt', base: 'base' } as const;
const fixed = (value: number | null) => (value === null ? '–' : value.toFixed(2));

export function printComparison(io: CliIo, comparison: Comparison): void {
  const out = (line = '') => io.stdout(`${line}\n`);
  out(
    `tunegate compare: ${comparison.taskName}, ${comparison.evalCases} eval cases (comparison ${comparison.id})`,
  );
  out();
  const rows = comparison.arms.map((arm) => [
    roleNames[arm.role],
    `${arm.label}${arm.reused ? '' : ' (new run)'}`,
    formatPercent(arm.passRate),
    `${formatPercent(arm.lower)}–${formatPercent(arm.upper)}`,
    arm.versusBest ? arm.versusBest.p.toPrecision(2) : '–',
    fixed(arm.consistency),
    fixed(arm.diversity.withinDistinct2),
    fixed(arm.diversity.acrossDistinct2),
    fixed(arm.diversity.acrossSelfBleu),
    formatMilliseconds(arm.latencyP50),
    formatMilliseconds(arm.latencyP95),
    formatDollars(arm.costPer1000),
  ]);
  out(
    formatTable(
      [
        'arm',
        'prompt on model',
        'pass rate',
        '95% CI',
        'paired p',
        'agreement',
        'distinct-2 within',
        'distinct-2 across',
        'self-BLEU',
        'p50',
        'p95',
        '$ / 1,000 calls',
      ],
      rows,
    ),
  );
  out();
  out(
    'paired p: against the best prompt over the cases both answered (exact McNemar with one repeat, else a sign-flip test on case pass shares); pass rate: mean of case pass shares, failed calls left out.',
  );
  out(`economics: ${comparison.economics.summary}`);
  out(`  training: ${comparison.economics.trainingMethod}`);
  out();
  out(`verdict: ${comparison.verdict}`);
}
