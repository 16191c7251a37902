import { TunegateError } from '../../spec/tunegate-error.js';
import type { GgufFileInfo } from '../llama-cpp/gguf/gguf-reader.js';
import type { PieceVocabulary } from './piece-vocabulary.js';

function arrayOf(info: GgufFileInfo, key: string): unknown[] {
  const value = info.metadata.get(key);
  if (value?.type !== 'array') {
    throw new TunegateError('INVALID_DATA', `${info.path}: GGUF metadata "${key}" is missing`);
  }
  return [...value.value];
}

/** The piece vocabulary a "llama" (sentencepiece) GGUF carries, for encoding outside llama.cpp. */
export function readPieceVocabulary(info: GgufFileInfo): PieceVocabulary {
  const model = info.metadata.get('tokenizer.ggml.model');
  if (model?.type !== 'string' || model.value !== 'llama') {
    throw new TunegateError(
      'INVALID_DATA',
      `${info.path}: not a sentencepiece ("llama") vocabulary`,
    );
  }
  return {
    pieces: arrayOf(info, 'tokenizer.ggml.tokens').map(String),
    scores: arrayOf(info, 'tokenizer.ggml.scores').map(Number),
    types: arrayOf(info, 'tokenizer.ggml.token_type').map(Number),
  };
}
