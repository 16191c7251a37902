import { Command, CommanderError } from 'commander';
import type { CliIo } from '../../src/cli/cli-io.js';
import { registerDataCommand } from '../../src/cli/commands/data-command.js';
import { exitCodeFor, exitCodes } from '../../src/cli/exit-codes.js';
import { TunegateError } from '../../src/spec/tunegate-error.js';

export interface DataOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `tunegate data ARGS` in-process through the command's own register function, with
 * main's mapping of errors to exit codes, so these tests do not depend on main's command list.
 */
export async function runData(cwd: string, args: string[]): Promise<DataOutcome> {
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
    env: {},
  };
  const result = { code: exitCodes.ok as number };
  const program = new Command('tunegate')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  registerDataCommand(program, { io, result });
  try {
    await program.parseAsync(['data', ...args], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return { code: exitCodes.usage, stdout, stderr };
    if (error instanceof TunegateError) {
      stderr += `tunegate: ${error.message}\n`;
      return { code: exitCodeFor(error.code), stdout, stderr };
    }
    throw error;
  }
  return { code: result.code, stdout, stderr };
}

/** Parses the `--json` output of a command. */
export function json<T = Record<string, unknown>>(outcome: DataOutcome): T {
  return JSON.parse(outcome.stdout) as T;
}

/**
 * A path from the environment that a test needs (shared material such as the 2025 OpenAI spec
 * or the datasets folder). Missing: the test fails saying which variable to set.
 */
export function requiredEnvironmentPath(
  name: 'TUNEGATE_OPENAI_SPEC_2025' | 'TUNEGATE_DATASETS',
): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    const hint =
      name === 'TUNEGATE_OPENAI_SPEC_2025'
        ? 'the OpenAI OpenAPI spec of 2025-06 (openai-openapi-2025-06.yaml)'
        : 'the shared datasets folder (holding banking77/)';
    throw new Error(`set ${name} to ${hint}`);
  }
  return value;
}
