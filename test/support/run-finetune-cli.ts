import { CommanderError } from 'commander';
import type { CliIo } from '../../src/cli/cli-io.js';
import type { CommandContext } from '../../src/cli/command-context.js';
import { registerCompareCommand } from '../../src/cli/commands/compare-command.js';
import { registerFinetuneCommand } from '../../src/cli/commands/finetune-command.js';
import { registerSweepCommand } from '../../src/cli/commands/sweep-command.js';
import { exitCodeFor, exitCodes } from '../../src/cli/exit-codes.js';
import { createProgram } from '../../src/cli/main.js';
import { TunegateError } from '../../src/spec/tunegate-error.js';
import type { CliOutcome } from './run-cli.js';

const finetuneCommands = {
  finetune: registerFinetuneCommand,
  compare: registerCompareCommand,
  sweep: registerSweepCommand,
};

/**
 * Runs the CLI in-process like `runCli`, with `finetune`, `compare` and `sweep` added when
 * `main` does not register them yet. Errors are reported as `main` reports them.
 */
export async function runFinetuneCli(
  cwd: string,
  args: string[],
  env: Record<string, string | undefined> = {},
  signal: AbortSignal = new AbortController().signal,
): Promise<CliOutcome> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    interactive: false,
    cwd,
    env,
    signal,
  };
  const result = { code: exitCodes.ok as number };
  const program = createProgram(io, result);
  const context: CommandContext = { io, result };
  for (const [name, register] of Object.entries(finetuneCommands)) {
    if (!program.commands.some((command) => command.name() === name)) register(program, context);
  }
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) result.code = exitCodes.usage;
    else if (error instanceof TunegateError) {
      stderr += `tunegate: ${error.message}\n`;
      result.code = exitCodeFor(error.code);
    } else throw error;
  }
  return { code: result.code, stdout, stderr };
}
