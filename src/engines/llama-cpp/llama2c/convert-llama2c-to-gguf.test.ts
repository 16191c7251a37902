import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../../../../test/support/temporary-directory.js';
import type { TunegateError } from '../../../spec/tunegate-error.js';
import { ggufScalar, readGgufFile } from '../gguf/gguf-reader.js';
import { convertLlama2cToGguf } from './convert-llama2c-to-gguf.js';

// dim 4, hidden 6, 2 layers, 2 heads (head size 2), 1 kv head (kv dim 2), vocab 5, seq 3.
const header = [4, 6, 2, 2, 1, 5, 3];
// Float counts in llama2.c order: embedding 20, rms_att 8, wq 32, wk 16, wv 16, wo 32,
// rms_ffn 8, w1 48, w2 48, w3 48, rms_final 4, freq_cis 6 → 286, then wcls 20 if unshared.
const sharedFloats = 286;

/** Every weight float holds its own index, so a tensor's slice shows where it was read from. */
function checkpointBytes(options: { shared: boolean; extraFloats?: number }): Buffer {
  const floats = sharedFloats + (options.shared ? 0 : 20) + (options.extraFloats ?? 0);
  const buffer = Buffer.alloc(28 + floats * 4);
  header.forEach((value, index) => {
    buffer.writeInt32LE(index === 5 && !options.shared ? -value : value, index * 4);
  });
  for (let index = 0; index < floats; index++) buffer.writeFloatLE(index, 28 + index * 4);
  return buffer;
}

function tokenizerBytes(pieces: string[]): Buffer {
  const parts = [Buffer.from(new Int32Array([8]).buffer)];
  pieces.forEach((piece, index) => {
    const bytes = Buffer.from(piece, 'utf8');
    const entry = Buffer.alloc(8);
    entry.writeFloatLE(-index, 0);
    entry.writeInt32LE(bytes.length, 4);
    parts.push(entry, bytes);
  });
  return Buffer.concat(parts);
}

const pieces = ['<unk>', '\n<s>\n', '\n</s>\n', ' the', 'ab c'];

describe('convertLlama2cToGguf', () => {
  let folder: ReturnType<typeof temporaryDirectory>;
  const paths = () => ({
    checkpointPath: join(folder.path, 'tiny.bin'),
    tokenizerPath: join(folder.path, 'tok.bin'),
    outputPath: join(folder.path, 'out', 'tiny.gguf'),
    name: 'tiny',
  });
  beforeEach(() => {
    folder = temporaryDirectory('tunegate-llama2c-');
    writeFileSync(paths().tokenizerPath, tokenizerBytes(pieces));
  });
  afterEach(() => folder.remove());

  async function convertAndRead(shared: boolean) {
    writeFileSync(paths().checkpointPath, checkpointBytes({ shared }));
    const converted = await convertLlama2cToGguf(paths());
    const info = await readGgufFile(converted.path);
    const data = readFileSync(converted.path);
    const tensor = (name: string) => {
      const found = info.tensors.find((candidate) => candidate.name === name);
      if (!found) throw new Error(`no tensor ${name}`);
      const count = found.shape.reduce((product, n) => product * n, 1);
      const start = info.tensorDataOffset + Number(found.offset);
      const values = Array.from({ length: count }, (_, index) =>
        data.readFloatLE(start + index * 4),
      );
      return { shape: found.shape, first: values[0], last: values.at(-1), count };
    };
    return { converted, info, tensor };
  }

  it('maps every llama2.c array to its GGUF tensor, slice and ne shape', async () => {
    const { converted, info, tensor } = await convertAndRead(true);
    expect(converted.tensorCount).toBe(1 + 2 * 9 + 2);
    expect(converted.parameterCount).toBe(20 + 2 * (4 + 16 + 8 + 8 + 16 + 4 + 24 * 3) + 4 + 20);
    expect(tensor('token_embd.weight')).toEqual({ shape: [4, 5], first: 0, last: 19, count: 20 });
    expect(tensor('blk.0.attn_norm.weight')).toEqual({ shape: [4], first: 20, last: 23, count: 4 });
    expect(tensor('blk.1.attn_norm.weight')).toEqual({ shape: [4], first: 24, last: 27, count: 4 });
    expect(tensor('blk.1.attn_q.weight')).toEqual({
      shape: [4, 4],
      first: 44,
      last: 59,
      count: 16,
    });
    expect(tensor('blk.1.attn_k.weight')).toEqual({ shape: [4, 2], first: 68, last: 75, count: 8 });
    expect(tensor('blk.0.attn_v.weight')).toEqual({ shape: [4, 2], first: 76, last: 83, count: 8 });
    expect(tensor('blk.1.attn_output.weight')).toEqual({
      shape: [4, 4],
      first: 108,
      last: 123,
      count: 16,
    });
    expect(tensor('blk.1.ffn_norm.weight')).toEqual({
      shape: [4],
      first: 128,
      last: 131,
      count: 4,
    });
    expect(tensor('blk.0.ffn_gate.weight')).toEqual({
      shape: [4, 6],
      first: 132,
      last: 155,
      count: 24,
    });
    expect(tensor('blk.1.ffn_down.weight')).toEqual({
      shape: [6, 4],
      first: 204,
      last: 227,
      count: 24,
    });
    expect(tensor('blk.1.ffn_up.weight')).toEqual({
      shape: [4, 6],
      first: 252,
      last: 275,
      count: 24,
    });
    expect(tensor('output_norm.weight')).toEqual({ shape: [4], first: 276, last: 279, count: 4 });
    expect(tensor('output.weight')).toEqual({ shape: [4, 5], first: 0, last: 19, count: 20 });
    expect(ggufScalar(info, 'llama.rope.dimension_count')).toBe(2);
    expect(ggufScalar(info, 'llama.attention.head_count_kv')).toBe(1);
    expect(ggufScalar(info, 'llama.context_length')).toBe(3);
    expect(info.metadata.get('tokenizer.ggml.tokens')?.value).toEqual([
      '<unk>',
      '<s>',
      '</s>',
      '\u2581the',
      'ab\u2581c',
    ]);
    expect(info.metadata.get('tokenizer.ggml.token_type')?.value).toEqual([2, 3, 3, 1, 1]);
    expect(info.metadata.get('tokenizer.ggml.scores')?.value).toEqual([-0, -1, -2, -3, -4]);
  });

  it('reads an unshared classifier (negative vocab size) from after the rope tables', async () => {
    const { tensor } = await convertAndRead(false);
    expect(tensor('output.weight')).toEqual({ shape: [4, 5], first: 286, last: 305, count: 20 });
    expect(tensor('token_embd.weight').first).toBe(0);
  });

  async function failure(promise: Promise<unknown>): Promise<TunegateError> {
    const error = await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeDefined();
    return error as TunegateError;
  }

  it('refuses a truncated checkpoint, naming the file and the sizes', async () => {
    writeFileSync(paths().checkpointPath, checkpointBytes({ shared: true }).subarray(0, 500));
    const error = await failure(convertLlama2cToGguf(paths()));
    expect(error.code).toBe('INVALID_DATA');
    expect(error.message).toBe(
      `${paths().checkpointPath}: not a usable llama2.c checkpoint: file is truncated: its header (dim 4, hidden 6, 2 layers, 2 heads, 1 kv heads, vocab 5, seq 3) needs 1172 bytes, the file has 500`,
    );
    expect(existsSync(paths().outputPath)).toBe(false);
  });

  it('refuses a header that does not match the file size', async () => {
    writeFileSync(paths().checkpointPath, checkpointBytes({ shared: true, extraFloats: 3 }));
    const error = await failure(convertLlama2cToGguf(paths()));
    expect(error.code).toBe('INVALID_DATA');
    expect(error.message).toContain(
      'does not match the file size: it needs 1172 bytes, the file has 1184',
    );
  });

  it('refuses a file shorter than the header and a nonsense header', async () => {
    writeFileSync(paths().checkpointPath, Buffer.alloc(10));
    expect((await failure(convertLlama2cToGguf(paths()))).message).toContain(
      'file is truncated: 10 bytes, shorter than the 28-byte header',
    );
    const zeros = Buffer.alloc(100);
    writeFileSync(paths().checkpointPath, zeros);
    expect((await failure(convertLlama2cToGguf(paths()))).message).toContain(
      'header field dim is 0, expected a positive size',
    );
  });

  it('refuses a tokenizer whose vocabulary size differs from the checkpoint', async () => {
    writeFileSync(paths().checkpointPath, checkpointBytes({ shared: true }));
    writeFileSync(paths().tokenizerPath, tokenizerBytes([...pieces, 'extra']));
    const error = await failure(convertLlama2cToGguf(paths()));
    expect(error.code).toBe('INVALID_DATA');
    expect(error.message).toBe(
      `${paths().tokenizerPath}: tokenizer has 6 tokens but the checkpoint's vocabulary has 5: is it the tokenizer this model was trained with?`,
    );
    expect(readdirSync(folder.path).sort()).toEqual(['tiny.bin', 'tok.bin']);
  });

  it('refuses a tokenizer cut inside a token', async () => {
    writeFileSync(paths().checkpointPath, checkpointBytes({ shared: true }));
    writeFileSync(paths().tokenizerPath, tokenizerBytes(pieces).subarray(0, 40));
    const error = await failure(convertLlama2cToGguf(paths()));
    expect(error.message).toMatch(
      /tok\.bin: file is truncated: it ends at byte 40 while reading token 2/,
    );
  });
});
