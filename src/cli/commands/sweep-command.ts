import { type Command, InvalidArgumentError } from 'commander';
import { describeSampling } from '../../core/eval/describe-sampling.js';
import { runSweep } from '../../core/sweep/run-sweep.js';
import { gridSize, sweepAxes, sweptAxes } from '../../core/sweep/sweep-grid.js';
import type { SweepAxes, SweepPoint, SweepResult } from '../../core/sweep/sweep-result.js';
import { SqliteComparisonStore } from '../../store/sqlite-comparison-store.js';
import { SqliteFinetuneJobStore } from '../../store/sqlite-finetune-job-store.js';
import { positiveInteger } from '../argument-parsers.js';
import type { CliIo } from '../cli-io.js';
import type { CommandContext } from '../command-context.js';
import { warnContextFit } from '../context-fit-printer.js';
import { formatDollars, formatPercent, formatTable } from '../format-table.js';
import { createProgressReporter } from '../progress-reporter.js';
import { addSamplingFlags, type SamplingFlags, samplingOverrides } from '../sampling-flags.js';
import { loadTaskFrom, openStore } from '../task-location.js';
import { exitForFailedCalls } from './show-command.js';

interface SweepCommandOptions extends Pick<SamplingFlags, 'maxTokens' | 'seed'> {
  task: string;
  store?: string;
  model: string;
  variant?: string;
  temperature?: number[];
  topP?: number[];
  frequencyPenalty?: number[];
  presencePenalty?: number[];
  repeats?: number;
  limit?: number;
  allowOverflow: boolean;
  json: boolean;
}

/** Repeatable, comma-separated numbers: `--temperature 0.7,0.9 --temperature 1`. */
const numberList = (value: string, previous: number[] | undefined): number[] => {
  const parsed = value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map(Number);
  if (parsed.length === 0 || parsed.some((number) => !Number.isFinite(number))) {
    throw new InvalidArgumentError('expected numbers separated by commas');
  }
  return [...(previous ?? []), ...parsed];
};

export function registerSweepCommand(program: Command, context: CommandContext): void {
  const command = program
    .command('sweep')
    .description(
      'a sampling grid (temperature × top-p × frequency × presence penalty) on one model: how much diversity comes back at what cost in pass rate',
    )
    .requiredOption('--model <model>', 'a task model or any provider:model (e.g. a finetuned one)')
    .option('--variant <name>', 'the prompt (default: the best prompt’s variant)')
    .option('--temperature <list>', 'temperatures (default 0.7,0.9,1)', numberList)
    .option('--top-p <list>', 'top-p values (default 1)', numberList)
    .option('--frequency-penalty <list>', 'frequency penalties (default 0,1)', numberList)
    .option('--presence-penalty <list>', 'presence penalties (default 0)', numberList)
    .option('--repeats <n>', 'repeats per case (default: the task’s, at least 2)', positiveInteger)
    .option('--limit <n>', 'only the first n eval cases', positiveInteger)
    .option(
      '--allow-overflow',
      'run even when prompts or expected answers do not fit a model’s context',
      false,
    )
    .option('--task <file>', 'task file or folder', 'tunegate.yaml')
    .option('--store <file>', 'SQLite store (default: .tunegate/tunegate.db beside the task)')
    .option('--json', 'machine-readable output', false);
  addSamplingFlags(command, ['maxTokens', 'seed'], 'every point').action(
    async (options: SweepCommandOptions) => {
      context.result.code = await sweepCommand(context.io, options);
    },
  );
}

export async function sweepCommand(io: CliIo, options: SweepCommandOptions): Promise<number> {
  const overrides: Partial<SweepAxes> = {
    ...(options.temperature ? { temperature: options.temperature } : {}),
    ...(options.topP ? { topP: options.topP } : {}),
    ...(options.frequencyPenalty ? { frequencyPenalty: options.frequencyPenalty } : {}),
    ...(options.presencePenalty ? { presencePenalty: options.presencePenalty } : {}),
  };
  // Checked before the task is loaded, so a bad value costs nothing.
  const points = gridSize(sweepAxes(overrides));
  const task = await loadTaskFrom(io, options.task);
  const store = openStore(io, task.file, options.store);
  const reporter = createProgressReporter(io, `sweep ${points} points`);
  try {
    const sweep = await runSweep(task, {
      store,
      results: new SqliteComparisonStore(store.database),
      model: options.model,
      variant: options.variant,
      jobs: new SqliteFinetuneJobStore(store.database),
      axes: overrides,
      // The swept axes are lists, not overrides: only the flags the sweep does not vary.
      sampling: samplingOverrides({
        ...(options.maxTokens === undefined ? {} : { maxTokens: options.maxTokens }),
        ...(options.seed === undefined ? {} : { seed: options.seed }),
      }),
      repeats: options.repeats,
      limit: options.limit,
      env: io.env,
      signal: io.signal,
      onProgress: (progress) => reporter.update(progress),
      allowOverflow: options.allowOverflow,
      onContextFit: (report) => warnContextFit(io, report, options.allowOverflow),
    });
    reporter.stop();
    if (options.json) {
      io.stdout(`${JSON.stringify(sweep, null, 2)}\n`);
      for (const warning of sweep.warnings ?? []) io.stderr(`WARNING: ${warning}\n`);
    } else printSweep(io, sweep);
    const failed = sweep.points.reduce((sum, point) => sum + (point.errors ?? 0), 0);
    return exitForFailedCalls(io, failed, sweep.runId);
  } finally {
    reporter.stop();
    store.close();
  }
}

const fixed = (value: number | null) => (value === null ? '–' : value.toFixed(2));
/** `n/a` where distinct-n and self-BLEU do not mean variety (labels, short answers). */
const diversity = (value: string, point: SweepPoint) =>
  point.diversityApplicability?.applies === false ? 'n/a' : value;
const signed = (value: number | null, scale = 1, digits = 2) =>
  value === null ? '–' : `${value >= 0 ? '+' : '-'}${Math.abs(value * scale).toFixed(digits)}`;

export function printSweep(io: CliIo, sweep: SweepResult): void {
  const out = (line = '') => io.stdout(`${line}\n`);
  out(
    `tunegate sweep: ${sweep.variant} on ${sweep.model}, ${sweep.points.length} points, ${sweep.repeats} repeats (run ${sweep.runId})`,
  );
  out();
  printWarnings(out, sweep.warnings ?? []);
  const rows = sweep.points.map((point, index) => [
    `${point.label}${index === sweep.reference ? ' (reference)' : ''}${point.incomplete ? ' (incomplete)' : ''}`,
    formatPercent(point.passRate),
    `${formatPercent(point.lower)}–${formatPercent(point.upper)}`,
    signed(point.passRateChange, 100, 1),
    diversity(fixed(point.withinDistinct2), point),
    diversity(signed(point.withinDistinct2Change), point),
    diversity(fixed(point.acrossDistinct2), point),
    diversity(fixed(point.acrossSelfBleu), point),
    fixed(point.consistency),
    point.errors === undefined ? '–' : String(point.errors),
    formatDollars(point.costPer1000),
  ]);
  out(
    formatTable(
      [
        'sampling',
        'pass rate',
        '95% CI',
        'Δ points',
        'distinct-2 within',
        'Δ',
        'distinct-2 across',
        'self-BLEU',
        'agreement',
        'failed calls',
        '$ / 1,000 calls',
      ],
      rows,
    ),
  );
  out();
  for (const point of sweep.points) {
    const reason = point.commonestError;
    if (!reason) continue;
    out(
      `failed calls at ${point.label}: ${point.errors} (commonest ${reason.count}×: ${reason.message}); ${point.incomplete ? 'incomplete, not counted; ' : 'left out of the figures; '}fix: ${reason.fix}`,
    );
  }
  if (sweep.settings) {
    out(
      `every point also at: ${describeSampling(sweep.settings, sweptAxes)} (the sweep varies temperature, top-p and the penalties)`,
    );
  }
  const reason = sweep.points.find((point) => point.diversityApplicability?.applies === false)
    ?.diversityApplicability?.reason;
  if (reason) {
    out(
      `diversity n/a: ${reason}: distinct-n and self-BLEU do not measure variety here; read agreement across repeats.`,
    );
  }
  out(sweep.summary);
  printWarnings(out, sweep.warnings ?? []);
}

function printWarnings(out: (line?: string) => void, warnings: readonly string[]): void {
  if (warnings.length === 0) return;
  out('WARNING: the points did not run alike outside the swept axes:');
  for (const warning of warnings) out(`  - ${warning}`);
  out();
}
