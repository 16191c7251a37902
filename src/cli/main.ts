import { Command, CommanderError, Option } from 'commander';
import { TunegateError } from '../spec/tunegate-error.js';
import { collectList as collect, positiveInteger } from './argument-parsers.js';
import { type CliIo, processIo } from './cli-io.js';
import type { CommandContext } from './command-context.js';
import { registerCompareCommand } from './commands/compare-command.js';
import { registerDataCommand } from './commands/data-command.js';
import { registerDemoCommand } from './commands/demo-command.js';
import { registerDiffCommand } from './commands/diff-command.js';
import { evalCommand } from './commands/eval-command.js';
import { registerFinetuneCommand } from './commands/finetune-command.js';
import { initCommand } from './commands/init-command.js';
import { registerLimitsCommand } from './commands/limits-command.js';
import { registerLintCommand } from './commands/lint-command.js';
import { registerModelsCommand } from './commands/models-command.js';
import { registerProbeCommand } from './commands/probe-command.js';
import { registerReadyCommand } from './commands/ready-command.js';
import { registerReportCommand } from './commands/report-command.js';
import { registerServeCommand } from './commands/serve-command.js';
import { showCommand } from './commands/show-command.js';
import { registerSweepCommand } from './commands/sweep-command.js';
import { registerUiCommand } from './commands/ui-command.js';
import { registerVariantsCommand } from './commands/variants-command.js';
import { exitCodeFor, exitCodes } from './exit-codes.js';
import { readPackageVersion } from './package-version.js';

/** Builds the command tree; each action stores its exit code instead of exiting. */
export function createProgram(io: CliIo, result: { code: number }): Command {
  const program = new Command('tunegate')
    .description('Make your team earn its finetune: measured evidence from base model to finetune.')
    .version(readPackageVersion(), '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showSuggestionAfterError(true);

  program
    .command('init')
    .description('scaffold a working task from a bundled example')
    .argument('[dir]', 'folder to create the task in', '.')
    .option('--example <name>', 'example to copy', 'moon-jump')
    .option('--force', 'overwrite existing files', false)
    .action(async (dir: string, options: { example: string; force: boolean }) => {
      result.code = await initCommand(io, { directory: dir, ...options });
    });

  program
    .command('eval')
    .description('evaluate variants × models × sampling × repeats over the eval set')
    .option('--task <file>', 'task file or folder', 'tunegate.yaml')
    .option('--store <file>', 'SQLite store (default: .tunegate/tunegate.db beside the task)')
    .option('--variant <names>', 'only these variants (repeatable, comma-separated)', collect, [])
    .option('--model <names>', 'only these models, or a provider:model reference', collect, [])
    .option('--limit <n>', 'only the first n eval cases', positiveInteger)
    .option('--repeats <n>', 'repeats per case (overrides the task)', positiveInteger)
    .option('--resume <run>', 'continue an interrupted run: only missing cells are run')
    .option(
      '--dry-run',
      'print calls, estimated tokens and cost, and what does not fit a model’s context; spend nothing',
      false,
    )
    .option(
      '--allow-overflow',
      'run even when prompts or expected answers do not fit a model’s context',
      false,
    )
    .action(async (options) => {
      result.code = await evalCommand(io, {
        task: options.task,
        store: options.store,
        variant: options.variant,
        model: options.model,
        limit: options.limit,
        repeats: options.repeats,
        resume: options.resume,
        dryRun: options.dryRun,
        allowOverflow: options.allowOverflow,
      });
    });

  program
    .command('show')
    .description('summarise a run: pass rate with 95% interval, tokens, cost, latency')
    .argument('[run]', 'run id (default: the latest run)')
    .option('--task <file>', 'task file or folder', 'tunegate.yaml')
    .option('--store <file>', 'SQLite store (default: .tunegate/tunegate.db beside the task)')
    .option('--failures', 'list failing cells with their check reasons', false)
    .addOption(new Option('--limit <n>', 'how many failures to list').argParser(positiveInteger))
    .option('--json', 'machine-readable output', false)
    .action(async (run: string | undefined, options) => {
      result.code = await showCommand(io, {
        run,
        task: options.task,
        store: options.store,
        failures: options.failures,
        json: options.json,
        limit: options.limit,
      });
    });

  const context: CommandContext = { io, result };
  for (const register of extraCommands) register(program, context);
  // The demo runs the other commands, each in a program of its own.
  registerDemoCommand(program, context, async (args, subIo) => {
    const subResult = { code: exitCodes.ok };
    await createProgram(subIo, subResult).parseAsync(args, { from: 'user' });
    return subResult.code;
  });
  return program;
}

/** Commands that live in their own module register here, in the order `--help` lists them. */
const extraCommands: ((program: Command, context: CommandContext) => void)[] = [
  registerProbeCommand,
  registerVariantsCommand,
  registerLintCommand,
  registerDiffCommand,
  registerLimitsCommand,
  registerReadyCommand,
  registerFinetuneCommand,
  registerCompareCommand,
  registerSweepCommand,
  registerReportCommand,
  registerDataCommand,
  registerModelsCommand,
  registerServeCommand,
  registerUiCommand,
];

/** Runs the CLI and returns the exit code; only bin/tunegate.js sets it on the process. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const controller = new AbortController();
  const ownIo = io.signal ? io : { ...io, signal: controller.signal };
  let interrupts = 0;
  const onInterrupt = () => {
    interrupts++;
    // First Ctrl-C stops cleanly (results so far are committed); a second one forces the exit.
    if (interrupts === 1) {
      io.stderr('\nstopping: finishing the work in flight and saving (Ctrl-C again to force)\n');
      controller.abort();
    } else process.exit(exitCodes.interrupted);
  };
  const handleSignals = !io.signal;
  if (handleSignals) {
    process.on('SIGINT', onInterrupt);
    process.on('SIGTERM', onInterrupt);
  }
  const result = { code: exitCodes.ok };
  try {
    await createProgram(ownIo, result).parseAsync(argv, { from: 'user' });
    return result.code;
  } catch (error) {
    return reportError(io, error);
  } finally {
    if (handleSignals) {
      process.off('SIGINT', onInterrupt);
      process.off('SIGTERM', onInterrupt);
    }
  }
}

function reportError(io: CliIo, error: unknown): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its one-line message (or the help/version text).
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
    if (error.code === 'commander.help') return 0;
    return exitCodes.usage;
  }
  if (error instanceof TunegateError) {
    io.stderr(`tunegate: ${error.message}\n`);
    for (const problem of error.problems.slice(1, 20)) {
      const where = [problem.file, problem.line].filter((part) => part !== undefined).join(':');
      io.stderr(
        `  ${where}${where ? ': ' : ''}${problem.path.join('.')}${problem.path.length ? ': ' : ''}${problem.message}\n`,
      );
    }
    if (error.problems.length > 20) io.stderr(`  … and ${error.problems.length - 20} more\n`);
    return exitCodeFor(error.code);
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(
    `tunegate: internal error: ${message}\n  please report it; run with TUNEGATE_DEBUG=1 for details\n`,
  );
  if (io.env.TUNEGATE_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  return exitCodes.internal;
}
