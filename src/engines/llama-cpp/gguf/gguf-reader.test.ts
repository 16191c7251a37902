import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../../../../test/support/temporary-directory.js';
import { TunegateError } from '../../../spec/tunegate-error.js';
import { describeGgufModel } from './describe-gguf-model.js';
import { readGgufFile } from './gguf-reader.js';
import { gguf } from './gguf-value.js';
import { writeGgufFile } from './gguf-writer.js';

describe('readGgufFile', () => {
  let folder: ReturnType<typeof temporaryDirectory>;
  beforeEach(() => {
    folder = temporaryDirectory('tunegate-gguf-');
  });
  afterEach(() => folder.remove());

  const writeSample = async (path: string) =>
    writeGgufFile(path, {
      metadata: {
        'general.architecture': gguf.string('llama'),
        'general.name': gguf.string('sample'),
        'llama.context_length': gguf.uint32(128),
        'tokenizer.ggml.tokens': gguf.array('string', ['a', 'b', 'c']),
      },
      tensors: [
        { name: 'w', type: 'F32', shape: [4, 3], data: new Uint8Array(48) },
        { name: 'n', type: 'F32', shape: [4], data: new Uint8Array(16) },
      ],
    });

  it('names the file and the bytes it found when the magic is wrong', async () => {
    const path = join(folder.path, 'model.gguf');
    writeFileSync(path, Buffer.from('PK\x03\x04 not a model at all'));
    const error = await readGgufFile(path).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TunegateError);
    expect((error as TunegateError).code).toBe('INVALID_DATA');
    expect((error as TunegateError).message).toBe(
      `${path}: not a GGUF file: it starts with bytes 50 4b 03 04, expected "GGUF" (47 47 55 46)`,
    );
  });

  it('reports a file cut inside the metadata as truncated', async () => {
    const path = join(folder.path, 'model.gguf');
    await writeSample(path);
    writeFileSync(path, readFileSync(path).subarray(0, 60));
    await expect(readGgufFile(path)).rejects.toThrow(
      `${path}: file is truncated: it ends at byte 60`,
    );
  });

  it('reports a file cut inside the tensor data as truncated, naming the tensor', async () => {
    const path = join(folder.path, 'model.gguf');
    await writeSample(path);
    const full = readFileSync(path);
    writeFileSync(path, full.subarray(0, full.length - 40));
    await expect(readGgufFile(path)).rejects.toThrow(
      /file is truncated: tensor "n" ends at byte \d+/,
    );
  });

  it('says FILE_NOT_FOUND for a missing file', async () => {
    const error = await readGgufFile(join(folder.path, 'nope.gguf')).catch(
      (caught: unknown) => caught,
    );
    expect((error as TunegateError).code).toBe('FILE_NOT_FOUND');
  });

  it('describes architecture, parameter count and context length', async () => {
    const path = join(folder.path, 'model.gguf');
    await writeSample(path);
    const facts = describeGgufModel(await readGgufFile(path));
    expect(facts).toEqual({
      architecture: 'llama',
      name: 'sample',
      parameterCount: 16,
      contextLength: 128,
      tensorCount: 2,
    });
  });
});
