import { estimateRun } from '../../core/eval/estimate-run.js';
import { measureContextFit } from '../../core/eval/measure-context-fit.js';
import { prepareRun } from '../../core/eval/prepare-run.js';
import { qualityOptions } from '../../core/eval/quality-options.js';
import { runEval } from '../../core/eval/run-eval.js';
import { summarizeRun } from '../../core/eval/summarize-run.js';
import type { CliIo } from '../cli-io.js';
import { printContextFit, warnContextFit } from '../context-fit-printer.js';
import { exitCodes } from '../exit-codes.js';
import { formatDollars, formatTable } from '../format-table.js';
import { modelsForContextCheck } from '../models-for-context-check.js';
import { createProgressReporter } from '../progress-reporter.js';
import { loadTaskFrom, openStore } from '../task-location.js';
import { exitForFailedCalls, printSummary } from './show-command.js';

export interface EvalArguments {
  task: string | undefined;
  store: string | undefined;
  variant: string[];
  model: string[];
  limit: number | undefined;
  repeats: number | undefined;
  resume: string | undefined;
  dryRun: boolean;
  allowOverflow: boolean;
}

export async function evalCommand(io: CliIo, args: EvalArguments): Promise<number> {
  const task = await loadTaskFrom(io, args.task);
  const filters = {
    ...(args.variant.length > 0 ? { variants: args.variant } : {}),
    ...(args.model.length > 0 ? { models: args.model } : {}),
    ...(args.limit !== undefined ? { limit: args.limit } : {}),
    ...(args.repeats !== undefined ? { repeats: args.repeats } : {}),
  };
  if (args.dryRun) {
    const plan = await prepareRun(task, filters);
    const fit = await measureContextFit(plan, modelsForContextCheck(task, plan, io.env));
    const estimate = estimateRun(plan);
    io.stdout(
      `${estimate.calls} calls, about ${estimate.inputTokens} input and ${estimate.outputTokens} output tokens, ` +
        `estimated cost ${estimate.cost === null ? 'unknown (a model has no price; set prices: in the task)' : formatDollars(estimate.cost)}\n\n`,
    );
    io.stdout(
      `${formatTable(
        ['model', 'calls', 'input tokens', 'output tokens', 'cost'],
        estimate.models.map((model) => [
          model.model,
          String(model.calls),
          String(model.inputTokens),
          String(model.outputTokens),
          formatDollars(model.cost),
        ]),
      )}\n\n(${estimate.method})\n\n`,
    );
    printContextFit(io, fit, args.allowOverflow);
    return exitCodes.ok;
  }
  const store = openStore(io, task.file, args.store);
  const reporter = createProgressReporter(io, args.resume ? `resume ${args.resume}` : 'eval');
  try {
    const result = await runEval(task, {
      ...filters,
      store,
      env: io.env,
      onProgress: (progress) => reporter.update(progress),
      allowOverflow: args.allowOverflow,
      onContextFit: (report) => warnContextFit(io, report, args.allowOverflow),
      ...(args.resume ? { resume: args.resume } : {}),
      ...(io.signal ? { signal: io.signal } : {}),
    });
    reporter.stop();
    const run = result.run;
    io.stdout(
      `run ${run.id}: ${result.executed} cells run${result.skipped > 0 ? `, ${result.skipped} already stored` : ''}, status ${run.status}\n\n`,
    );
    const summary = summarizeRun(store, run.id, {
      ...qualityOptions(task.config),
      maxFailedShare: task.config.policy.maxFailedShare,
    });
    printSummary(io, summary);
    if (run.status !== 'completed') {
      io.stderr(`interrupted: continue with  tunegate eval --resume ${run.id}\n`);
      return exitCodes.interrupted;
    }
    return exitForFailedCalls(io, summary.errors, run.id);
  } finally {
    reporter.stop();
    store.close();
  }
}
