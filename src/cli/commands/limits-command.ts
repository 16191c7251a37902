import type { Command } from 'commander';
import { analyzeLimits, type LimitsAnalysis } from '../../core/limits/analyze-limits.js';
import { describePower } from '../../core/limits/describe-power.js';
import { bestSoFarAt } from '../../core/limits/detect-plateau.js';
import { describeAnswers } from '../../core/metrics/diversity-applicability.js';
import { positiveInteger } from '../argument-parsers.js';
import type { CliIo } from '../cli-io.js';
import type { CommandContext } from '../command-context.js';
import { exitCodes } from '../exit-codes.js';
import { formatPercent, formatTable } from '../format-table.js';
import { loadTaskFrom, openStore } from '../task-location.js';
import { fraction } from './ready-command.js';

interface LimitsCommandOptions {
  task: string;
  store?: string;
  delta?: number;
  window?: number;
  rare?: number;
  json: boolean;
  all: boolean;
}

export function registerLimitsCommand(program: Command, context: CommandContext): void {
  program
    .command('limits')
    .description(
      'the limits of prompting: iteration history and plateau, cases no prompt solves, failures by check kind, consistency and diversity at the best prompt',
    )
    .option('--task <file>', 'task file or folder', 'tunegate.yaml')
    .option('--store <file>', 'SQLite store (default: .tunegate/tunegate.db beside the task)')
    .option(
      '--delta <d>',
      'plateau: smallest gain that counts as progress (default 0.02)',
      fraction,
    )
    .option('--window <k>', 'plateau: iterations to look back over (default 3)', positiveInteger)
    .option(
      '--rare <share>',
      'rarely solved: solved in under this share of trials (default 0.2)',
      fraction,
    )
    .option('--all', 'list every iteration and hard case', false)
    .option('--json', 'machine-readable output', false)
    .action(async (options: LimitsCommandOptions) => {
      const { io } = context;
      const task = await loadTaskFrom(io, options.task);
      const store = openStore(io, task.file, options.store);
      try {
        const analysis = analyzeLimits(store, task.config, {
          delta: options.delta ?? task.config.lab?.plateau?.delta,
          window: options.window ?? task.config.lab?.plateau?.window,
          rareBelow: options.rare,
        });
        if (options.json) io.stdout(`${JSON.stringify(analysis, null, 2)}\n`);
        else printLimits(io, analysis, options.all, task.config.targets.passRate);
        context.result.code = exitCodes.ok;
      } finally {
        store.close();
      }
    });
}

const shown = (text: string | null) =>
  text === null ? '(no output)' : JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);

export function printLimits(
  io: CliIo,
  analysis: LimitsAnalysis,
  all: boolean,
  target: number,
): void {
  const out = (line = '') => io.stdout(`${line}\n`);
  const { iterations, plateau, best } = analysis;
  if (iterations.length === 0) {
    out('no completed runs yet: start with  tunegate probe  and  tunegate eval');
    return;
  }
  const listed = all ? iterations : iterations.slice(-20);
  out(
    `iterations (${iterations.length}${listed.length < iterations.length ? `, last ${listed.length} shown; --all for every one` : ''}):`,
  );
  out(
    formatTable(
      ['#', 'variant on model', 'pass rate', '95% CI', 'cases', 'failed calls', 'best so far'],
      listed.map((iteration) => [
        String(iteration.index),
        iteration.incomplete ? `${iteration.label} (incomplete)` : iteration.label,
        iteration.answeredCases === 0 ? '–' : formatPercent(iteration.passRate),
        iteration.answeredCases === 0
          ? '–'
          : `${formatPercent(iteration.lower)}–${formatPercent(iteration.upper)}`,
        String(iteration.answeredCases),
        iteration.errors === 0 ? '0' : `${iteration.errors} of ${iteration.trials}`,
        formatPercent(bestSoFarAt(plateau, iteration.index, iteration.passRate)),
      ]),
    ),
  );
  out();
  out(
    `plateau (δ ${plateau.delta}, last ${plateau.window}): ${plateau.reached ? 'REACHED' : 'not reached'}: ${plateau.reason}`,
  );
  if (best)
    out(
      `best: ${best.label}, iteration ${best.index}: ${formatPercent(best.passRate)} (95% CI ${formatPercent(best.lower)}–${formatPercent(best.upper)})`,
    );
  for (const line of describePower(analysis, target)) out(line);
  const split = analysis.failures;
  if (split) {
    out(
      `failures at the best: ${split.format} format, ${split.consistency} consistency, ${split.knowledge} knowledge (${split.knowledgeSolvedElsewhere} solved by another variant), ${split.errors} failed calls, of ${split.trials} trials`,
    );
  }
  for (const check of analysis.checkFailures)
    out(`  check ${check.name} (${check.kind}): ${check.failures} failures`);
  const quality = analysis.quality;
  if (quality) {
    const applicability = quality.diversityApplicability;
    const diversity = applicability.applies
      ? `diversity (distinct-2 across inputs): ${quality.diversity === null ? '–' : quality.diversity.toFixed(3)}`
      : `diversity: n/a (${applicability.reason}); answers: ${describeAnswers(applicability)}`;
    out(
      `consistency at the best: ${quality.consistency === null ? '– (needs 2+ repeats)' : formatPercent(quality.consistency)}; ${diversity}`,
    );
  }
  const hard = [
    ...analysis.neverSolved.map((row) => ({ ...row, status: 'never' })),
    ...analysis.rarelySolved.map((row) => ({ ...row, status: 'rarely' })),
  ];
  out();
  out(
    `never solved: ${analysis.neverSolved.length}; rarely solved (under ${formatPercent(analysis.options.rareBelow)}): ${analysis.rarelySolved.length}`,
  );
  if (hard.length === 0) return;
  const rows = all ? hard : hard.slice(0, 30);
  const variants = analysis.matrix.variants;
  const matrix = new Map(analysis.matrix.cases.map((row) => [row.caseId, row]));
  out(
    formatTable(
      ['case', 'solved', ...variants],
      rows.map((row) => [
        row.caseId,
        row.status,
        ...(matrix.get(row.caseId)?.byVariant ?? []).map((share) =>
          share === null ? '–' : formatPercent(share),
        ),
      ]),
    ),
  );
  out();
  for (const row of rows) {
    if (row.bestPromptOutput !== null)
      out(`  ${row.caseId}: the best prompt answered ${shown(row.bestPromptOutput)}`);
  }
  if (rows.length < hard.length) out(`  … and ${hard.length - rows.length} more (--all or --json)`);
}
