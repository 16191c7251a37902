import { gzipSync } from 'node:zlib';

/**
 * Compression ratio: UTF-8 bytes of the outputs joined by single spaces ÷ bytes of the same
 * text after `gzipSync` at zlib's default level (header and trailer included). Higher means
 * more repeated material, so less diverse. With no outputs, or outputs that join to no bytes,
 * there is nothing to compress: `undefined`.
 */
export function compressionRatio(outputs: readonly string[]): number | undefined {
  if (outputs.length === 0) return undefined;
  const bytes = Buffer.from(outputs.join(' '), 'utf8');
  if (bytes.length === 0) return undefined;
  return bytes.length / gzipSync(bytes).length;
}
