import type { CliIo } from './cli-io.js';

/** What every command gets: where to write, and where to put its exit code (only main exits). */
export interface CommandContext {
  io: CliIo;
  result: { code: number };
}
