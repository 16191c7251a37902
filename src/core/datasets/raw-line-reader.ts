import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';

export type RawLine =
  | { kind: 'line'; line: number; text: string; bytes: number }
  | { kind: 'invalid_utf8' | 'line_too_long'; line: number; bytes: number };

export interface RawLineOptions {
  /** A longer line is skipped and reported, never held in memory (default 32 MiB). */
  maxLineBytes?: number;
  /** Called after each chunk with the bytes read so far. */
  onProgress?: (bytesRead: number) => void;
}

export const defaultMaxLineBytes = 32 * 1024 * 1024;

/**
 * Streams a text file line by line from its raw bytes, so that invalid UTF-8 is seen (a
 * decoding stream would silently turn it into U+FFFD). Blank lines are skipped but counted;
 * a byte-order mark and a CR before the LF are dropped.
 */
export async function* readRawLines(
  file: string,
  options: RawLineOptions = {},
): AsyncGenerator<RawLine> {
  const maxLineBytes = options.maxLineBytes ?? defaultMaxLineBytes;
  const stream = createReadStream(file, { highWaterMark: 1024 * 1024 });
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let tooLong = false;
  let line = 0;
  let bytesRead = 0;
  const finish = (piece: Buffer): RawLine | undefined => {
    line += 1;
    const total = pendingBytes + piece.length;
    if (tooLong || total > maxLineBytes) {
      return { kind: 'line_too_long', line, bytes: total };
    }
    let bytes = pending.length === 0 ? piece : Buffer.concat([...pending, piece], total);
    if (bytes.length > 0 && bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, -1);
    if (line === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
      bytes = bytes.subarray(3);
    }
    if (isBlank(bytes)) return undefined;
    if (!isUtf8(bytes)) return { kind: 'invalid_utf8', line, bytes: bytes.length };
    return { kind: 'line', line, text: bytes.toString('utf8'), bytes: bytes.length };
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytesRead += chunk.length;
      let start = 0;
      for (;;) {
        const end = chunk.indexOf(0x0a, start);
        if (end === -1) break;
        const result = finish(chunk.subarray(start, end));
        pending = [];
        pendingBytes = 0;
        tooLong = false;
        if (result !== undefined) yield result;
        start = end + 1;
      }
      if (start < chunk.length) {
        const rest = chunk.subarray(start);
        pendingBytes += rest.length;
        // Past the limit the bytes are counted, not kept: one enormous line costs no memory.
        if (pendingBytes > maxLineBytes) {
          tooLong = true;
          pending = [];
        } else pending.push(rest);
      }
      options.onProgress?.(bytesRead);
    }
    if (pendingBytes > 0 || pending.length > 0) {
      const result = finish(Buffer.alloc(0));
      if (result !== undefined) yield result;
    }
  } finally {
    stream.destroy();
  }
}

function isBlank(bytes: Buffer): boolean {
  for (const byte of bytes) {
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) return false;
  }
  return true;
}
