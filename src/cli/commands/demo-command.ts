import { existsSync, readdirSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { type DemoSizeName, demoSizes } from '../../core/demo/demo-size.js';
import { writeDemoTask } from '../../core/demo/write-demo-task.js';
import { TunegateError } from '../../spec/tunegate-error.js';
import type { CliIo } from '../cli-io.js';
import type { CommandContext } from '../command-context.js';
import {
  type DemoProgress,
  type DemoStageRecord,
  readDemoProgress,
  saveDemoProgress,
} from '../demo/demo-progress.js';
import type { DemoState } from '../demo/demo-stage.js';
import { demoStages } from '../demo/demo-stages.js';
import { exitCodes } from '../exit-codes.js';
import { formatTable } from '../format-table.js';

/** Runs one tunegate command line in this process and returns its exit code. */
export type RunSubcommand = (args: string[], io: CliIo) => Promise<number>;

interface DemoOptions {
  dir?: string;
  size: DemoSizeName;
}

export function registerDemoCommand(
  program: Command,
  context: CommandContext,
  run: RunSubcommand,
): void {
  program
    .command('demo')
    .description(
      "the whole five-rule workflow offline on tunegate's own demo model: baseline, prompts, limits, data, gates, a local LoRA finetune, compare, sweep and report",
    )
    .option(
      '--dir <dir>',
      'folder for the demo task, its store and report (default: a new tunegate-demo folder here); an unfinished demo there continues',
    )
    .addOption(
      new Option('--size <size>', 'full (the README demo) or small (quicker, for CI)')
        .choices(['full', 'small'])
        .default('full'),
    )
    .action(async (options: DemoOptions) => {
      context.result.code = await demoCommand(context.io, options, run);
    });
}

async function demoCommand(io: CliIo, options: DemoOptions, run: RunSubcommand): Promise<number> {
  const directory = options.dir ? resolve(io.cwd, options.dir) : freshDirectory(io.cwd);
  const earlier = readDemoProgress(directory);
  if (!earlier && existsSync(directory) && readdirSync(directory).length > 0) {
    throw new TunegateError(
      'INVALID_ARGUMENT',
      `${directory} is not empty and holds no tunegate demo; pick another --dir`,
    );
  }
  if (earlier && earlier.size !== options.size) {
    throw new TunegateError(
      'INVALID_ARGUMENT',
      `${directory} holds a ${earlier.size} demo; continue it with --size ${earlier.size} or pick another --dir`,
    );
  }
  const size = demoSizes[options.size];
  const progress: DemoProgress = earlier ?? { size: size.name, stages: [] };
  const state: DemoState = {
    directory,
    size,
    finetuned: progress.finetuned,
    report: progress.report,
  };
  const shown = relative(io.cwd, directory) || '.';
  const started = performance.now();
  if (!earlier) {
    io.stdout(`tunegate demo (${size.name}): the five rules, offline, in ${shown}\n`);
    const files = await writeDemoTask(directory, size);
    const { counts } = files;
    io.stdout(
      `wrote the task story-place: ${counts.eval} held-out eval cases, ${counts.fewShot} few-shot examples, ${counts.validation} validation rows, ${counts.candidates} raw training rows, and the demo base model\n`,
    );
    await saveDemoProgress(directory, progress);
  } else {
    io.stdout(
      `continuing the demo in ${shown}: ${progress.stages.length} of ${demoStages.length} stages done\n`,
    );
  }
  const stageIo: CliIo = { ...io, cwd: directory };
  for (const [index, stage] of demoStages.entries()) {
    const heading = `\n━━ ${index + 1}/${demoStages.length} ${stage.title}`;
    const done = progress.stages.find((record) => record.id === stage.id);
    if (done) {
      io.stdout(`${heading} (done earlier)\n   ${done.takeaway}\n`);
      continue;
    }
    io.stdout(`${heading}\n   ${stage.why}\n`);
    const stageStart = performance.now();
    for (const args of stage.commands(state)) {
      io.stdout(`\n$ tunegate ${args.join(' ')}\n`);
      const code = await run(args, stageIo);
      if (code === exitCodes.interrupted || io.signal?.aborted) {
        io.stderr(`\nstopped; continue with  tunegate demo --dir ${shown} --size ${size.name}\n`);
        return exitCodes.interrupted;
      }
      if (code !== 0 && !(stage.acceptedCodes ?? []).includes(code)) {
        throw new TunegateError(
          'PROVIDER_ERROR',
          `demo stage "${stage.id}" failed: tunegate ${args.join(' ')} exited with ${code}`,
        );
      }
    }
    if (stage.after) io.stdout(`\n${await stage.after(state)}\n`);
    const takeaway = await stage.takeaway(state);
    const record: DemoStageRecord = {
      id: stage.id,
      seconds: (performance.now() - stageStart) / 1000,
      takeaway,
    };
    progress.stages.push(record);
    progress.finetuned = state.finetuned;
    progress.report = state.report;
    await saveDemoProgress(directory, progress);
    io.stdout(`\n→ ${takeaway} (${record.seconds.toFixed(1)} s)\n`);
  }
  printSummary(io, progress, (performance.now() - started) / 1000);
  io.stdout(`\nopen ${state.report ?? 'the report'}; explore with  cd ${shown} && tunegate ui\n`);
  return exitCodes.ok;
}

function printSummary(io: CliIo, progress: DemoProgress, seconds: number): void {
  io.stdout('\n━━ Summary\n');
  const rows = progress.stages.map((record) => {
    const stage = demoStages.find((candidate) => candidate.id === record.id);
    return [stage?.title ?? record.id, `${record.seconds.toFixed(1)} s`, record.takeaway];
  });
  io.stdout(`${formatTable(['stage', 'time', 'result'], rows)}\n`);
  io.stdout(`this session: ${seconds.toFixed(1)} s\n`);
}

/** `tunegate-demo`, or `tunegate-demo-2`, … when taken. */
function freshDirectory(cwd: string): string {
  let candidate = resolve(cwd, 'tunegate-demo');
  for (let index = 2; existsSync(candidate); index++) {
    candidate = resolve(cwd, `tunegate-demo-${index}`);
  }
  return candidate;
}
