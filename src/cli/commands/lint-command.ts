import type { Command } from 'commander';
import { type LintTarget, lintTask } from '../../core/prompt-lab/lint-task.js';
import type { CliIo } from '../cli-io.js';
import type { CommandContext } from '../command-context.js';
import { exitCodes } from '../exit-codes.js';
import { loadTaskFrom } from '../task-location.js';

export interface LintArguments {
  task: string | undefined;
  json: boolean;
}

export function registerLintCommand(program: Command, context: CommandContext): void {
  program
    .command('lint')
    .description(
      "check the instruction's clarity (could a stranger follow it?): output format, one task, examples, weak verbs, contradictions",
    )
    .option('--task <file>', 'task file or folder', 'tunegate.yaml')
    .option('--json', 'machine-readable output', false)
    .action(async (options: { task: string; json: boolean }) => {
      context.result.code = await lintCommand(context.io, options);
    });
}

/** Exit 0 when nothing is an error (warnings are advice), 3 (invalid input) otherwise. */
export async function lintCommand(io: CliIo, args: LintArguments): Promise<number> {
  const task = await loadTaskFrom(io, args.task);
  const report = lintTask(task.config);
  const code = report.errors > 0 ? exitCodes.invalidInput : exitCodes.ok;
  if (args.json) {
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    return code;
  }
  for (const target of [report.instruction, ...report.variants]) printTarget(io, target);
  io.stdout(
    `\n${report.errors} error${report.errors === 1 ? '' : 's'}, ${report.warnings} warning${report.warnings === 1 ? '' : 's'}\n`,
  );
  return code;
}

function printTarget(io: CliIo, target: LintTarget): void {
  const name = target.name === 'instruction' ? 'instruction' : `variant ${target.name}`;
  if (target.findings.length === 0) {
    io.stdout(`${name}: ok\n`);
    return;
  }
  io.stdout(`${name}:\n`);
  for (const finding of target.findings) {
    io.stdout(`  ${finding.severity.padEnd(7)} ${finding.code.padEnd(18)} ${finding.message}\n`);
  }
}
