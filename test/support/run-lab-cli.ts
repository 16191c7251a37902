import { CommanderError } from 'commander';
import type { CliIo } from '../../src/cli/cli-io.js';
import type { CommandContext } from '../../src/cli/command-context.js';
import { registerLimitsCommand } from '../../src/cli/commands/limits-command.js';
import { registerLintCommand } from '../../src/cli/commands/lint-command.js';
import { registerProbeCommand } from '../../src/cli/commands/probe-command.js';
import { registerReadyCommand } from '../../src/cli/commands/ready-command.js';
import { registerReportCommand } from '../../src/cli/commands/report-command.js';
import { registerVariantsCommand } from '../../src/cli/commands/variants-command.js';
import { exitCodeFor, exitCodes } from '../../src/cli/exit-codes.js';
import { createProgram } from '../../src/cli/main.js';
import { TunegateError } from '../../src/spec/tunegate-error.js';
import type { CliOutcome } from './run-cli.js';

const labCommands = {
  variants: registerVariantsCommand,
  lint: registerLintCommand,
  probe: registerProbeCommand,
  limits: registerLimitsCommand,
  ready: registerReadyCommand,
  report: registerReportCommand,
};

/**
 * Runs the CLI in-process like `runCli`, with the prompt-lab and readiness commands added
 * when `main` does not register them yet.
 */
export async function runLabCli(
  cwd: string,
  args: string[],
  env: Record<string, string | undefined> = {},
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
    signal: new AbortController().signal,
  };
  const result = { code: exitCodes.ok as number };
  const program = createProgram(io, result);
  const context: CommandContext = { io, result };
  for (const [name, register] of Object.entries(labCommands)) {
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
