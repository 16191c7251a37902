import type { Command } from 'commander';
import { qualityOptions } from '../../core/eval/quality-options.js';
import { summarizeRun } from '../../core/eval/summarize-run.js';
import { runProbe } from '../../core/prompt-lab/run-probe.js';
import { collectList, positiveInteger } from '../argument-parsers.js';
import type { CommandContext } from '../command-context.js';
import { warnContextFit } from '../context-fit-printer.js';
import { exitCodes } from '../exit-codes.js';
import { createProgressReporter } from '../progress-reporter.js';
import { loadTaskFrom, openStore } from '../task-location.js';
import { exitForFailedCalls, printSummary } from './show-command.js';

interface ProbeOptions {
  task: string;
  store?: string;
  model: string[];
  limit?: number;
  repeats?: number;
  resume?: string;
  allowOverflow: boolean;
}

export function registerProbeCommand(program: Command, context: CommandContext): void {
  program
    .command('probe')
    .description(
      'rule 1: run the plain instruction zero-shot on every candidate model and record it as the baseline',
    )
    .option('--task <file>', 'task file or folder', 'tunegate.yaml')
    .option('--store <file>', 'SQLite store (default: .tunegate/tunegate.db beside the task)')
    .option('--model <names>', 'only these models, or a provider:model reference', collectList, [])
    .option('--limit <n>', 'only the first n eval cases (gate 1 wants them all)', positiveInteger)
    .option('--repeats <n>', 'repeats per case (overrides the task)', positiveInteger)
    .option('--resume <run>', 'continue an interrupted probe: only missing cells are run')
    .option(
      '--allow-overflow',
      'run even when prompts or expected answers do not fit a model’s context',
      false,
    )
    .action(async (options: ProbeOptions) => {
      const { io } = context;
      const task = await loadTaskFrom(io, options.task);
      const store = openStore(io, task.file, options.store);
      const reporter = createProgressReporter(
        io,
        options.resume ? `resume ${options.resume}` : 'probe',
      );
      try {
        const result = await runProbe(task, {
          store,
          env: io.env,
          onProgress: (progress) => reporter.update(progress),
          allowOverflow: options.allowOverflow,
          onContextFit: (report) => warnContextFit(io, report, options.allowOverflow),
          ...(options.model.length > 0 ? { models: options.model } : {}),
          ...(options.limit !== undefined ? { limit: options.limit } : {}),
          ...(options.repeats !== undefined ? { repeats: options.repeats } : {}),
          ...(options.resume ? { resume: options.resume } : {}),
          ...(io.signal ? { signal: io.signal } : {}),
        });
        reporter.stop();
        const run = result.run;
        io.stdout(
          `probe run ${run.id}: the plain instruction, zero-shot; ${result.executed} cells run${result.skipped > 0 ? `, ${result.skipped} already stored` : ''}, status ${run.status}\n\n`,
        );
        const summary = summarizeRun(store, run.id, {
          ...qualityOptions(task.config),
          maxFailedShare: task.config.policy.maxFailedShare,
        });
        printSummary(io, summary);
        if (run.status !== 'completed') {
          io.stderr(`interrupted: continue with  tunegate probe --resume ${run.id}\n`);
          context.result.code = exitCodes.interrupted;
          return;
        }
        context.result.code = exitForFailedCalls(io, summary.errors, run.id);
      } finally {
        reporter.stop();
        store.close();
      }
    });
}
