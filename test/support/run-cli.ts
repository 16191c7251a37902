import { main } from '../../src/cli/main.js';

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured output, as a user would type `tunegate ARGS` in `cwd`. */
export async function runCli(
  cwd: string,
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<CliOutcome> {
  let stdout = '';
  let stderr = '';
  const controller = new AbortController();
  const code = await main(args, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    interactive: false,
    cwd,
    env,
    signal: controller.signal,
  });
  return { code, stdout, stderr };
}
