/** Where commands write; injected so tests can run the CLI in-process and capture output. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stderr is an interactive terminal (draw a live bar rather than log lines). */
  interactive: boolean;
  cwd: string;
  env: Record<string, string | undefined>;
  signal?: AbortSignal;
}

export function processIo(signal?: AbortSignal): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    interactive: process.stderr.isTTY === true,
    cwd: process.cwd(),
    env: process.env,
    ...(signal ? { signal } : {}),
  };
}
