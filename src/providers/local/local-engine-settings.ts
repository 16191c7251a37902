import { TunegateError } from '../../spec/tunegate-error.js';

/**
 * How the local engine runs, read once from the environment at the boundary:
 *
 * - `TUNEGATE_LOCAL_DETERMINISTIC=1`: F32 KV cache. Greedy output then matches an independent
 *   reference forward pass token for token; with llama.cpp's default F16 cache it diverged at a
 *   near-tie. Costs twice the KV memory, so it is off by default.
 * - `TUNEGATE_LOCAL_THREADS=N`: threads per evaluation (default: chosen from the core count).
 * - `TUNEGATE_LOCAL_SEQUENCES=N`: parallel generations per model (default 2); they share one
 *   context so concurrent calls are decoded in one batch.
 * - `TUNEGATE_LOCAL_CONTEXT_SIZE=N`: tokens per sequence (default: the model's training context,
 *   at most 4096).
 *
 * `adapters` is never read from the environment: code that serves a finetune (the fine-tuning
 * API of `tunegate serve`) sets it, and the model then runs with those LoRA adapters applied.
 */
export interface LocalEngineSettings {
  deterministic: boolean;
  threads: number | undefined;
  sequences: number;
  contextSize: number | undefined;
  adapters?: readonly LocalLoraAdapter[];
}

/** A GGUF LoRA adapter (`general.type=adapter`) applied to the model at `scale` (1: as trained). */
export interface LocalLoraAdapter {
  path: string;
  scale: number;
}

export const defaultSequences = 2;

export function readLocalEngineSettings(
  env: Record<string, string | undefined>,
): LocalEngineSettings {
  return {
    deterministic: readFlag(env, 'TUNEGATE_LOCAL_DETERMINISTIC'),
    threads: readPositiveInteger(env, 'TUNEGATE_LOCAL_THREADS'),
    sequences: readPositiveInteger(env, 'TUNEGATE_LOCAL_SEQUENCES') ?? defaultSequences,
    contextSize: readPositiveInteger(env, 'TUNEGATE_LOCAL_CONTEXT_SIZE'),
  };
}

function readFlag(env: Record<string, string | undefined>, name: string): boolean {
  const value = env[name]?.trim().toLowerCase();
  if (value === undefined || value === '' || value === '0' || value === 'false') return false;
  if (value === '1' || value === 'true') return true;
  throw new TunegateError(
    'INVALID_ARGUMENT',
    `${name} must be 1, true, 0 or false, got "${value}"`,
  );
}

function readPositiveInteger(
  env: Record<string, string | undefined>,
  name: string,
): number | undefined {
  const value = env[name]?.trim();
  if (value === undefined || value === '') return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) {
    throw new TunegateError(
      'INVALID_ARGUMENT',
      `${name} must be a whole number of at least 1, got "${value}"`,
    );
  }
  return parsed;
}
