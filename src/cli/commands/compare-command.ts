import type { Command } from 'commander';
import { compareFinetuned } from '../../core/compare/compare-finetuned.js';
import type { Comparison, ComparisonArm } from '../../core/compare/comparison.js';
import { describeSampling } from '../../core/eval/describe-sampling.js';
import type { RunProgress } from '../../core/eval/run-progress.js';
import { describeAnswers } from '../../core/metrics/diversity-applicability.js';
import { localTrainingTokenCounters } from '../../engines/trainer/data/llama-cpp-training-token-counter.js';
import { SqliteComparisonStore } from '../../store/sqlite-comparison-store.js';
import { SqliteFinetuneJobStore } from '../../store/sqlite-finetune-job-store.js';
import { nonNegativeNumber, positiveInteger } from '../argument-parsers.js';
import type { CliIo } from '../cli-io.js';
import type { CommandContext } from '../command-context.js';
import { warnContextFit } from '../context-fit-printer.js';
import { formatDollars, formatMilliseconds, formatPercent, formatTable } from '../format-table.js';
import { createProgressReporter, type ProgressReporter } from '../progress-reporter.js';
import { addSamplingFlags, type SamplingFlags, samplingOverrides } from '../sampling-flags.js';
import { loadTaskFrom, openStore } from '../task-location.js';
import { exitForFailedCalls } from './show-command.js';

interface CompareCommandOptions extends SamplingFlags {
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
  const command = program
    .command('compare')
    .description(
      'the finetuned model (short prompt) against the best prompt and the base model, every arm at the task’s current sampling: pass rate, a paired test over cases, consistency, diversity, latency, cost and break-even',
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
      'repeats per case for every arm (default: the task’s); stored runs with others are run again',
      positiveInteger,
    )
    .option('--limit <n>', 'only the first n eval cases', positiveInteger)
    .option('--rerun', 'run every arm again instead of reusing stored runs', false)
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
    .option('--json', 'machine-readable output', false);
  addSamplingFlags(
    command,
    ['temperature', 'topP', 'maxTokens', 'seed', 'frequencyPenalty', 'presencePenalty'],
    'every arm',
  ).action(async (options: CompareCommandOptions) => {
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
      sampling: samplingOverrides(options),
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
    if (options.json) {
      io.stdout(`${JSON.stringify(comparison, null, 2)}\n`);
      for (const warning of comparison.warnings ?? []) io.stderr(`WARNING: ${warning}\n`);
    } else printComparison(io, comparison);
    const failed = comparison.arms.reduce((sum, arm) => sum + (arm.errors ?? 0), 0);
    return exitForFailedCalls(io, failed, comparison.id);
  } finally {
    for (const reporter of reporters.values()) reporter.stop();
    store.close();
  }
}

const roleNames = { finetuned: 'finetuned', 'best-prompt': 'best prompt', base: 'base' } as const;
const fixed = (value: number | null) => (value === null ? '–' : value.toFixed(2));
/** `n/a` where distinct-n and self-BLEU do not mean variety (labels, short answers). */
const diversity = (value: number | null, arm: ComparisonArm) =>
  arm.diversity.applicability?.applies === false ? 'n/a' : fixed(value);

export function printComparison(io: CliIo, comparison: Comparison): void {
  const out = (line = '') => io.stdout(`${line}\n`);
  out(
    `tunegate compare: ${comparison.taskName}, ${comparison.evalCases} eval cases × ${comparison.repeats} repeats (comparison ${comparison.id})`,
  );
  out();
  printWarnings(out, comparison.warnings ?? []);
  const rows = comparison.arms.map((arm) => [
    roleNames[arm.role],
    `${arm.label}${arm.reused ? '' : ' (new run)'}`,
    formatPercent(arm.passRate),
    `${formatPercent(arm.lower)}–${formatPercent(arm.upper)}`,
    arm.versusBest ? arm.versusBest.p.toPrecision(2) : '–',
    fixed(arm.consistency),
    arm.errors === undefined ? '–' : String(arm.errors),
    diversity(arm.diversity.withinDistinct2, arm),
    diversity(arm.diversity.acrossDistinct2, arm),
    diversity(arm.diversity.acrossSelfBleu, arm),
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
        'failed calls',
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
  for (const arm of comparison.arms) {
    const reason = arm.commonestError;
    if (!reason) continue;
    out(
      `failed calls in the ${roleNames[arm.role]} arm: ${arm.errors} (commonest ${reason.count}×: ${reason.message}), left out of the figures; fix: ${reason.fix}`,
    );
  }
  printSettings(out, comparison);
  printDiversityNote(out, comparison);
  out(
    'paired p: against the best prompt over the cases both answered (exact McNemar with one repeat, else a sign-flip test on case pass shares); pass rate: mean of case pass shares, failed calls left out.',
  );
  out(`economics: ${comparison.economics.summary}`);
  out(`  training: ${comparison.economics.trainingMethod}`);
  out();
  out(`verdict: ${comparison.verdict}`);
  printWarnings(out, comparison.warnings ?? []);
}

function printWarnings(out: (line?: string) => void, warnings: readonly string[]): void {
  if (warnings.length === 0) return;
  out('WARNING: the arms did not run alike; their figures cannot be compared as they stand:');
  for (const warning of warnings) out(`  - ${warning}`);
  out();
}

/** A line per arm: the settings its stored cells ran at, and why a stored run was not reused. */
function printSettings(out: (line?: string) => void, comparison: Comparison): void {
  if (comparison.settings) {
    out(`settings for every arm: ${describeSampling(comparison.settings)}`);
  }
  const width = Math.max(...comparison.arms.map((arm) => roleNames[arm.role].length));
  for (const arm of comparison.arms) {
    const ran = arm.settings ? describeSampling(arm.settings) : 'not recorded';
    const why = arm.rerunReason ? ` (run again: ${arm.rerunReason})` : '';
    out(`  ${roleNames[arm.role].padEnd(width)}  ran at ${ran}${why}`);
  }
  out();
}

/** Why diversity shows n/a, and the answers' spread across inputs instead. */
function printDiversityNote(out: (line?: string) => void, comparison: Comparison): void {
  const notApplicable = comparison.arms.filter(
    (arm) => arm.diversity.applicability?.applies === false,
  );
  if (notApplicable.length === 0) return;
  const reasons = [...new Set(notApplicable.map((arm) => arm.diversity.applicability?.reason))];
  out(
    `diversity n/a: ${reasons.join('; ')}: distinct-n and self-BLEU do not measure variety here; read agreement across repeats.`,
  );
  for (const arm of notApplicable) {
    const applicability = arm.diversity.applicability;
    if (applicability) out(`  ${roleNames[arm.role]}: ${describeAnswers(applicability)}`);
  }
  out();
}
