import { open } from 'node:fs/promises';
import { TunegateError } from '../../../spec/tunegate-error.js';
import { FileByteReader } from './file-byte-reader.js';
import { ggufMagic } from './gguf-header-encoder.js';
import {
  type GgufScalar,
  type GgufScalarType,
  type GgufValue,
  ggmlTypeIds,
  ggufTypeNameById,
} from './gguf-value.js';

export interface GgufTensorInfo {
  name: string;
  /** ggml type id (0 = F32, 1 = F16, others are quantized types). */
  typeId: number;
  /** ne order: shape[0] is the fastest-varying dimension. */
  shape: number[];
  /** Offset from the start of the tensor data section. */
  offset: bigint;
}

export interface GgufFileInfo {
  path: string;
  version: number;
  fileSize: number;
  alignment: number;
  metadata: Map<string, GgufValue>;
  tensors: GgufTensorInfo[];
  /** Absolute file offset where tensor data begins. */
  tensorDataOffset: number;
}

const scalarWidths: Record<GgufScalarType, number> = {
  uint8: 1,
  int8: 1,
  bool: 1,
  uint16: 2,
  int16: 2,
  uint32: 4,
  int32: 4,
  float32: 4,
  uint64: 8,
  int64: 8,
  float64: 8,
  string: 8,
};

function typeName(reader: FileByteReader, id: number, what: string) {
  const name = ggufTypeNameById.get(id);
  if (!name) {
    throw new TunegateError(
      'INVALID_DATA',
      `${reader.path}: unknown GGUF value type ${id} in ${what}`,
    );
  }
  return name;
}

async function readString(reader: FileByteReader, what: string): Promise<string> {
  const length = await reader.count(what, 1);
  return new TextDecoder().decode(await reader.bytes(length, what));
}

async function readScalar(
  reader: FileByteReader,
  type: GgufScalarType,
  what: string,
): Promise<GgufScalar> {
  switch (type) {
    case 'uint8':
      return reader.u8(what);
    case 'int8':
      return reader.i8(what);
    case 'uint16':
      return reader.u16(what);
    case 'int16':
      return reader.i16(what);
    case 'uint32':
      return reader.u32(what);
    case 'int32':
      return reader.i32(what);
    case 'uint64':
      return reader.u64(what);
    case 'int64':
      return reader.i64(what);
    case 'float32':
      return reader.f32(what);
    case 'float64':
      return reader.f64(what);
    case 'bool':
      return (await reader.u8(what)) !== 0;
    case 'string':
      return readString(reader, what);
  }
}

async function readValue(reader: FileByteReader, typeId: number, what: string): Promise<GgufValue> {
  const type = typeName(reader, typeId, what);
  if (type !== 'array') {
    return { type, value: await readScalar(reader, type, what) } as GgufValue;
  }
  const itemType = typeName(reader, await reader.u32(what), what);
  if (itemType === 'array') {
    const length = await reader.count(what, 12);
    const items: GgufValue[] = [];
    for (let index = 0; index < length; index++) {
      items.push(await readValue(reader, 9, what));
    }
    return { type: 'array', itemType, value: items };
  }
  const length = await reader.count(what, scalarWidths[itemType]);
  const items: GgufScalar[] = [];
  for (let index = 0; index < length; index++) items.push(await readScalar(reader, itemType, what));
  return { type: 'array', itemType, value: items };
}

function checkTensorsFit(info: GgufFileInfo): void {
  for (const tensor of info.tensors) {
    const width = tensor.typeId === ggmlTypeIds.F32 ? 4 : tensor.typeId === ggmlTypeIds.F16 ? 2 : 0;
    if (width === 0) continue; // quantized block sizes are not tracked here
    const elements = tensor.shape.reduce((product, dimension) => product * dimension, 1);
    const end = info.tensorDataOffset + Number(tensor.offset) + elements * width;
    if (end > info.fileSize) {
      throw new TunegateError(
        'INVALID_DATA',
        `${info.path}: file is truncated: tensor "${tensor.name}" ends at byte ${end} but the file has ${info.fileSize} bytes`,
      );
    }
  }
}

/** Reads the header, metadata and tensor infos of a GGUF file (v2 or v3), not the tensor data. */
export async function readGgufFile(path: string): Promise<GgufFileInfo> {
  const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new TunegateError(
      error.code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'INVALID_DATA',
      `${path}: cannot open GGUF file: ${error.message}`,
      { cause: error },
    );
  });
  try {
    const { size } = await handle.stat();
    const reader = new FileByteReader(handle, path, size);
    const magic = await reader.bytes(4, 'the GGUF magic');
    if (new DataView(magic.buffer).getUint32(0, true) !== ggufMagic) {
      const shown = [...magic].map((byte) => byte.toString(16).padStart(2, '0')).join(' ');
      throw new TunegateError(
        'INVALID_DATA',
        `${path}: not a GGUF file: it starts with bytes ${shown}, expected "GGUF" (47 47 55 46)`,
      );
    }
    const version = await reader.u32('the GGUF version');
    if (version !== 2 && version !== 3) {
      throw new TunegateError(
        'INVALID_DATA',
        `${path}: unsupported GGUF version ${version} (expected 2 or 3)`,
      );
    }
    const tensorCount = await reader.count('the tensor count', 24);
    const metadataCount = await reader.count('the metadata count', 12);
    const metadata = new Map<string, GgufValue>();
    for (let index = 0; index < metadataCount; index++) {
      const key = await readString(reader, `metadata key #${index}`);
      metadata.set(
        key,
        await readValue(reader, await reader.u32(`metadata "${key}"`), `metadata "${key}"`),
      );
    }
    const tensors: GgufTensorInfo[] = [];
    for (let index = 0; index < tensorCount; index++) {
      const name = await readString(reader, `tensor info #${index}`);
      const what = `tensor info "${name}"`;
      const dimensions = await reader.u32(what);
      if (dimensions > 8)
        throw new TunegateError('INVALID_DATA', `${path}: ${what} has ${dimensions} dimensions`);
      const shape: number[] = [];
      for (let axis = 0; axis < dimensions; axis++) shape.push(Number(await reader.u64(what)));
      const typeId = await reader.u32(what);
      tensors.push({ name, typeId, shape, offset: await reader.u64(what) });
    }
    const declared = metadata.get('general.alignment');
    const alignment = declared && declared.type !== 'array' ? Number(declared.value) : 32;
    const tensorDataOffset = Math.ceil(reader.position / alignment) * alignment;
    const info = { path, version, fileSize: size, alignment, metadata, tensors, tensorDataOffset };
    checkTensorsFit(info);
    return info;
  } finally {
    await handle.close();
  }
}

/** The plain value of a scalar metadata key, or undefined when it is missing or an array. */
export function ggufScalar(
  info: Pick<GgufFileInfo, 'metadata'>,
  key: string,
): GgufScalar | undefined {
  const entry = info.metadata.get(key);
  return entry && entry.type !== 'array' ? entry.value : undefined;
}
