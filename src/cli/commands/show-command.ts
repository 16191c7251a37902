import { existsSync } from 'node:fs';
import type { EvalStore } from '../../core/eval/eval-store.js';
import { qualityOptions } from '../../core/eval/quality-options.js';
import {
  groupLabel,
  type RunSummary,
  type SummarizeOptions,
  summarizeRun,
} from '../../core/eval/summarize-run.js';
import { describeAnswers } from '../../core/metrics/diversity-applicability.js';
import { repeatRangeLabel } from '../../core/statistics/repeat-range.js';
import { loadTask } from '../../core/task/load-task.js';
import { TunegateError } from '../../spec/tunegate-error.js';
import type { CliIo } from '../cli-io.js';
import { exitCodes } from '../exit-codes.js';
import { formatDollars, formatMilliseconds, formatPercent, formatTable } from '../format-table.js';
import { openStore, taskFilePath } from '../task-location.js';

export interface ShowArguments {
  run: string | undefined;
  task: string | undefined;
  store: string | undefined;
  failures: boolean;
  json: boolean;
  limit: number | undefined;
}

export async function showCommand(io: CliIo, args: ShowArguments): Promise<number> {
  const store = openStore(io, taskFilePath(io, args.task), args.store);
  try {
    const run = args.run ? store.getRun(args.run) : store.latestRun();
    if (!run) {
      throw new TunegateError(
        'RUN_NOT_FOUND',
        args.run
          ? `no run "${args.run}" in this store`
          : 'no runs yet: start one with  tunegate eval',
      );
    }
    const summary = summarizeRun(store, run.id, await summaryOptions(io, args.task));
    const failures = args.failures ? collectFailures(store, run.id, args.limit ?? 50) : undefined;
    if (args.json) {
      io.stdout(
        `${JSON.stringify({ run, summary, ...(failures ? { failures } : {}) }, null, 2)}\n`,
      );
      return exitCodes.ok;
    }
    io.stdout(
      `run ${run.id}  task ${run.taskName}  status ${run.status}  created ${run.createdAt}\n\n`,
    );
    printSummary(io, summary);
    if (failures) printFailures(io, failures);
    return exitCodes.ok;
  } finally {
    store.close();
  }
}

export function printSummary(io: CliIo, summary: RunSummary): void {
  const multipleSampling = summary.groups.some((group) => group.sampling !== 'default');
  const header = [
    'variant',
    'model',
    ...(multipleSampling ? ['sampling'] : []),
    'pass rate',
    '95% CI',
    'format ok',
    'agree',
    'all pass',
    'distinct-2 in/across',
    'self-BLEU across',
    'cases×repeats',
    'failed calls',
    'tokens in/out',
    'cost',
    'p50',
    'p95',
  ];
  const rows = summary.groups.map((group) => [
    group.incomplete ? `${group.variant} (incomplete)` : group.variant,
    group.model,
    ...(multipleSampling ? [group.sampling] : []),
    group.cases === 0 ? '–' : formatPercent(group.passRate),
    group.cases === 0 ? '–' : `${formatPercent(group.lower)}–${formatPercent(group.upper)}`,
    formatPercent(group.formatValidity),
    optionalPercent(group.consistency.modalAgreement),
    optionalPercent(group.consistency.passAllRepeats),
    group.diversityApplicability.applies
      ? `${optionalFixed(group.diversityWithin.distinct2)}/${optionalFixed(group.diversityAcross.distinct2)}`
      : 'n/a',
    group.diversityApplicability.applies
      ? optionalFixed(group.diversityAcross.selfBleu?.value ?? null)
      : 'n/a',
    `${group.cases}×${repeatRangeLabel(group.repeats)}`,
    group.errors === 0 ? '0' : `${group.errors} of ${group.cells}`,
    `${group.inputTokens}/${group.outputTokens}`,
    formatDollars(group.cost),
    formatMilliseconds(group.latencyP50),
    formatMilliseconds(group.latencyP95),
  ]);
  io.stdout(`${formatTable(header, rows)}\n\n${summary.verdict}\n`);
  for (const group of summary.groups) {
    const reason = group.commonestError;
    if (!reason) continue;
    io.stdout(
      `failed calls in ${groupLabel(group)}: ${group.errors} of ${group.cells}, commonest (${reason.count}×): ${reason.code ?? 'error'}: ${reason.message}\n` +
        `  ${group.incomplete ? 'incomplete, not counted as evidence; ' : 'left out of the figures; '}fix: ${reason.fix}\n`,
    );
  }
  io.stdout(
    "pass rate: mean over cases of each case's pass share, failed calls left out; 95% CI with the case as the unit; " +
      'agree: mean share of the most common answer across repeats (trimmed, case-folded, spaces collapsed); ' +
      'all pass: chance every repeat passes; distinct-2 and self-BLEU on lower-cased words (higher distinct, lower self-BLEU = more diverse)\n',
  );
  const short = summary.groups.filter((group) => !group.diversityApplicability.applies);
  if (short.length > 0) {
    const reasons = [...new Set(short.map((group) => group.diversityApplicability.reason))];
    io.stdout(
      `distinct-2 and self-BLEU n/a: ${reasons.join('; ')}: they do not measure variety here; read agree. Answers across inputs: ${short
        .map(
          (group) =>
            `${group.variant} on ${group.model}${multipleSampling ? ` (${group.sampling})` : ''} ${describeAnswers(group.diversityApplicability)}`,
        )
        .join('; ')}\n`,
    );
  }
}

/** Exit code 6 when calls failed (counted apart, never scored), with a line saying so. */
export function exitForFailedCalls(io: CliIo, errors: number, runId: string): number {
  if (errors === 0) return exitCodes.ok;
  io.stderr(
    `${errors} call${errors === 1 ? '' : 's'} failed in run ${runId}: not scored (exit ${exitCodes.failedCalls}); see the reasons above or  tunegate show ${runId} --failures\n`,
  );
  return exitCodes.failedCalls;
}

function optionalPercent(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : formatPercent(value);
}

function optionalFixed(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : value.toFixed(2);
}

/**
 * JSON outputs are compared canonically for agreement, label outputs have no diversity, and
 * the task's failed-call policy marks incomplete groups; without a readable task, outputs are
 * text (diversity judged by answer length) and the policy is the default.
 */
async function summaryOptions(io: CliIo, task: string | undefined): Promise<SummarizeOptions> {
  const file = taskFilePath(io, task);
  if (!existsSync(file)) return {};
  try {
    const config = (await loadTask(file)).config;
    return { ...qualityOptions(config), maxFailedShare: config.policy.maxFailedShare };
  } catch {
    return {};
  }
}

interface Failure {
  variant: string;
  model: string;
  caseId: string;
  repeat: number;
  output: string | null;
  reasons: string[];
}

function collectFailures(store: EvalStore, runId: string, limit: number): Failure[] {
  const failures: Failure[] = [];
  for (const cell of store.iterateCells(runId, { withChecks: true })) {
    if (cell.passed === true) continue;
    failures.push({
      variant: cell.variant,
      model: cell.model,
      caseId: cell.caseId,
      repeat: cell.repeat,
      output: cell.output,
      reasons:
        cell.status === 'error'
          ? [`${cell.errorCode}: ${cell.errorMessage}`]
          : cell.checks
              .filter((check) => !check.pass)
              .map((check) => `${check.name} (${check.kind}): ${check.reason ?? 'failed'}`),
    });
    if (failures.length >= limit) break;
  }
  return failures;
}

function printFailures(io: CliIo, failures: Failure[]): void {
  io.stdout(`\nfailures (${failures.length} shown):\n`);
  for (const failure of failures) {
    const output =
      failure.output === null ? '(no output)' : JSON.stringify(failure.output.slice(0, 200));
    io.stdout(
      `\n  ${failure.caseId} #${failure.repeat}  ${failure.variant} on ${failure.model}\n    output: ${output}\n`,
    );
    for (const reason of failure.reasons) io.stdout(`    - ${reason}\n`);
  }
}
