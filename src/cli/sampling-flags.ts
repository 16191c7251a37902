import type { Command } from 'commander';
import type { SamplingOptions } from '../spec/sampling-options.js';
import { anyNumber, nonNegativeNumber, positiveInteger, wholeNumber } from './argument-parsers.js';

/** The sampling flags a comparison takes; each applies to every arm. */
export interface SamplingFlags {
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  seed?: number;
  frequencyPenalty?: number;
  presencePenalty?: number;
}

const flags = {
  temperature: ['--temperature <t>', 'temperature', nonNegativeNumber],
  topP: ['--top-p <p>', 'top-p', nonNegativeNumber],
  maxTokens: ['--max-tokens <n>', 'most tokens per answer', positiveInteger],
  seed: ['--seed <n>', 'sampling seed', wholeNumber],
  frequencyPenalty: ['--frequency-penalty <x>', 'frequency penalty', anyNumber],
  presencePenalty: ['--presence-penalty <x>', 'presence penalty', anyNumber],
} as const satisfies Record<keyof SamplingFlags, readonly [string, string, (v: string) => number]>;

/** Adds the named sampling flags; `scope` says whom they apply to. */
export function addSamplingFlags(
  command: Command,
  names: readonly (keyof SamplingFlags)[],
  scope: string,
): Command {
  for (const name of names) {
    const [flag, what, parse] = flags[name];
    command.option(flag, `${what} for ${scope} (default: the task's sampling)`, parse);
  }
  return command;
}

/** The flags given, as sampling options over the task's. */
export function samplingOverrides(options: SamplingFlags): SamplingOptions {
  const overrides: SamplingOptions = {};
  for (const name of Object.keys(flags) as (keyof SamplingFlags)[]) {
    const value = options[name];
    if (value !== undefined) overrides[name] = value;
  }
  return overrides;
}
