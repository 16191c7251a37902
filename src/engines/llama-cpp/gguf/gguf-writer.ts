import { randomBytes } from 'node:crypto';
import { type FileHandle, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { TunegateError } from '../../../spec/tunegate-error.js';
import { encodeGgufHeader, type GgufTensorHeader } from './gguf-header-encoder.js';
import { type GgmlTypeName, type GgufValue, ggmlBytesPerElement } from './gguf-value.js';

export const defaultGgufAlignment = 32;

/** Tensor bytes, either in memory or produced chunk by chunk (so big models never sit in RAM). */
export type GgufTensorData = Uint8Array | (() => AsyncIterable<Uint8Array>);

export interface GgufTensorToWrite {
  name: string;
  type: GgmlTypeName;
  /** ne order, as GGUF stores it: shape[0] is the fastest-varying dimension. */
  shape: readonly number[];
  /** Little-endian element bytes, exactly product(shape) × element size long. */
  data: GgufTensorData;
}

export interface GgufFileContent {
  /** Keys in file order; `general.alignment` is added when `alignment` is not the default. */
  metadata: Record<string, GgufValue> | ReadonlyArray<readonly [string, GgufValue]>;
  tensors: readonly GgufTensorToWrite[];
  alignment?: number;
}

export function tensorByteLength(tensor: Pick<GgufTensorToWrite, 'type' | 'shape'>): number {
  return (
    tensor.shape.reduce((product, dimension) => product * dimension, 1) *
    ggmlBytesPerElement[tensor.type]
  );
}

function alignUp(value: number, alignment: number): number {
  return Math.ceil(value / alignment) * alignment;
}

function metadataWithAlignment(content: GgufFileContent, alignment: number): [string, GgufValue][] {
  const entries: [string, GgufValue][] = Array.isArray(content.metadata)
    ? content.metadata.map(([key, value]) => [key, value])
    : Object.entries(content.metadata);
  const declared = entries.find(([key]) => key === 'general.alignment');
  if (declared) {
    if (declared[1].type !== 'uint32' || Number(declared[1].value) !== alignment) {
      throw new TunegateError(
        'INVALID_DATA',
        `GGUF metadata "general.alignment" must be a uint32 equal to the alignment ${alignment}`,
      );
    }
  } else if (alignment !== defaultGgufAlignment) {
    entries.push(['general.alignment', { type: 'uint32', value: alignment }]);
  }
  return entries;
}

function planTensors(tensors: readonly GgufTensorToWrite[], alignment: number): GgufTensorHeader[] {
  const names = new Set<string>();
  let offset = 0;
  return tensors.map((tensor) => {
    if (names.has(tensor.name)) {
      throw new TunegateError('INVALID_DATA', `GGUF tensor "${tensor.name}" appears twice`);
    }
    names.add(tensor.name);
    if (tensor.shape.length < 1 || tensor.shape.some((n) => !Number.isInteger(n) || n < 1)) {
      throw new TunegateError(
        'INVALID_DATA',
        `GGUF tensor "${tensor.name}" has an invalid shape [${tensor.shape.join(', ')}]`,
      );
    }
    const header = {
      name: tensor.name,
      type: tensor.type,
      shape: tensor.shape,
      offset: BigInt(offset),
    };
    offset = alignUp(offset + tensorByteLength(tensor), alignment);
    return header;
  });
}

async function writeTensorData(handle: FileHandle, tensor: GgufTensorToWrite): Promise<number> {
  const expected = tensorByteLength(tensor);
  let received = 0;
  const chunks = tensor.data instanceof Uint8Array ? [tensor.data] : tensor.data();
  for await (const chunk of chunks) {
    received += chunk.length;
    if (received > expected) break;
    await handle.write(chunk);
  }
  if (received !== expected) {
    throw new TunegateError(
      'INVALID_DATA',
      `GGUF tensor "${tensor.name}" [${tensor.shape.join(', ')}] ${tensor.type} needs ${expected} bytes, got ${received > expected ? 'more' : received}`,
    );
  }
  return expected;
}

/**
 * Writes a GGUF v3 file to a temporary name beside `path`, then renames it into place, so the
 * final path never holds a half-written model (a crash leaves only the temporary file behind).
 */
export async function writeGgufFile(
  path: string,
  content: GgufFileContent,
): Promise<{ bytes: number }> {
  const alignment = content.alignment ?? defaultGgufAlignment;
  if (!Number.isInteger(alignment) || alignment < 1 || alignment % 8 !== 0) {
    throw new TunegateError(
      'INVALID_DATA',
      `GGUF alignment must be a multiple of 8, got ${alignment}`,
    );
  }
  const metadata = metadataWithAlignment(content, alignment);
  const headers = planTensors(content.tensors, alignment);
  const header = encodeGgufHeader(metadata, headers, alignment);
  const temporary = join(
    dirname(path),
    `.${basename(path)}.${randomBytes(6).toString('hex')}.partial`,
  );
  const handle = await open(temporary, 'wx');
  let bytes = 0;
  try {
    await handle.write(header);
    bytes += header.length;
    for (const tensor of content.tensors) {
      const written = await writeTensorData(handle, tensor);
      const padding = alignUp(written, alignment) - written;
      if (padding > 0) await handle.write(new Uint8Array(padding));
      bytes += written + padding;
    }
    await handle.sync();
    await handle.close();
    await rename(temporary, path);
    return { bytes };
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}
