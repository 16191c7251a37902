import { TunegateError } from '../../spec/tunegate-error.js';
import type { FinetuneEngineEntry } from './finetune-engine-entry.js';
import { fireworksEngineEntry } from './fireworks-engine-entry.js';
import { localEngineEntry } from './local-engine-entry.js';
import { openAIEngineEntry } from './openai-engine-entry.js';
import { togetherEngineEntry } from './together-engine-entry.js';

/** Every finetune engine; adding one is one entry file and one line here. */
export const finetuneEngines: readonly FinetuneEngineEntry[] = [
  localEngineEntry,
  openAIEngineEntry,
  togetherEngineEntry,
  fireworksEngineEntry,
];

export function finetuneEngineNames(): string[] {
  return finetuneEngines.map((entry) => entry.name);
}

export function findFinetuneEngine(name: string): FinetuneEngineEntry {
  const entry = finetuneEngines.find((candidate) => candidate.name === name);
  if (!entry) {
    throw new TunegateError(
      'INVALID_ARGUMENT',
      `unknown finetune engine "${name}" (known: ${finetuneEngineNames().join(', ')})`,
    );
  }
  return entry;
}
