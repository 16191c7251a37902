import type { SamplingOptions } from '../../spec/sampling-options.js';
import { TunegateError } from '../../spec/tunegate-error.js';

/** The node-llama-cpp generation options our sampling settings become. */
export interface LlamaSampling {
  temperature: number;
  topK: number;
  topP: number;
  seed: number;
  maxTokens: number | undefined;
  repeatPenalty:
    | false
    | {
        lastTokens: number;
        penalizeNewLine: boolean;
        penalty: number;
        frequencyPenalty: number;
        presencePenalty: number;
      };
  /** Stop sequences, matched on the output text (see StopSequenceMatcher). */
  stop: string[];
}

/** OpenAI's defaults, so an unset option means the same here as on every other provider. */
const defaultTemperature = 1;
/** llama.cpp's own window for repetition penalties. */
const penaltyWindow = 64;

/**
 * Maps our sampling options to node-llama-cpp's. node-llama-cpp's own defaults (top-k 40,
 * top-p 0.95, a 1.1 repeat penalty in completions) are replaced by "off", and the seed is
 * always set, because node-llama-cpp otherwise seeds from the clock.
 */
export function toLlamaSampling(
  sampling: SamplingOptions,
  repeat: number | undefined,
): LlamaSampling {
  check('temperature', sampling.temperature, (value) => value >= 0);
  check('topP', sampling.topP, (value) => value >= 0 && value <= 1);
  check('topK', sampling.topK, (value) => Number.isInteger(value) && value >= 0);
  check('maxTokens', sampling.maxTokens, (value) => Number.isInteger(value) && value >= 1);
  check('repeatPenalty', sampling.repeatPenalty, (value) => value > 0);
  const penalised =
    (sampling.repeatPenalty !== undefined && sampling.repeatPenalty !== 1) ||
    (sampling.frequencyPenalty ?? 0) !== 0 ||
    (sampling.presencePenalty ?? 0) !== 0;
  return {
    temperature: sampling.temperature ?? defaultTemperature,
    topK: sampling.topK ?? 0,
    topP: sampling.topP ?? 1,
    seed: combineSeed(sampling.seed, repeat),
    maxTokens: sampling.maxTokens,
    repeatPenalty: penalised
      ? {
          lastTokens: penaltyWindow,
          // OpenAI's penalties count every token, newlines included.
          penalizeNewLine: true,
          penalty: sampling.repeatPenalty ?? 1,
          frequencyPenalty: sampling.frequencyPenalty ?? 0,
          presencePenalty: sampling.presencePenalty ?? 0,
        }
      : false,
    stop: (sampling.stop ?? []).filter((stop) => stop !== ''),
  };
}

/**
 * The seed for one repeat: the request's seed (0 when unset) for repeat 0, and a different but
 * reproducible seed for every further repeat (a golden-ratio step, so repeats never collide
 * within 2^32 of each other).
 */
export function combineSeed(seed: number | undefined, repeat: number | undefined): number {
  const base = Math.trunc(seed ?? 0) >>> 0;
  const step = Math.trunc(repeat ?? 0) >>> 0;
  const combined = (base + Math.imul(step, 0x9e3779b9)) >>> 0;
  // llama.cpp reads 0xFFFFFFFF as "pick a random seed".
  return combined === llamaRandomSeed ? combined - 1 : combined;
}

const llamaRandomSeed = 0xffffffff;

function check(name: string, value: number | undefined, isValid: (value: number) => boolean): void {
  if (value === undefined) return;
  if (!Number.isFinite(value) || !isValid(value)) {
    throw new TunegateError('INVALID_ARGUMENT', `local: sampling ${name} ${value} is out of range`);
  }
}
