import type { Command } from 'commander';
import { compareRuns, type FlippedCase } from '../../core/eval/compare-runs.js';
import { TunegateError } from '../../spec/tunegate-error.js';
import type { CommandContext } from '../command-context.js';
import { exitCodes } from '../exit-codes.js';
import { formatPercent } from '../format-table.js';
import { readQualityOptions } from '../read-quality-options.js';
import { openStore, taskFilePath } from '../task-location.js';

const points = (value: number) => `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)} pts`;
const fixed = (value: number | null) => (value === null ? '–' : value.toFixed(3));

export function registerDiffCommand(program: Command, context: CommandContext): void {
  program
    .command('diff')
    .description(
      'compare two runs on their common cases: pass rate, paired test over cases, flips, consistency, diversity',
    )
    .argument('<runA>', 'the baseline run')
    .argument('<runB>', 'the run to compare with it')
    .option('--task <file>', 'task file or folder', 'tunegate.yaml')
    .option('--store <file>', 'SQLite store (default: .tunegate/tunegate.db beside the task)')
    .option('--json', 'machine-readable output', false)
    .action(
      async (
        runA: string,
        runB: string,
        options: { task: string; store?: string; json: boolean },
      ) => {
        const { io } = context;
        const store = openStore(io, taskFilePath(io, options.task), options.store);
        try {
          for (const id of [runA, runB]) {
            if (!store.getRun(id))
              throw new TunegateError('RUN_NOT_FOUND', `no run "${id}" in this store`);
          }
          const comparison = compareRuns(
            store,
            runA,
            runB,
            await readQualityOptions(io, options.task),
          );
          if (options.json) {
            io.stdout(`${JSON.stringify(comparison, null, 2)}\n`);
            context.result.code = exitCodes.ok;
            return;
          }
          if (comparison.pairs === 0) {
            io.stdout(
              `${runA} and ${runB} share no answered cases (different variants, models or cases)\n`,
            );
            context.result.code = exitCodes.ok;
            return;
          }
          const c = comparison;
          const lines = [
            `diff ${runA} → ${runB}: paired over ${c.pairingDescription} (${c.pairing === 'group-case' ? 'the same case of the same variant, model and sampling' : 'the same case'})`,
            `pass rate   ${formatPercent(c.passRateA)} (${formatPercent(c.intervalA.lower)}–${formatPercent(c.intervalA.upper)}) → ${formatPercent(c.passRateB)} (${formatPercent(c.intervalB.lower)}–${formatPercent(c.intervalB.upper)}), mean of case pass shares`,
            c.difference && c.test
              ? `change      ${points(c.difference.mean)} (95% paired bootstrap over cases ${points(c.difference.lower)} to ${points(c.difference.upper)}); ${c.test.method} p = ${c.test.p.toPrecision(2)}`
              : '',
            c.errorsA + c.errorsB > 0
              ? `failed      ${c.errorsA} → ${c.errorsB} failed calls, left out of every figure`
              : '',
            `flipped     ${c.improvements.length} cases improved, ${c.regressions.length} regressed (pass share over repeats)`,
            `agreement   ${fixed(c.consistency.a)} → ${fixed(c.consistency.b)} (mean modal agreement across repeats)`,
            c.diversity.notApplicable === null
              ? `diversity   distinct-2 within inputs ${fixed(c.diversity.withinDistinct2.a)} → ${fixed(c.diversity.withinDistinct2.b)}; self-BLEU across inputs ${fixed(c.diversity.acrossSelfBleu.a)} → ${fixed(c.diversity.acrossSelfBleu.b)} (higher = less diverse)`
              : `diversity   n/a (${c.diversity.notApplicable}): distinct-n and self-BLEU do not measure variety here; read agreement`,
          ];
          io.stdout(`${lines.filter((line) => line !== '').join('\n')}\n`);
          printFlips(context, 'regressed (passes less often now)', c.regressions);
          printFlips(context, 'improved (passes more often now)', c.improvements);
          context.result.code = exitCodes.ok;
        } finally {
          store.close();
        }
      },
    );
}

function printFlips(context: CommandContext, title: string, flips: FlippedCase[]): void {
  if (flips.length === 0) return;
  context.io.stdout(`\n${title}:\n`);
  for (const flip of flips.slice(0, 20)) {
    const show = (text: string | null) =>
      text === null ? '(no output)' : JSON.stringify(text.slice(0, 80));
    context.io.stdout(
      `  ${flip.caseId}  ${flip.group}: ${formatPercent(flip.shareBefore)} → ${formatPercent(flip.shareAfter)}  ${show(flip.before)} → ${show(flip.after)}\n`,
    );
  }
  if (flips.length > 20)
    context.io.stdout(`  … and ${flips.length - 20} more (--json lists all)\n`);
}
