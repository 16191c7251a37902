import { TunegateError } from '../../../spec/tunegate-error.js';
import {
  type GgmlTypeName,
  type GgufScalar,
  type GgufScalarType,
  type GgufValue,
  ggmlTypeIds,
  ggufValueTypeIds,
} from './gguf-value.js';

export const ggufMagic = 0x46554747; // "GGUF" read as a little-endian u32
export const ggufVersion = 3;

export interface GgufTensorHeader {
  name: string;
  type: GgmlTypeName;
  /** ne order: shape[0] is the fastest-varying dimension. */
  shape: readonly number[];
  /** Byte offset from the start of the tensor data section (already aligned). */
  offset: bigint;
}

const integerRanges: Partial<Record<GgufScalarType, [bigint, bigint]>> = {
  uint8: [0n, 255n],
  int8: [-128n, 127n],
  uint16: [0n, 65_535n],
  int16: [-32_768n, 32_767n],
  uint32: [0n, 4_294_967_295n],
  int32: [-2_147_483_648n, 2_147_483_647n],
  uint64: [0n, 2n ** 64n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
};

/** A growable little-endian byte buffer. */
class ByteSink {
  private bytes = new Uint8Array(4096);
  private view = new DataView(this.bytes.buffer);
  length = 0;

  private reserve(count: number): number {
    const start = this.length;
    if (start + count > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.bytes.length * 2, start + count));
      grown.set(this.bytes.subarray(0, start));
      this.bytes = grown;
      this.view = new DataView(grown.buffer);
    }
    this.length += count;
    return start;
  }

  u8(value: number) {
    const at = this.reserve(1);
    this.view.setUint8(at, value);
  }
  i8(value: number) {
    const at = this.reserve(1);
    this.view.setInt8(at, value);
  }
  u16(value: number) {
    const at = this.reserve(2);
    this.view.setUint16(at, value, true);
  }
  i16(value: number) {
    const at = this.reserve(2);
    this.view.setInt16(at, value, true);
  }
  u32(value: number) {
    const at = this.reserve(4);
    this.view.setUint32(at, value, true);
  }
  i32(value: number) {
    const at = this.reserve(4);
    this.view.setInt32(at, value, true);
  }
  u64(value: bigint) {
    const at = this.reserve(8);
    this.view.setBigUint64(at, value, true);
  }
  i64(value: bigint) {
    const at = this.reserve(8);
    this.view.setBigInt64(at, value, true);
  }
  f32(value: number) {
    const at = this.reserve(4);
    this.view.setFloat32(at, value, true);
  }
  f64(value: number) {
    const at = this.reserve(8);
    this.view.setFloat64(at, value, true);
  }
  raw(data: Uint8Array) {
    const start = this.reserve(data.length); // may swap in a bigger buffer, so reserve first
    this.bytes.set(data, start);
  }
  string(value: string) {
    const encoded = new TextEncoder().encode(value);
    this.u64(BigInt(encoded.length));
    this.raw(encoded);
  }
  padTo(alignment: number) {
    const padding = (alignment - (this.length % alignment)) % alignment;
    this.reserve(padding); // new bytes are already zero
  }
  result(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

function invalid(key: string, message: string): TunegateError {
  return new TunegateError('INVALID_DATA', `GGUF metadata "${key}": ${message}`);
}

function writeScalar(sink: ByteSink, key: string, type: GgufScalarType, value: GgufScalar) {
  if (type === 'string') {
    if (typeof value !== 'string') throw invalid(key, `expected a string, got ${typeof value}`);
    sink.string(value);
    return;
  }
  if (type === 'bool') {
    if (typeof value !== 'boolean') throw invalid(key, `expected a boolean, got ${typeof value}`);
    sink.u8(value ? 1 : 0);
    return;
  }
  if (typeof value !== 'number' && typeof value !== 'bigint') {
    throw invalid(key, `expected a number for ${type}, got ${typeof value}`);
  }
  if (type === 'float32' || type === 'float64') {
    const number = Number(value);
    if (type === 'float32') sink.f32(number);
    else sink.f64(number);
    return;
  }
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    throw invalid(key, `${value} is not a whole number that ${type} can hold exactly`);
  }
  const integer = BigInt(value);
  const [low, high] = integerRanges[type] ?? [0n, 0n];
  if (integer < low || integer > high) throw invalid(key, `${value} is out of range for ${type}`);
  const small = Number(integer);
  if (type === 'uint8') sink.u8(small);
  else if (type === 'int8') sink.i8(small);
  else if (type === 'uint16') sink.u16(small);
  else if (type === 'int16') sink.i16(small);
  else if (type === 'uint32') sink.u32(small);
  else if (type === 'int32') sink.i32(small);
  else if (type === 'uint64') sink.u64(integer);
  else sink.i64(integer);
}

function writeValue(sink: ByteSink, key: string, value: GgufValue) {
  sink.u32(ggufValueTypeIds[value.type]);
  if (value.type !== 'array') {
    writeScalar(sink, key, value.type, value.value);
    return;
  }
  sink.u32(ggufValueTypeIds[value.itemType]);
  sink.u64(BigInt(value.value.length));
  if (value.itemType === 'array') {
    // Nested arrays repeat the element header for every inner array.
    for (const inner of value.value as readonly GgufValue[]) {
      if (inner.type !== 'array') throw invalid(key, 'nested array holds a non-array');
      sink.u32(ggufValueTypeIds[inner.itemType]);
      sink.u64(BigInt(inner.value.length));
      for (const item of inner.value as readonly GgufScalar[]) {
        writeScalar(sink, key, inner.itemType as GgufScalarType, item);
      }
    }
    return;
  }
  for (const item of value.value as readonly GgufScalar[]) {
    writeScalar(sink, key, value.itemType, item);
  }
}

/** Header, metadata and tensor infos, padded so tensor data starts on `alignment`. */
export function encodeGgufHeader(
  metadata: ReadonlyArray<readonly [string, GgufValue]>,
  tensors: readonly GgufTensorHeader[],
  alignment: number,
): Uint8Array {
  const sink = new ByteSink();
  sink.u32(ggufMagic);
  sink.u32(ggufVersion);
  sink.u64(BigInt(tensors.length));
  sink.u64(BigInt(metadata.length));
  for (const [key, value] of metadata) {
    sink.string(key);
    writeValue(sink, key, value);
  }
  for (const tensor of tensors) {
    sink.string(tensor.name);
    sink.u32(tensor.shape.length);
    for (const dimension of tensor.shape) sink.u64(BigInt(dimension));
    sink.u32(ggmlTypeIds[tensor.type]);
    sink.u64(tensor.offset);
  }
  sink.padTo(alignment);
  return sink.result();
}
