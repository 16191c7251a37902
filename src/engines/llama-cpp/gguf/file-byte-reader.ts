import type { FileHandle } from 'node:fs/promises';
import { TunegateError } from '../../../spec/tunegate-error.js';

const chunkSize = 1 << 16;

/** Sequential little-endian reads from a file, buffered, with "truncated" errors naming the file. */
export class FileByteReader {
  private buffer = new Uint8Array(0);
  private view = new DataView(this.buffer.buffer);
  private bufferStart = 0;
  position = 0;

  constructor(
    private readonly handle: FileHandle,
    readonly path: string,
    readonly size: number,
  ) {}

  truncated(what: string): TunegateError {
    return new TunegateError(
      'INVALID_DATA',
      `${this.path}: file is truncated: it ends at byte ${this.size} while reading ${what}`,
    );
  }

  /** Makes `count` bytes from the current position available; returns their buffer offset. */
  private async need(count: number, what: string): Promise<number> {
    if (this.position + count > this.size) throw this.truncated(what);
    const offset = this.position - this.bufferStart;
    if (offset >= 0 && offset + count <= this.buffer.length) return offset;
    const length = Math.min(Math.max(count, chunkSize), this.size - this.position);
    const fresh = new Uint8Array(length);
    const { bytesRead } = await this.handle.read(fresh, 0, length, this.position);
    if (bytesRead < count) throw this.truncated(what);
    this.buffer = fresh;
    this.view = new DataView(fresh.buffer);
    this.bufferStart = this.position;
    return 0;
  }

  async bytes(count: number, what: string): Promise<Uint8Array> {
    const offset = await this.need(count, what);
    this.position += count;
    return this.buffer.slice(offset, offset + count);
  }

  async u8(what: string): Promise<number> {
    const offset = await this.need(1, what);
    this.position += 1;
    return this.view.getUint8(offset);
  }
  async i8(what: string): Promise<number> {
    const offset = await this.need(1, what);
    this.position += 1;
    return this.view.getInt8(offset);
  }
  async u16(what: string): Promise<number> {
    const offset = await this.need(2, what);
    this.position += 2;
    return this.view.getUint16(offset, true);
  }
  async i16(what: string): Promise<number> {
    const offset = await this.need(2, what);
    this.position += 2;
    return this.view.getInt16(offset, true);
  }
  async u32(what: string): Promise<number> {
    const offset = await this.need(4, what);
    this.position += 4;
    return this.view.getUint32(offset, true);
  }
  async i32(what: string): Promise<number> {
    const offset = await this.need(4, what);
    this.position += 4;
    return this.view.getInt32(offset, true);
  }
  async u64(what: string): Promise<bigint> {
    const offset = await this.need(8, what);
    this.position += 8;
    return this.view.getBigUint64(offset, true);
  }
  async i64(what: string): Promise<bigint> {
    const offset = await this.need(8, what);
    this.position += 8;
    return this.view.getBigInt64(offset, true);
  }
  async f32(what: string): Promise<number> {
    const offset = await this.need(4, what);
    this.position += 4;
    return this.view.getFloat32(offset, true);
  }
  async f64(what: string): Promise<number> {
    const offset = await this.need(8, what);
    this.position += 8;
    return this.view.getFloat64(offset, true);
  }

  /** A u64 count that must fit in what is left of the file (so a corrupt length fails fast). */
  async count(what: string, bytesPerItem: number): Promise<number> {
    const value = await this.u64(what);
    if (value * BigInt(bytesPerItem) > BigInt(this.size - this.position))
      throw this.truncated(what);
    return Number(value);
  }
}
