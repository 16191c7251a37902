import { open } from 'node:fs/promises';
import { TunegateError } from '../../../spec/tunegate-error.js';
import { FileByteReader } from '../gguf/file-byte-reader.js';

export interface Llama2cTokenizer {
  path: string;
  maxTokenLength: number;
  /** Raw pieces as the file stores them (llama2.c writes the sentencepiece "▁" as a space). */
  pieces: string[];
  scores: number[];
}

/**
 * Reads a llama2.c tokenizer file: int32 max_token_length, then per token an f32 score, an
 * int32 byte length and the bytes. The file does not store its size, so the caller passes the
 * vocabulary size the checkpoint expects and any disagreement is reported.
 */
export async function readLlama2cTokenizer(
  path: string,
  vocabSize: number,
): Promise<Llama2cTokenizer> {
  const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new TunegateError(
      error.code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'INVALID_DATA',
      `${path}: cannot open tokenizer: ${error.message}`,
      { cause: error },
    );
  });
  try {
    const { size } = await handle.stat();
    const reader = new FileByteReader(handle, path, size);
    const maxTokenLength = await reader.i32('the tokenizer header (max_token_length)');
    if (maxTokenLength < 1 || maxTokenLength > 1 << 16) {
      throw new TunegateError(
        'INVALID_DATA',
        `${path}: not a llama2.c tokenizer: max_token_length is ${maxTokenLength}`,
      );
    }
    const decoder = new TextDecoder('utf-8', { fatal: false });
    const pieces: string[] = [];
    const scores: number[] = [];
    while (reader.position < size) {
      const what = `token ${pieces.length}`;
      if (size - reader.position < 8) throw reader.truncated(what);
      const score = await reader.f32(what);
      const length = await reader.i32(what);
      if (length < 0 || length > maxTokenLength) {
        throw new TunegateError(
          'INVALID_DATA',
          `${path}: ${what} has length ${length}, outside 0..${maxTokenLength} (not a llama2.c tokenizer?)`,
        );
      }
      pieces.push(decoder.decode(await reader.bytes(length, what)));
      scores.push(score);
    }
    if (pieces.length !== vocabSize) {
      throw new TunegateError(
        'INVALID_DATA',
        `${path}: tokenizer has ${pieces.length} tokens but the checkpoint's vocabulary has ${vocabSize}: is it the tokenizer this model was trained with?`,
      );
    }
    return { path, maxTokenLength, pieces, scores };
  } finally {
    await handle.close();
  }
}
