import { basename } from 'node:path';
import type {
  TrainingTokenCounter,
  TrainingTokenCounterSource,
} from '../../../spec/training-token-counter.js';
import { readGgufFile } from '../../llama-cpp/gguf/gguf-reader.js';
import { resolveLocalModel } from '../../llama-cpp/model-cache.js';
import { readLlamaHyperparameters } from '../model/llama-hyperparameters.js';
import { LlamaCppExampleTokenizer } from './llama-cpp-example-tokenizer.js';
import { parseTrainingLine } from './read-training-file.js';

/**
 * The local trainer's own count of an upload line: the tokens it reads for the example (BOS,
 * chat template, end token), parsed and tokenized by the same code that trains. Its sequences
 * hold at most the context length of predictions, so an example is read up to context + 1
 * tokens (`buildBatches` cuts the rest). Lines the trainer cannot read count 0.
 */
export async function openLlamaCppTrainingTokenCounter(
  modelPath: string,
): Promise<TrainingTokenCounter> {
  const contextLength = await readGgufFile(modelPath)
    .then((info) => readLlamaHyperparameters(info).contextLength)
    .catch(() => undefined);
  const tokenizer = await LlamaCppExampleTokenizer.load(modelPath);
  return {
    tokenizer: `${basename(modelPath)}'s own tokenizer (llama.cpp, with the chat template the local trainer applies)`,
    exact: true,
    exampleLimit: contextLength === undefined ? undefined : contextLength + 1,
    count(line) {
      const example = parseTrainingLine(line, modelPath, 0);
      if (!('kind' in example)) return 0;
      const tokens = tokenizer.tokenize(example).tokens.length;
      // One token predicts nothing: the trainer skips it.
      return tokens < 2 ? 0 : tokens;
    },
    dispose: () => tokenizer.dispose(),
  };
}

/**
 * Counters for `local:NAME` and `local:PATH.gguf` base models, resolved as the local provider
 * resolves them (the model cache, or a path from `cwd`); nothing for other providers.
 */
export function localTrainingTokenCounters(options: {
  cwd: string;
  env: Record<string, string | undefined>;
}): TrainingTokenCounterSource {
  return async (modelRef) => {
    if (!modelRef.startsWith('local:') || modelRef.startsWith('local:ft:')) return undefined;
    const path = resolveLocalModel(modelRef.slice('local:'.length), options);
    return openLlamaCppTrainingTokenCounter(path);
  };
}
