import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gguf as parseWithHuggingFace } from '@huggingface/gguf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../../../../test/support/temporary-directory.js';
import { readGgufFile } from './gguf-reader.js';
import { type GgufValue, gguf } from './gguf-value.js';
import { writeGgufFile } from './gguf-writer.js';

const everyType: Record<string, GgufValue> = {
  'test.uint8': gguf.uint8(255),
  'test.int8': gguf.int8(-128),
  'test.uint16': gguf.uint16(65_535),
  'test.int16': gguf.int16(-32_768),
  'test.uint32': gguf.uint32(4_000_000_000),
  'test.int32': gguf.int32(-2_000_000_000),
  'test.uint64': gguf.uint64(2n ** 63n + 5n),
  'test.int64': gguf.int64(-(2n ** 40n)),
  'test.float32': gguf.float32(0.5),
  'test.float64': gguf.float64(1e-300),
  'test.bool_true': gguf.bool(true),
  'test.bool_false': gguf.bool(false),
  'test.string': gguf.string('héllo ▁wörld'),
  'test.strings': gguf.array('string', ['a', '', '▁b']),
  'test.int32s': gguf.array('int32', [1, -2, 3]),
  'test.float32s': gguf.array('float32', [0.25, -1.5]),
  'test.uint8s': gguf.array('uint8', [0, 7, 255]),
  'test.bools': gguf.array('bool', [true, false]),
  'test.empty': gguf.array('uint32', []),
};

describe('writeGgufFile', () => {
  let folder: ReturnType<typeof temporaryDirectory>;
  beforeEach(() => {
    folder = temporaryDirectory('tunegate-gguf-');
  });
  afterEach(() => folder.remove());

  it('writes the v3 header bytes exactly for a file with one key and no tensors', async () => {
    const path = join(folder.path, 'tiny.gguf');
    const { bytes } = await writeGgufFile(path, { metadata: { a: gguf.uint8(7) }, tensors: [] });
    const data = readFileSync(path);
    // magic, version 3, tensor count 0, kv count 1, key "a", type uint8 (0), value 7: 38 bytes, padded to 64
    const expected = Buffer.alloc(64);
    expected.write('GGUF', 0, 'latin1');
    expected.writeUInt32LE(3, 4);
    expected.writeBigUInt64LE(0n, 8);
    expected.writeBigUInt64LE(1n, 16);
    expected.writeBigUInt64LE(1n, 24);
    expected.write('a', 32, 'latin1');
    expected.writeUInt32LE(0, 33);
    expected.writeUInt8(7, 37);
    expect(bytes).toBe(64);
    expect(data.length).toBe(64);
    expect([...data]).toEqual([...expected]);
  });

  it('round-trips every value type through its own reader', async () => {
    const path = join(folder.path, 'types.gguf');
    await writeGgufFile(path, { metadata: everyType, tensors: [] });
    const info = await readGgufFile(path);
    expect(info.version).toBe(3);
    expect([...info.metadata.keys()]).toEqual(Object.keys(everyType));
    for (const [key, value] of Object.entries(everyType)) {
      const read = info.metadata.get(key);
      const normalized =
        value.type === 'uint64' || value.type === 'int64'
          ? { ...value, value: BigInt(value.value) }
          : value;
      expect(read, key).toEqual(normalized);
    }
  });

  it('round-trips every value type through @huggingface/gguf', async () => {
    const path = join(folder.path, 'types.gguf');
    await writeGgufFile(path, {
      metadata: { 'general.architecture': gguf.string('llama'), ...everyType },
      tensors: [],
    });
    const parsed = await parseWithHuggingFace(path, { allowLocalFile: true });
    const metadata = parsed.metadata as Record<string, unknown>;
    expect(metadata['test.uint8']).toBe(255);
    expect(metadata['test.int8']).toBe(-128);
    expect(metadata['test.uint16']).toBe(65_535);
    expect(metadata['test.int16']).toBe(-32_768);
    expect(metadata['test.uint32']).toBe(4_000_000_000);
    expect(metadata['test.int32']).toBe(-2_000_000_000);
    expect(metadata['test.uint64']).toBe(2n ** 63n + 5n);
    expect(metadata['test.int64']).toBe(-(2n ** 40n));
    expect(metadata['test.float32']).toBe(0.5);
    expect(metadata['test.float64']).toBe(1e-300);
    expect(metadata['test.bool_true']).toBe(true);
    expect(metadata['test.bool_false']).toBe(false);
    expect(metadata['test.string']).toBe('héllo ▁wörld');
    expect(metadata['test.strings']).toEqual(['a', '', '▁b']);
    expect(metadata['test.int32s']).toEqual([1, -2, 3]);
    expect(metadata['test.float32s']).toEqual([0.25, -1.5]);
    expect(metadata['test.uint8s']).toEqual([0, 7, 255]);
    expect(metadata['test.bools']).toEqual([true, false]);
    expect(metadata['test.empty']).toEqual([]);
  });

  it('places F32 tensors on aligned offsets in ne order, padding between them', async () => {
    const path = join(folder.path, 'tensors.gguf');
    const first = new Float32Array([1, 2, 3, 4, 5, 6]); // ne [3, 2]: 24 bytes → next at 32
    const second = new Float32Array([7, 8, 9]);
    await writeGgufFile(path, {
      metadata: { 'general.architecture': gguf.string('llama') },
      tensors: [
        { name: 'first', type: 'F32', shape: [3, 2], data: new Uint8Array(first.buffer) },
        {
          name: 'second',
          type: 'F32',
          shape: [3],
          data: async function* () {
            yield new Uint8Array(second.buffer, 0, 4);
            yield new Uint8Array(second.buffer, 4, 8);
          },
        },
      ],
    });
    const info = await readGgufFile(path);
    expect(
      info.tensors.map(({ name, shape, offset, typeId }) => ({ name, shape, offset, typeId })),
    ).toEqual([
      { name: 'first', shape: [3, 2], offset: 0n, typeId: 0 },
      { name: 'second', shape: [3], offset: 32n, typeId: 0 },
    ]);
    expect(info.tensorDataOffset % 32).toBe(0);
    const data = readFileSync(path);
    const floatsAt = (offset: number, count: number) => [
      ...new Float32Array(
        data.buffer.slice(data.byteOffset + offset, data.byteOffset + offset + count * 4),
      ),
    ];
    expect(floatsAt(info.tensorDataOffset, 6)).toEqual([1, 2, 3, 4, 5, 6]);
    expect([...data.subarray(info.tensorDataOffset + 24, info.tensorDataOffset + 32)]).toEqual(
      Array(8).fill(0),
    );
    expect(floatsAt(info.tensorDataOffset + 32, 3)).toEqual([7, 8, 9]);

    const parsed = await parseWithHuggingFace(path, { allowLocalFile: true });
    expect(parsed.tensorInfos.map((tensor) => [tensor.name, tensor.shape, tensor.offset])).toEqual([
      ['first', [3n, 2n], 0n],
      ['second', [3n], 32n],
    ]);
    expect(Number(parsed.tensorDataOffset)).toBe(info.tensorDataOffset);
  });

  it('records a non-default alignment as general.alignment and honours it', async () => {
    const path = join(folder.path, 'aligned.gguf');
    await writeGgufFile(path, {
      metadata: { 'general.architecture': gguf.string('llama') },
      alignment: 64,
      tensors: [
        { name: 'a', type: 'F32', shape: [1], data: new Uint8Array(4) },
        { name: 'b', type: 'F32', shape: [1], data: new Uint8Array(4) },
      ],
    });
    const info = await readGgufFile(path);
    expect(info.metadata.get('general.alignment')).toEqual({ type: 'uint32', value: 64 });
    expect(info.alignment).toBe(64);
    expect(info.tensorDataOffset % 64).toBe(0);
    expect(info.tensors[1]?.offset).toBe(64n);
    const parsed = await parseWithHuggingFace(path, { allowLocalFile: true });
    expect(Number(parsed.tensorDataOffset)).toBe(info.tensorDataOffset);
  });

  it('leaves nothing at the final path when writing fails part way', async () => {
    const path = join(folder.path, 'broken.gguf');
    const write = writeGgufFile(path, {
      metadata: {},
      tensors: [
        {
          name: 'a',
          type: 'F32',
          shape: [1024],
          data: async function* () {
            yield new Uint8Array(1024);
            throw new Error('disk went away');
          },
        },
      ],
    });
    await expect(write).rejects.toThrow('disk went away');
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(folder.path)).toEqual([]);
  });

  it('rejects tensor data of the wrong size and out-of-range values, naming them', async () => {
    const path = join(folder.path, 'bad.gguf');
    await expect(
      writeGgufFile(path, {
        metadata: {},
        tensors: [{ name: 'short', type: 'F32', shape: [4], data: new Uint8Array(12) }],
      }),
    ).rejects.toThrow('GGUF tensor "short" [4] F32 needs 16 bytes, got 12');
    await expect(
      writeGgufFile(path, { metadata: { big: gguf.uint8(256) }, tensors: [] }),
    ).rejects.toThrow('GGUF metadata "big": 256 is out of range for uint8');
    await expect(
      writeGgufFile(path, { metadata: { half: gguf.int32(1.5) }, tensors: [] }),
    ).rejects.toThrow('"half": 1.5 is not a whole number');
    expect(readdirSync(folder.path)).toEqual([]);
  });
});
